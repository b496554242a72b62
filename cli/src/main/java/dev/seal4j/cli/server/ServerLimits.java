package dev.seal4j.cli.server;

/**
 * What one request may ask for.
 *
 * @param maxBodyBytes     largest request body
 * @param maxTokens        largest max_tokens a request may ask for
 * @param defaultMaxTokens max_tokens when the request gives none
 * @param maxConcurrent    generations running at once; more wait their turn
 * @param protectChat      completions need the bearer token too
 */
public record ServerLimits(long maxBodyBytes, int maxTokens, int defaultMaxTokens, int maxConcurrent, boolean protectChat) {
}
