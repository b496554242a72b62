package dev.seal4j.seal.outer;

/** Progress of an experiment's long phases (the CLI draws a bar per phase on stderr). */
public interface Progress {
    Progress NONE = new Progress() {
        @Override
        public void phase(String name, int total) {
        }

        @Override
        public void advance(String detail) {
        }
    };

    /** A phase of {@code total} steps begins. */
    void phase(String name, int total);

    /** One step of the current phase is done. */
    void advance(String detail);
}
