package dev.seal4j.cli;

import dev.seal4j.engine.BadInputException;
import picocli.CommandLine.Option;

/** {@code --workers N}: how many candidates (inner-loop applications) run side by side. */
final class WorkersOption {
    @Option(names = "--workers", paramLabel = "N", description = "Candidates run side by side, one thread each, the whole "
            + "run then computing as on one thread (1: one at a time, each on every core). Several pay off for small "
            + "models, whose loops are too short to share; each worker holds its own training buffers. Default: one "
            + "per engine thread for seal demo, 1 otherwise.")
    Integer workers;

    /** The value given, or {@code fallback}; at least 1. */
    int orElse(int fallback) {
        int n = workers == null ? fallback : workers;
        if (n < 1) {
            throw new BadInputException("--workers must be >= 1, got " + n);
        }
        return n;
    }
}
