package dev.seal4j.seal.continual;

import java.time.Instant;

/**
 * The learner will not do what was asked now, for a reason the caller should pass on (an HTTP 404, 409 or
 * 429, or a CLI error). The message is one line.
 *
 * @see Kind
 */
public final class LearnerRefusal extends RuntimeException {
    /** Why. */
    public enum Kind {
        /** No such pending update or version. */
        NOT_FOUND,
        /** The update was made on a version that is no longer served. */
        STALE,
        /** The update was approved or rejected already. */
        DECIDED,
        /** A rate limit holds; {@link #retryAt()} says until when. */
        RATE_LIMITED,
        /** Too many inputs wait already. */
        QUEUE_FULL
    }

    private final Kind kind;
    private final Instant retryAt;

    public LearnerRefusal(Kind kind, String message, Instant retryAt) {
        super(message);
        this.kind = kind;
        this.retryAt = retryAt;
    }

    public Kind kind() {
        return kind;
    }

    /** When trying again may succeed (null: unknown). */
    public Instant retryAt() {
        return retryAt;
    }
}
