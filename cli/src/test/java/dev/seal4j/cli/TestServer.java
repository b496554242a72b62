package dev.seal4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seal4j.cli.server.AdminToken;
import dev.seal4j.cli.server.ApiServer;
import dev.seal4j.cli.server.ServerLimits;
import dev.seal4j.engine.model.LoraConfig;
import dev.seal4j.engine.model.LoraTarget;
import dev.seal4j.seal.continual.BaseModelFiles;
import dev.seal4j.seal.continual.ContinualLearner;
import dev.seal4j.seal.continual.GateConfig;
import dev.seal4j.seal.continual.LearnerConfig;
import dev.seal4j.seal.continual.LearnerSetup;
import dev.seal4j.seal.continual.LearnerWorker;
import dev.seal4j.seal.continual.StateDir;
import dev.seal4j.seal.eval.ExactMatchGrader;
import dev.seal4j.seal.inner.InnerLoopConfig;
import dev.seal4j.seal.selfedit.SelfEditFormat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * A server in this JVM over the tiny chat model (random weights, context 1024), with a small learner: two
 * self-edits of at most 24 tokens, LoRA rank 4 for 2 epochs. Tests check behaviour, not accuracy.
 */
final class TestServer implements AutoCloseable {
    static final LearnerConfig LEARNER = new LearnerConfig(SelfEditFormat.IMPLICATIONS, 2, 24, 1f, 0.95f, 4, 24,
            new InnerLoopConfig(new LoraConfig(4, 8f, 0f, EnumSet.of(LoraTarget.Q_PROJ, LoraTarget.V_PROJ)), 1e-3f, 2, 1,
                    InnerLoopConfig.PAPER_QUESTION_TEMPLATE, 6, false, 0), 50, 1);
    static final ServerLimits LIMITS = new ServerLimits(64 * 1024, 64, 16, 4, false, ServerLimits.DEFAULT_REQUEST_TIMEOUT);

    final LoadedModel model;
    final StateDir state;
    final ContinualLearner learner;
    final LearnerWorker worker;
    final ApiServer api;
    final String url;
    final String token;
    private final HttpClient http = HttpClient.newHttpClient();

    private TestServer(LoadedModel model, StateDir state, ContinualLearner learner, LearnerWorker worker, ApiServer api) {
        this.model = model;
        this.state = state;
        this.learner = learner;
        this.worker = worker;
        this.api = api;
        this.url = "http://127.0.0.1:" + api.port();
        this.token = AdminToken.read(state.adminToken());
    }

    static TestServer start(Path tmp, GateConfig gates, int maxQueued) {
        Path dir = TestFiles.longChatModel(tmp.resolve("model"));
        LoadedModel m = LoadedModel.open(dir, null, true);
        StateDir state = StateDir.create(tmp.resolve("state"));
        ContinualLearner learner = ContinualLearner.open(new LearnerSetup(state, m.model, BaseModelFiles.describe(dir),
                m.tokenizer, LEARNER, gates, List.of(), new ExactMatchGrader(), maxQueued, Clock.systemUTC()));
        LearnerWorker worker = new LearnerWorker(learner, o -> { }, 200);
        ApiServer api = ApiServer.start(new InetSocketAddress("127.0.0.1", 0), learner, worker, m.tokenizer, "tiny",
                LIMITS, AdminToken.loadOrCreate(state.adminToken()));
        worker.start();
        return new TestServer(m, state, learner, worker, api);
    }

    /** No gates but the ones given by the test: everything is accepted. */
    static GateConfig open() {
        return GateConfig.none();
    }

    /** Every update waits for approval. */
    static GateConfig approval() {
        return new GateConfig(1, Double.NEGATIVE_INFINITY, false, Double.POSITIVE_INFINITY, 100, Duration.ZERO, 0, 0, true);
    }

    /** A response: status and parsed JSON body (null when not JSON). */
    record Response(int status, String body, java.net.http.HttpHeaders headers) {
        JsonNode json() {
            return TestFiles.json(body);
        }

        String errorMessage() {
            return json().path("error").path("message").asText();
        }
    }

    Response get(String path, boolean auth) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + path)).GET();
        if (auth) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b.build());
    }

    Response post(String path, String json, boolean auth) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (auth) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b.build());
    }

    Response send(HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body(), r.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Polls until {@code condition} holds (fails after {@code seconds}). */
    static void await(String what, int seconds, BooleanSupplier condition) {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A chat completion request for "hello" (8 tokens, greedy) with {@code extra} fields (", \"n\": 2"). */
    static String chat(String extra) {
        return "{\"messages\": [{\"role\": \"user\", \"content\": \"hello\"}], \"max_tokens\": 8, \"temperature\": 0" + extra + "}";
    }

    static String doc(String title) {
        return "{\"title\": \"" + title + "\", \"text\": \"" + title + " was born in Velora and works at Quint Labs.\","
                + " \"questions\": [{\"question\": \"Where was " + title + " born?\", \"answer\": \"Velora\"}]}";
    }

    @Override
    public void close() {
        api.close();
        worker.close();
        learner.close();
        model.close();
    }
}
