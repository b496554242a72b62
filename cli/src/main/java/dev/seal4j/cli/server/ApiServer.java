package dev.seal4j.cli.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.seal4j.engine.tokenizer.Tokenizer;
import dev.seal4j.seal.continual.ContinualLearner;
import dev.seal4j.seal.continual.LearnerWorker;
import dev.seal4j.seal.continual.VersionManifest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The HTTP server of {@code seal serve}, on the JDK's HttpServer with a virtual thread per request:
 * <pre>
 * POST /v1/chat/completions, /v1/completions   OpenAI-compatible generation (SSE with stream: true)
 * GET  /v1/models[/ID]                         the current version first, then earlier ones
 * GET  /health, /metrics                       liveness; Prometheus text
 * POST /v1/documents, /v1/feedback             learning inputs (bearer token)
 * GET/POST /admin/...                          status, versions, approvals, rollback, ledger (bearer token)
 * GET  /dashboard/                             the operator's page
 * </pre>
 * Every error is an OpenAI-style JSON error with a 4xx (or 500) status.
 */
public final class ApiServer implements AutoCloseable {
    /** The JDK server's limit, in seconds, on reading one request: headers and body (by default: none). */
    private static final String REQUEST_TIMEOUT_PROPERTY = "sun.net.httpserver.maxReqTime";
    private final HttpServer server;
    private final ExecutorService executor;
    private final ContinualLearner learner;
    private final ModelVersions versions;
    private final ServerLimits limits;
    private final AdminToken token;
    private final ServerMetrics metrics;
    private final CompletionsEndpoint chat;
    private final CompletionsEndpoint text;
    private final LearningEndpoints learning;
    private final AdminEndpoints admin;
    private final Dashboard dashboard = new Dashboard();

    private ApiServer(HttpServer server, ExecutorService executor, ContinualLearner learner, LearnerWorker worker,
                      Tokenizer tokenizer, String servedName, ServerLimits limits, AdminToken token) {
        this.server = server;
        this.executor = executor;
        this.learner = learner;
        this.versions = new ModelVersions(learner, servedName);
        this.limits = limits;
        this.token = token;
        this.metrics = new ServerMetrics(learner);
        List<CompletionsEndpoint> both = CompletionsEndpoint.both(versions, tokenizer, limits, metrics);
        this.chat = both.get(0);
        this.text = both.get(1);
        this.learning = new LearningEndpoints(learner, worker, limits.maxBodyBytes());
        this.admin = new AdminEndpoints(learner, worker, versions, limits.maxBodyBytes());
    }

