package dev.seal4j.seal.continual;

/**
 * What processing one input came to.
 *
 * @param inputId null for {@link Kind#IDLE} and {@link Kind#WAITING}
 * @param version the new version ({@link Kind#ACCEPTED}), else the version it was measured on, or -1
 * @param detail  one line for people (the failed gate, the error, the retry time)
 */
public record Outcome(Kind kind, String inputId, int version, String detail) {
    public enum Kind {
        /** The update passed every gate and is served. */
        ACCEPTED,
        /** The update passed every gate and waits for approval. */
        PENDING,
        /** A gate failed. */
        REJECTED,
        /** The input could not be processed (e.g. too long for the model); it is not retried. */
        FAILED,
        /** The version changed while the update was made; the input stays queued. */
        STALE,
        /** A rate limit holds; the input stays queued. */
        DEFERRED,
        /** An update waits for approval; nothing else is processed until it is decided. */
        WAITING,
        /** Nothing to do. */
        IDLE
    }

    public static Outcome of(Kind kind, String detail) {
        return new Outcome(kind, null, -1, detail);
    }
}
