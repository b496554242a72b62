package dev.seal4j.seal.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seal4j.engine.BadInputException;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * An LLM as grader, as in the SEAL paper (GPT-4.1 deciding yes/no against the gold answer): one chat-completion
 * request per answer, temperature 0, to any OpenAI-compatible endpoint. Replies that say neither yes nor no
 * count as wrong (and are counted, see {@link #ambiguousReplies()}). Blank predictions are wrong without asking.
 *
 * <p>Connection errors, timeouts, HTTP 429 and 5xx are retried with exponential backoff (honouring a
 * Retry-After of up to a minute); other HTTP errors and malformed responses fail at once. Failures are
 * {@link JudgeException}s naming the endpoint.
 */
public final class LlmJudge implements Grader {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(60);
    private static final int SNIPPET_CHARS = 200;

    private final JudgeConfig config;
    private final String apiKey;
    private final HttpClient http;
    private final AtomicLong ambiguous = new AtomicLong();

    /** A judge whose API key (if {@code config.apiKeyEnv()} is set) comes from the process environment. */
    public LlmJudge(JudgeConfig config) {
        this(config, System::getenv);
    }

    /** A judge reading its API key from {@code environment}. */
    public LlmJudge(JudgeConfig config, Function<String, String> environment) {
        this.config = config;
        this.apiKey = apiKey(config, environment);
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.timeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    private static String apiKey(JudgeConfig config, Function<String, String> environment) {
        if (config.apiKeyEnv() == null) {
            return null;
        }
        String key = environment.apply(config.apiKeyEnv());
        if (key == null || key.isBlank()) {
            throw new BadInputException("judge grader: the environment variable " + config.apiKeyEnv()
                    + " (key-env) that should hold the API key is not set");
        }
        return key.strip();
    }

    @Override
    public Grade grade(String question, String prediction, String gold) {
        if (prediction.isBlank()) {
            return Grade.WRONG;
        }
        Boolean verdict = YesNoReply.parse(ask(JudgePrompt.render(question, prediction, gold)));
        if (verdict == null) {
            ambiguous.incrementAndGet();
            return Grade.WRONG;
        }
        return Grade.of(verdict);
    }

    /** How many replies so far said neither yes nor no (graded wrong). */
    public long ambiguousReplies() {
        return ambiguous.get();
    }

    @Override
    public String name() {
        return "judge:" + config.baseUrl() + "#" + config.model();
    }

    /** The judge's reply text to one user message, with retries. */
    String ask(String prompt) {
        HttpRequest request = request(prompt);
        String lastProblem = "";
        for (int attempt = 1; attempt <= config.maxAttempts(); attempt++) {
            Duration wait = config.initialBackoff().multipliedBy(1L << Math.min(attempt - 1, 20));
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status == 200) {
                    return replyText(response.body());
                }
                if (status != 429 && status < 500) {
                    throw failure("HTTP " + status + " " + snippet(response.body()) + hint(status), null);
                }
                lastProblem = "HTTP " + status + " " + snippet(response.body());
                Duration after = retryAfter(response).orElse(Duration.ZERO);
                if (after.compareTo(wait) > 0) {
                    wait = after.compareTo(MAX_RETRY_AFTER) < 0 ? after : MAX_RETRY_AFTER;
                }
            } catch (HttpTimeoutException e) {
                lastProblem = "no response within " + config.timeout().toMillis() + " ms";
            } catch (ConnectException e) {
                lastProblem = "cannot connect (" + (e.getMessage() == null ? "connection refused" : e.getMessage()) + ")";
            } catch (IOException e) {
                lastProblem = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failure("interrupted while waiting for the judge", e);
            }
            if (attempt < config.maxAttempts()) {
                sleep(wait);
            }
        }
        throw failure(lastProblem + " (gave up after " + config.maxAttempts() + " attempts)", null);
    }

    private HttpRequest request(String prompt) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", config.model());
        body.putArray("messages").addObject().put("role", "user").put("content", prompt);
        body.put("temperature", 0);
        HttpRequest.Builder builder = HttpRequest.newBuilder(config.endpoint())
                .timeout(config.timeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (apiKey != null) {
            builder.header("Authorization", "Bearer " + apiKey);
        }
        return builder.build();
    }

    /** choices[0].message.content of a chat completion. */
    private String replyText(String body) {
        JsonNode content;
        try {
            content = JSON.readTree(body).path("choices").path(0).path("message").path("content");
        } catch (IOException e) {
            throw failure("the response is not JSON: " + snippet(body), e);
        }
        if (!content.isTextual()) {
            throw failure("the response is not a chat completion (no choices[0].message.content): " + snippet(body), null);
        }
        return content.asText();
    }

    private static Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(value -> {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(value.strip())));
            } catch (NumberFormatException e) {
                return Optional.empty(); // an HTTP date: use our own backoff
            }
        });
    }

    private String hint(int status) {
        return switch (status) {
            case 401, 403 -> config.apiKeyEnv() == null
                    ? "; the endpoint wants an API key: add ;key-env=VARIABLE to the judge grader"
                    : "; check the API key in " + config.apiKeyEnv();
            case 404 -> "; check the base URL (requests go to BASE/chat/completions) and the model name";
            default -> "";
        };
    }

    private JudgeException failure(String problem, Throwable cause) {
        return new JudgeException("judge " + config.endpoint() + ": " + problem, cause);
    }

    private static String snippet(String text) {
        String line = text == null ? "" : text.strip().replaceAll("\\s+", " ");
        return line.length() <= SNIPPET_CHARS ? line : line.substring(0, SNIPPET_CHARS) + "…";
    }

    private void sleep(Duration wait) {
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("interrupted while waiting to retry", e);
        }
    }
}
