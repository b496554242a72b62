package dev.seal4j.seal.exec;

import java.io.Serializable;

/**
 * One independent job of SEAL's outer loop — typically: apply a self-edit to the base model, then measure the
 * adapted model — described by value, so that it can run on this machine or be shipped to another one. It
 * carries everything but the weights, which the {@link Workbench} it runs on provides.
 *
 * @param <R> what running it gives
 */
public interface Candidate<R> extends Serializable {
    /** Its key in the run's records (unique within a run, stable across resumes). */
    String key();

    /** Runs it; everything heavy (the base model, inner loops, graders) comes from {@code bench}. */
    R run(Workbench bench);
}
