package dev.seal4j.seal.exec;

import dev.seal4j.seal.inner.Candidate;
import dev.seal4j.seal.inner.CandidateResult;

import java.util.List;
import java.util.function.Consumer;

/**
 * Runs candidates — independent (model, self-edit, inner-loop config) → result jobs. The local executor
 * runs them on this machine; a distributed engine can run them elsewhere behind the same interface, since a
 * candidate references weights by path and hash and carries everything else by value.
 */
public interface CandidateExecutor extends AutoCloseable {
    /** Runs every candidate; each result goes to {@code onResult} as soon as it is ready (in any order). */
    List<CandidateResult> run(List<Candidate> candidates, Consumer<CandidateResult> onResult);

    @Override
    default void close() {
    }
}
