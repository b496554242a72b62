package dev.seal4j.seal.eval;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how to reach an LLM judge: any server speaking OpenAI's chat-completions protocol (OpenAI, vLLM,
 * llama.cpp's server, seal4j's own).
 *
 * @param baseUrl        the API root; requests go to {@code baseUrl + "/chat/completions"}
 *                       (e.g. {@code https://api.openai.com/v1}, {@code http://localhost:8000/v1})
 * @param model          the model name sent with every request
 * @param apiKeyEnv      the environment variable that holds the API key (sent as a bearer token); null for
 *                       servers without authentication. The key itself never appears in configs or run records.
 * @param timeout        the longest wait for one response
 * @param maxAttempts    tries per question before giving up (connection errors, timeouts, HTTP 429 and 5xx are
 *                       retried; other errors are not)
 * @param initialBackoff the wait before the second try; it doubles with every further try
 */
public record JudgeConfig(URI baseUrl, String model, String apiKeyEnv, Duration timeout, int maxAttempts,
                          Duration initialBackoff) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    public static final int DEFAULT_ATTEMPTS = 5;
    public static final Duration DEFAULT_BACKOFF = Duration.ofSeconds(1);

    public JudgeConfig {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
        }
    }

    /** Default timeout, attempts and backoff; no API key. */
    public static JudgeConfig of(URI baseUrl, String model) {
        return new JudgeConfig(baseUrl, model, null, DEFAULT_TIMEOUT, DEFAULT_ATTEMPTS, DEFAULT_BACKOFF);
    }

    /** The chat-completions endpoint under the base URL. */
    public URI endpoint() {
        String base = baseUrl.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + "/chat/completions");
    }
}
