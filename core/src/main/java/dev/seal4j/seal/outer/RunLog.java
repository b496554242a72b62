package dev.seal4j.seal.outer;

import dev.seal4j.engine.model.Transformer;

import java.util.List;
import java.util.Optional;

/**
 * What a SEAL run has recorded so far, and where it records more — the typed view of its run directory
 * that lets a killed run continue without redoing finished work. Everything added is durable when the call
 * returns.
 *
 * @param <R> what the run's candidates measure
 */
public interface RunLog<R> {
    /** A self-edit recorded under {@code key}. */
    Optional<RecordedSelfEdit> selfEdit(RecordKey key);

    void addSelfEdit(SelfEditRecord record);

    /** A candidate's result recorded under {@code key}. */
    Optional<R> result(RecordKey key);

    /** Records a candidate's result; {@code method} names what it measured ("base", "baseline", ...). */
    void addResult(RecordKey key, String method, R result);

    /** The generator an arm's round trained, if it was saved. */
    Optional<Transformer> generator(Arm arm, int round);

    void addGenerator(Arm arm, int round, Transformer generator);

    /** Records the SFT set of an arm's round (once: a resumed round keeps the first one written). */
    void addSftSet(Arm arm, int round, List<Selection.Chosen> chosen);

    /** A recorded self-edit: the text the generator wrote and, for training self-edits, its rewards. */
    record RecordedSelfEdit(String completion, List<Double> rewards) {
    }

    /**
     * A self-edit as it is recorded.
     *
     * @param phase   "train" (ReST-EM) or "eval" (a method's self-edit for an evaluation context)
     * @param method  the round ("round_1") or the method ("base_self_edits")
     * @param parsed  what the domain read from it (training sequences, a configuration), recorded inline
     * @param rewards the rewards of its applications; null for self-edits that are not rewarded
     */
    record SelfEditRecord(RecordKey key, String phase, String method, String title, int sample, String prompt,
                          String completion, Object parsed, List<Double> rewards) {
    }
}