    /**
     * Starts serving on {@code address} (port 0: any free port). The JDK's server reads its request timeout once
     * per process, when the first server starts: later servers of the same process keep the first one's.
     */
    public static ApiServer start(InetSocketAddress address, ContinualLearner learner, LearnerWorker worker,
                                  Tokenizer tokenizer, String servedName, ServerLimits limits, AdminToken token) {
        if (System.getProperty(REQUEST_TIMEOUT_PROPERTY) == null) {
            System.setProperty(REQUEST_TIMEOUT_PROPERTY, Long.toString(Math.max(1, limits.requestTimeout().toSeconds())));
        }
        try {
            HttpServer server = HttpServer.create(address, 128);
            ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
            ApiServer api = new ApiServer(server, executor, learner, worker, tokenizer, servedName, limits, token);
            server.createContext("/", api::handle);
            server.setExecutor(executor);
            server.start();
            return api;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + address + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange ex) {
        long start = System.nanoTime();
        String path = ex.getRequestURI().getPath();
        String route = route(path);
        int status = 500;
        try (ex) {
            try {
                dispatch(ex, path);
            } catch (ApiError e) {
                if (ex.getResponseCode() == -1) {
                    Http.sendError(ex, e);
                }
            } catch (UncheckedIOException e) {
                // the client went away mid-stream
            } catch (RuntimeException e) {
                if (ex.getResponseCode() == -1) {
                    Http.sendError(ex, new ApiError(500, "server_error", "internal_error", null,
                            "the server failed on this request; its log says why", null));
                }
                System.err.println("seal: internal error on " + ex.getRequestMethod() + " " + path + ": " + e);
            }
            status = ex.getResponseCode();
        } catch (IOException e) {
            // the client went away
        } finally {
            metrics.request(route, status, System.nanoTime() - start);
        }
    }

    private void dispatch(HttpExchange ex, String path) throws IOException {
        String method = ex.getRequestMethod();
        switch (path) {
            case "/v1/chat/completions", "/v1/completions" -> {
                require(method, "POST", path);
                if (limits.protectChat()) {
                    token.require(ex);
                }
                (path.equals("/v1/completions") ? text : chat).handle(ex);
            }
            case "/v1/models" -> {
                require(method, "GET", path);
                Http.send(ex, 200, Map.of("object", "list", "data", models()));
            }
            case "/health" -> Http.send(ex, 200, Map.of("status", "ok", "model", versions.idOf(learner.served().manifest())));
            case "/metrics" -> Http.sendText(ex, 200, "text/plain; version=0.0.4; charset=utf-8",
                    metrics.scrape().getBytes(StandardCharsets.UTF_8));
            case "/v1/documents", "/v1/feedback" -> {
                require(method, "POST", path);
                token.require(ex);
                if (path.equals("/v1/documents")) {
                    learning.document(ex);
                } else {
                    learning.feedback(ex);
                }
            }
            case "/" -> {
                ex.getResponseHeaders().set("Location", "/dashboard/");
                ex.sendResponseHeaders(302, -1);
            }
            default -> {
                if (path.startsWith("/v1/models/")) {
                    String id = path.substring("/v1/models/".length());
                    Http.send(ex, 200, models().stream().filter(m -> m.get("id").equals(id)).findFirst()
                            .orElseThrow(() -> ApiError.notFound("model_not_found", "the model '" + id + "' does not exist")));
                } else if (path.startsWith("/admin/")) {
                    token.require(ex);
                    admin.handle(ex, path);
                } else if (path.startsWith("/dashboard")) {
                    require(method, "GET", path);
                    dashboard.serve(ex, path);
                } else {
                    throw ApiError.notFound("not_found", "no such endpoint: " + method + " " + path);
                }
            }
        }
    }

    private static void require(String method, String wanted, String path) {
        if (!method.equals(wanted)) {
            throw ApiError.methodNotAllowed(method, path, wanted);
        }
    }

    /** The current version first, then the others newest first. */
    private List<Map<String, Object>> models() {
        VersionManifest current = learner.served().manifest();
        List<VersionManifest> all = new ArrayList<>(learner.versions().list());
        all.sort(Comparator.comparing((VersionManifest m) -> m.version() != current.version())
                .thenComparing(VersionManifest::version, Comparator.reverseOrder()));
        List<Map<String, Object>> out = new ArrayList<>();
        for (VersionManifest m : all) {
            Map<String, Object> model = new LinkedHashMap<>();
            model.put("id", versions.idOf(m));
            model.put("object", "model");
            model.put("created", java.time.Instant.parse(m.created()).getEpochSecond());
            model.put("owned_by", "seal4j");
            model.put("version", m.version());
            model.put("current", m.version() == current.version());
            out.add(model);
        }
        return out;
    }

    /** A low-cardinality label for metrics. */
    private static String route(String path) {
        if (path.startsWith("/admin/updates/")) {
            return "/admin/updates";
        }
        if (path.startsWith("/dashboard")) {
            return "/dashboard";
        }
        if (path.startsWith("/v1/models/")) {
            return "/v1/models";
        }
        return List.of("/v1/chat/completions", "/v1/completions", "/v1/models", "/health", "/metrics", "/v1/documents",
                "/v1/feedback", "/admin/status", "/admin/versions", "/admin/updates", "/admin/ledger",
                "/admin/ledger/verify", "/admin/curves", "/admin/rollback", "/").contains(path) ? path : "other";
    }

    /** Stops accepting requests, lets those in flight finish for up to a second. */
    @Override
    public void close() {
        server.stop(1);
        executor.shutdown();
    }
}
