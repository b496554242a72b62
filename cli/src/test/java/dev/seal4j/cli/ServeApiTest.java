package dev.seal4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seal4j.seal.continual.Ledger;
import dev.seal4j.seal.continual.LedgerVerifier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The OpenAI-compatible API and the learning endpoints of one server with open gates. */
class ServeApiTest {
    @TempDir
    static Path tmp;
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(tmp, TestServer.open(), 20);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String chat(String extra) {
        return TestServer.chat(extra);
    }

    @Test
    void chatCompletionHasTheOpenAiShape() {
        TestServer.Response r = server.post("/v1/chat/completions", chat(""), false);
        assertEquals(200, r.status(), r.body());
        JsonNode j = r.json();
        assertEquals("chat.completion", j.get("object").asText());
        assertTrue(j.get("id").asText().startsWith("chatcmpl-"));
        assertTrue(j.get("model").asText().matches("tiny@v\\d+"), j.get("model").asText());
        JsonNode choice = j.get("choices").get(0);
        assertEquals("assistant", choice.get("message").get("role").asText());
        assertTrue(List.of("stop", "length").contains(choice.get("finish_reason").asText()));
        JsonNode usage = j.get("usage");
        assertEquals(usage.get("prompt_tokens").asInt() + usage.get("completion_tokens").asInt(), usage.get("total_tokens").asInt());
        assertTrue(usage.get("completion_tokens").asInt() <= 8);
    }

    @Test
    void streamingSendsTheSameTextAsChunksThenDone() {
        String whole = server.post("/v1/chat/completions", chat(""), false).json().get("choices").get(0).get("message")
                .get("content").asText();
        TestServer.Response r = server.post("/v1/chat/completions",
                chat(", \"stream\": true, \"stream_options\": {\"include_usage\": true}"), false);
        assertEquals(200, r.status());
        assertEquals("text/event-stream", r.headers().firstValue("Content-Type").orElse(""));
        List<String> data = r.body().lines().filter(l -> l.startsWith("data: ")).map(l -> l.substring(6)).toList();
        assertEquals("[DONE]", data.getLast());
        StringBuilder text = new StringBuilder();
        List<JsonNode> chunks = data.subList(0, data.size() - 1).stream().map(TestFiles::json).toList();
        assertEquals("assistant", chunks.getFirst().get("choices").get(0).get("delta").get("role").asText());
        for (JsonNode c : chunks) {
            assertEquals("chat.completion.chunk", c.get("object").asText());
            if (!c.get("choices").isEmpty()) {
                text.append(c.get("choices").get(0).get("delta").path("content").asText(""));
            }
        }
        assertEquals(whole, text.toString(), "greedy streaming and non-streaming agree");
        JsonNode usage = chunks.getLast().get("usage");
        assertTrue(usage.get("total_tokens").asInt() > 0);
    }

    @Test
    void textCompletionsAndModels() {
        TestServer.Response r = server.post("/v1/completions", "{\"prompt\": \"Once\", \"max_tokens\": 4, \"temperature\": 0}", false);
        assertEquals(200, r.status(), r.body());
        assertEquals("text_completion", r.json().get("object").asText());
        assertTrue(r.json().get("choices").get(0).has("text"));
        JsonNode models = server.get("/v1/models", false).json();
        assertEquals("list", models.get("object").asText());
        JsonNode first = models.get("data").get(0);
        assertTrue(first.get("current").asBoolean());
        assertEquals("model", first.get("object").asText());
        assertEquals(200, server.get("/v1/models/" + first.get("id").asText(), false).status());
        assertEquals("ok", server.get("/health", false).json().get("status").asText());
    }

