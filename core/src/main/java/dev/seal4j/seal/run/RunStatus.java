package dev.seal4j.seal.run;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Where a run stands, as its manifest records it. */
public enum RunStatus {
    /** Started and not ended; if no process holds the run's lock it was killed (see {@link RunSummary}). */
    RUNNING,
    FINISHED,
    FAILED;

    @JsonValue
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
