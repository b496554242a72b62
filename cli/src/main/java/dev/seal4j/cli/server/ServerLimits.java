package dev.seal4j.cli.server;

import java.time.Duration;

/**
 * What one request may ask for.
 *
 * @param maxBodyBytes     largest request body
 * @param maxTokens        largest max_tokens a request may ask for
 * @param defaultMaxTokens max_tokens when the request gives none
 * @param maxConcurrent    generations running at once; more wait their turn
 * @param protectChat      completions need the bearer token too
 * @param requestTimeout   longest a client may take to send a whole request (headers and body); a slower
 *                         connection is closed, so a client that stops sending cannot hold a thread
 */
public record ServerLimits(long maxBodyBytes, int maxTokens, int defaultMaxTokens, int maxConcurrent, boolean protectChat,
                           Duration requestTimeout) {
    /** Thirty seconds: a megabyte at 35 KB/s. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
}
