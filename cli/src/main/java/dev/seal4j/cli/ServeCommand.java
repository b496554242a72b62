package dev.seal4j.cli;

import dev.seal4j.cli.server.AdminToken;
import dev.seal4j.cli.server.ApiServer;
import dev.seal4j.cli.server.ServerLimits;
import dev.seal4j.seal.continual.ContinualJson;
import dev.seal4j.seal.continual.LearnerWorker;
import dev.seal4j.seal.continual.Outcome;
import dev.seal4j.seal.continual.StateDir;
import dev.seal4j.seal.continual.WatchedDirectory;
import dev.seal4j.engine.format.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code seal serve}: the OpenAI-compatible API over the current model version, with continual learning from
 * documents, feedback and a watched directory behind the gates, and the operator's dashboard.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Serve a model over an OpenAI-compatible HTTP API and let it learn continually, with safeguards.",
                "Endpoints: POST /v1/chat/completions, /v1/completions (stream: true for SSE); GET /v1/models, /health, "
                        + "/metrics; POST /v1/documents, /v1/feedback and /admin/* (bearer token in STATE/admin-token); "
                        + "the dashboard at /dashboard/.",
                "Each input becomes K self-edits, each applied as a LoRA fine-tune and scored on probes; the best must "
                        + "pass the gates (divergence, probe gain, retention, weight change, rate limits) and, with "
                        + "--approval, a person. Every step is logged in STATE/ledger.db.",
                "Prints one JSON line {\"url\", \"model\", \"dashboard\"} on stdout when it listens; runs until killed."},
        footerHeading = "%nExamples:%n",
        footer = {"  seal serve --model models/tiny-world --state state --port 8080",
                "  seal serve --model Qwen2.5-0.5B-Instruct --state state --approval \\",
                "      --held-out general.json --watch inbox/"})
final class ServeCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Mixin
    ModelOptions modelOptions;

    @Option(names = "--state", paramLabel = "DIR", defaultValue = "seal-state",
            description = "The state directory: versions, ledger, queue, token (default: ${DEFAULT-VALUE}).")
    Path state;

    @Option(names = "--host", paramLabel = "ADDR", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", paramLabel = "P", defaultValue = "8080", description = "Port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--served-name", paramLabel = "NAME", description = "Model name for clients (default: the model's file name).")
    String servedName;

    @Option(names = "--watch", paramLabel = "DIR", description = "Learn from files dropped into this directory.")
    Path watch;

    @Option(names = "--max-request-bytes", paramLabel = "N", defaultValue = "1048576",
            description = "Largest request body (default: ${DEFAULT-VALUE}).")
    long maxRequestBytes;

    @Option(names = "--max-tokens-limit", paramLabel = "N", defaultValue = "1024",
            description = "Largest max_tokens a request may ask for (default: ${DEFAULT-VALUE}).")
    int maxTokensLimit;

    @Option(names = "--default-max-tokens", paramLabel = "N", defaultValue = "256",
            description = "max_tokens when a request gives none (default: ${DEFAULT-VALUE}).")
    int defaultMaxTokens;

    @Option(names = "--max-concurrent", paramLabel = "N", defaultValue = "4",
            description = "Generations at once; more wait (default: ${DEFAULT-VALUE}).")
    int maxConcurrent;

    @Option(names = "--protect-chat", description = "Completions need the bearer token too.")
    boolean protectChat;

    @Option(names = "--request-timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "Longest a client may take to send a request, headers and body; slower connections are "
                    + "closed (default: ${DEFAULT-VALUE}).")
    int requestTimeout;

    @Mixin
    ContinualOptions continual;

    @Override
    public Integer call() throws Exception {
        Inputs.check(port >= 0 && port <= 65_535, "--port must be between 0 and 65535 (0: any free port), got " + port);
        Inputs.check(maxRequestBytes >= 1024, "--max-request-bytes must be >= 1024");
        Inputs.check(defaultMaxTokens >= 1 && defaultMaxTokens <= maxTokensLimit,
                "--default-max-tokens must be between 1 and --max-tokens-limit");
        Inputs.check(maxConcurrent >= 1, "--max-concurrent must be >= 1");
        Inputs.check(requestTimeout >= 1 && requestTimeout <= 86_400, "--request-timeout must be between 1 and 86400 seconds, got "
                + requestTimeout);
        PrintStream err = main.io().err();
        Path existingToken = new StateDir(state.toAbsolutePath().normalize()).adminToken();
        if (Files.exists(existingToken)) {
            AdminToken.read(existingToken); // a weak token is refused before the state is touched
        }
        ContinualSession session = ContinualSession.open(state, modelOptions.model, modelOptions.tokenizer, continual);
        AdminToken token = AdminToken.loadOrCreate(session.state.adminToken());
        LearnerWorker worker = new LearnerWorker(session.learner, o -> report(err, o), 1000);
        String name = servedName != null ? servedName : modelOptions.model.toAbsolutePath().normalize().getFileName().toString();
        ApiServer api = ApiServer.start(new InetSocketAddress(host, port), session.learner, worker, session.model.tokenizer,
                name, new ServerLimits(maxRequestBytes, maxTokensLimit, defaultMaxTokens, maxConcurrent, protectChat,
                        Duration.ofSeconds(requestTimeout)), token);
        String url = "http://" + host + ":" + api.port();
        AtomicFiles.write(session.state.serverInfo(), ContinualJson.pretty(Map.of("url", url,
                "pid", ProcessHandle.current().pid())));
        worker.start();
        if (watch != null) {
            WatchedDirectory dir = new WatchedDirectory(watch, session.learner);
            Thread.ofVirtual().name("seal-watch").start(() -> watchLoop(dir, worker, err));
        }
        String model = session.learner.served().manifest().modelId(name);
        main.io().out().println(ContinualJson.write(Map.of("url", url, "model", model, "dashboard", url + "/dashboard/")));
        main.io().out().flush();
        err.println("seal: serving " + model + " on " + url + " (dashboard " + url + "/dashboard/, admin token in "
                + session.state.adminToken() + ")");
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            api.close();
            stop.countDown();
        }));
        stop.await();
        return 0;
    }

    private static void watchLoop(WatchedDirectory dir, LearnerWorker worker, PrintStream err) {
        while (true) {
            try {
                if (dir.scan() > 0) {
                    worker.wake();
                }
                Thread.sleep(2000);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                err.println("seal: watched directory: " + e.getMessage());
            }
        }
    }

    private static void report(PrintStream err, Outcome o) {
        switch (o.kind()) {
            case IDLE, WAITING, DEFERRED -> {
            }
            default -> err.println("seal: " + (o.inputId() == null ? "" : o.inputId() + " ")
                    + o.kind().name().toLowerCase(java.util.Locale.ROOT) + ": " + o.detail());
        }
    }
}
