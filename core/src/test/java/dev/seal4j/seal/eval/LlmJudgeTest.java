package dev.seal4j.seal.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The judge against a stub OpenAI-compatible server on 127.0.0.1. */
class LlmJudgeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String QUESTION = "Which NFL team represented the AFC at Super Bowl 50?";

    /** What the stub answers: a status and a body, or (status 0) no answer until the test ends. */
    private record Reply(int status, String body) {
    }

    private HttpServer server;
    private ExecutorService pool;
    private final Deque<Reply> replies = new ArrayDeque<>();
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final CountDownLatch endOfTest = new CountDownLatch(1);

    @BeforeEach
    void startStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        pool = Executors.newCachedThreadPool();
        server.setExecutor(pool);
        server.createContext("/v1/chat/completions", this::handle);
        server.start();
    }

    @AfterEach
    void stopStub() {
        endOfTest.countDown();
        server.stop(0);
        pool.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.add(JSON.readTree(exchange.getRequestBody()));
        authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
        Reply reply;
        synchronized (replies) {
            reply = replies.size() > 1 ? replies.poll() : replies.peek();
        }
        if (reply.status() == 0) {
            try {
                endOfTest.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
            return;
        }
        byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(reply.status(), body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private void willReply(int status, String body) {
        synchronized (replies) {
            replies.add(new Reply(status, body));
        }
    }

    private static String completion(String content) {
        return JSON.createObjectNode().set("choices", JSON.createArrayNode().add(JSON.createObjectNode()
                .set("message", JSON.createObjectNode().put("role", "assistant").put("content", content)))).toString();
    }

    private LlmJudge judge(Duration timeout, int attempts) {
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
        return new LlmJudge(new JudgeConfig(base, "grader-model", "JUDGE_KEY", timeout, attempts, Duration.ofMillis(10)),
                name -> name.equals("JUDGE_KEY") ? "sk-test" : null);
    }

    @Test
    void asksWithTheQuestionGoldAndPredictionAndReadsTheVerdict() {
        willReply(200, completion("Yes."));
        Grade grade = judge(Duration.ofSeconds(10), 3).grade(QUESTION, "It was the Denver Broncos", "Denver Broncos");
        assertEquals(Grade.RIGHT, grade);

        JsonNode request = requests.getFirst();
        assertEquals("grader-model", request.get("model").asText());
        assertEquals(0, request.get("temperature").asDouble());
        assertEquals("user", request.get("messages").get(0).get("role").asText());
        String prompt = request.get("messages").get(0).get("content").asText();
        assertTrue(prompt.contains("Question: " + QUESTION), prompt);
        assertTrue(prompt.contains("Reference answer: Denver Broncos"), prompt);
        assertTrue(prompt.contains("Student answer: It was the Denver Broncos"), prompt);
        assertTrue(prompt.strip().endsWith("yes or no."), prompt);
        assertEquals("Bearer sk-test", authorizations.getFirst());
    }

    @Test
    void noAndAmbiguousRepliesAreWrong() {
        LlmJudge judge = judge(Duration.ofSeconds(10), 3);
        willReply(200, completion("No, the reference says Denver Broncos."));
        assertEquals(Grade.WRONG, judge.grade(QUESTION, "Carolina Panthers", "Denver Broncos"));
        replies.clear();
        willReply(200, completion("I cannot tell."));
        assertEquals(Grade.WRONG, judge.grade(QUESTION, "Broncos?", "Denver Broncos"));
        assertEquals(1, judge.ambiguousReplies());
        assertEquals(Grade.WRONG, judge.grade(QUESTION, "  ", "Denver Broncos"), "blank answers are wrong without asking");
        assertEquals(2, requests.size());
    }

    @Test
    void retriesAServerErrorThenSucceeds() {
        willReply(500, "{\"error\": \"overloaded\"}");
        willReply(200, completion("yes"));
        assertEquals(Grade.RIGHT, judge(Duration.ofSeconds(10), 3).grade(QUESTION, "Denver Broncos", "Denver Broncos"));
        assertEquals(2, requests.size());
    }

    @Test
    void givesUpAfterTheLastAttempt() {
        willReply(503, "busy");
        JudgeException e = assertThrows(JudgeException.class,
                () -> judge(Duration.ofSeconds(10), 3).grade(QUESTION, "x", "Denver Broncos"));
        assertTrue(e.getMessage().contains("HTTP 503 busy (gave up after 3 attempts)"), e.getMessage());
        assertTrue(e.getMessage().startsWith("judge http://127.0.0.1:"), e.getMessage());
        assertEquals(3, requests.size());
    }

    @Test
    void malformedResponsesFailAtOnce() {
        willReply(200, "<html>gateway</html>");
        JudgeException notJson = assertThrows(JudgeException.class,
                () -> judge(Duration.ofSeconds(10), 3).grade(QUESTION, "x", "Denver Broncos"));
        assertTrue(notJson.getMessage().contains("the response is not JSON: <html>gateway</html>"), notJson.getMessage());
        replies.clear();
        willReply(200, "{\"choices\": [{\"message\": {\"content\": null}}]}");
        JudgeException noContent = assertThrows(JudgeException.class,
                () -> judge(Duration.ofSeconds(10), 3).grade(QUESTION, "x", "Denver Broncos"));
        assertTrue(noContent.getMessage().contains("not a chat completion (no choices[0].message.content)"), noContent.getMessage());
        assertEquals(2, requests.size(), "no retries for malformed responses");
        assertEquals(1, notJson.getMessage().lines().count());
    }

    @Test
    void clientErrorsFailAtOnceWithAHint() {
        willReply(401, "{\"error\": \"bad key\"}");
        JudgeException e = assertThrows(JudgeException.class,
                () -> judge(Duration.ofSeconds(10), 3).grade(QUESTION, "x", "Denver Broncos"));
        assertTrue(e.getMessage().contains("HTTP 401") && e.getMessage().contains("check the API key in JUDGE_KEY"), e.getMessage());
        assertEquals(1, requests.size());
    }

    @Test
    void timesOutAndRetries() {
        willReply(0, "");
        long start = System.nanoTime();
        JudgeException e = assertThrows(JudgeException.class,
                () -> judge(Duration.ofMillis(300), 2).grade(QUESTION, "x", "Denver Broncos"));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(e.getMessage().contains("no response within 300 ms (gave up after 2 attempts)"), e.getMessage());
        assertTrue(millis >= 600 && millis < 10_000, millis + " ms");
        assertEquals(2, requests.size());
    }

    @Test
    void anUnreachableEndpointIsAClearError() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        LlmJudge judge = new LlmJudge(new JudgeConfig(URI.create("http://127.0.0.1:" + closedPort + "/v1"), "m", null,
                Duration.ofSeconds(2), 2, Duration.ofMillis(10)));
        JudgeException e = assertThrows(JudgeException.class, () -> judge.grade(QUESTION, "x", "Denver Broncos"));
        assertTrue(e.getMessage().contains("cannot connect") && e.getMessage().contains("gave up after 2 attempts"), e.getMessage());
    }

    @Test
    void theCacheAsksOncePerDistinctAnswer() {
        willReply(200, completion("yes"));
        Grader cached = new CachingGrader(judge(Duration.ofSeconds(10), 3));
        for (int i = 0; i < 3; i++) {
            assertEquals(Grade.RIGHT, cached.grade(QUESTION, "Denver Broncos ", "Denver Broncos"));
        }
        cached.grade(QUESTION, "The Broncos", "Denver Broncos");
        assertEquals(2, requests.size());
    }
}