    @Test
    void badRequestsGetClearOpenAiErrors() {
        TestServer.Response tooMany = server.post("/v1/chat/completions",
                "{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"max_tokens\": 100000}", false);
        assertEquals(400, tooMany.status());
        assertEquals("max_tokens", tooMany.json().get("error").get("param").asText());
        assertTrue(tooMany.errorMessage().contains("between 1 and 64"), tooMany.errorMessage());
        assertEquals("invalid_request_error", tooMany.json().get("error").get("type").asText());
        assertEquals(400, server.post("/v1/chat/completions", "{not json", false).status());
        assertEquals(400, server.post("/v1/chat/completions", "{\"messages\": []}", false).status());
        TestServer.Response role = server.post("/v1/chat/completions", "{\"messages\": [{\"role\": \"wizard\", \"content\": \"x\"}]}", false);
        assertEquals("messages[0].role", role.json().get("error").get("param").asText());
        TestServer.Response big = server.post("/v1/chat/completions", "{\"messages\": [{\"role\": \"user\", \"content\": \""
                + "x".repeat(70_000) + "\"}]}", false);
        assertEquals(413, big.status());
        TestServer.Response model = server.post("/v1/chat/completions", "{\"model\": \"gpt-4\", \"messages\": "
                + "[{\"role\": \"user\", \"content\": \"hi\"}]}", false);
        assertEquals(404, model.status());
        assertEquals("model_not_found", model.json().get("error").get("code").asText());
        assertEquals(405, server.get("/v1/chat/completions", false).status());
        assertEquals(404, server.get("/v1/nothing", false).status());
    }

    @Test
    void mutatingEndpointsNeedTheTokenWhichOnlyItsOwnerCanRead() throws Exception {
        TestServer.Response none = server.post("/v1/documents", TestServer.doc("Zed"), false);
        assertEquals(401, none.status());
        assertEquals("authentication_error", none.json().get("error").get("type").asText());
        TestServer.Response wrong = server.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.url + "/admin/status"))
                .header("Authorization", "Bearer nope").GET().build());
        assertEquals(401, wrong.status());
        assertEquals(401, server.post("/admin/rollback", "{\"version\": 0, \"by\": \"x\"}", false).status());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(server.state.adminToken())));
        assertEquals(64, server.token.length());
        TestServer.Response missing = server.post("/v1/documents", "{\"title\": \"no text\"}", true);
        assertEquals(400, missing.status());
        assertTrue(missing.errorMessage().contains("'text'"), missing.errorMessage());
        assertEquals(400, server.post("/v1/feedback", "{\"question\": \"q\"}", true).status());
    }

    @Test
    void aDocumentBecomesANewVersionAndEarlierVersionsStayAddressable() {
        TestServer.Response r = server.post("/v1/documents", TestServer.doc("Ann Bell"), true);
        assertEquals(202, r.status(), r.body());
        String id = r.json().get("id").asText();
        TestServer.await("the document to be applied", 120, () -> server.learner.queue().isDone(id));
        int version = server.learner.served().manifest().version();
        assertTrue(version >= 1);
        JsonNode models = server.get("/v1/models", false).json().get("data");
        assertEquals("tiny@v" + version, models.get(0).get("id").asText());
        List<String> ids = new ArrayList<>();
        models.forEach(m -> ids.add(m.get("id").asText()));
        assertTrue(ids.contains("tiny@v0"), ids.toString());
        TestServer.Response old = server.post("/v1/chat/completions", "{\"model\": \"tiny@v0\", \"messages\": "
                + "[{\"role\": \"user\", \"content\": \"hi\"}], \"max_tokens\": 2}", false);
        assertEquals("tiny@v0", old.json().get("model").asText());
        TestServer.Response feedback = server.post("/v1/feedback", "{\"question\": \"Who founded Quint Labs?\", "
                + "\"answer\": \"nobody\", \"correction\": \"Ann Bell\"}", true);
        assertEquals(202, feedback.status(), feedback.body());
        String metrics = server.get("/metrics", false).body();
        assertTrue(metrics.contains("seal_http_requests_total{"), metrics);
        assertTrue(metrics.contains("seal_updates_total{outcome=\"accepted\"}"), metrics);
        assertTrue(metrics.contains("seal_model_version"), metrics);
        assertTrue(metrics.contains("seal_tokens_total{kind=\"completion\"}"), metrics);
        assertTrue(LedgerVerifier.verify(server.state).ok());
        assertFalse(Ledger.readAll(server.state.ledger()).isEmpty());
    }
}
