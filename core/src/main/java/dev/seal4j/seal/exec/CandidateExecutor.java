package dev.seal4j.seal.exec;

import java.util.List;
import java.util.function.BiConsumer;

/**
 * Runs candidates — independent jobs described by value ({@link Candidate}). The local executor runs them on
 * this machine; a distributed engine can run them elsewhere behind the same interface, since a candidate
 * carries everything but the weights.
 */
public interface CandidateExecutor extends AutoCloseable {
    /**
     * Runs every candidate; each result goes to {@code onResult} with its candidate as soon as it is ready, on
     * the calling thread, once per candidate (in any order). A failure of any candidate ends the batch.
     */
    <R> void run(List<? extends Candidate<R>> candidates, BiConsumer<Candidate<R>, R> onResult);

    @Override
    default void close() {
    }
}
