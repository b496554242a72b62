package dev.seal4j.seal.outer;

import dev.seal4j.seal.exec.Candidate;

/**
 * What SEAL's outer loop needs to know of a task family (knowledge incorporation, few-shot reasoning, ...):
 * how to ask the model for a self-edit about a context, how a self-edit becomes a candidate (apply it, then
 * measure), and how a candidate's result becomes a reward.
 *
 * @param <C> a context (a passage with its questions, a task with its demonstrations)
 * @param <R> what a candidate measures
 */
public interface Domain<C, R> {
    /** A short name of the context for the records (a passage's title, a task's id). */
    String title(C context);

    /** The prompt that asks the generator for a self-edit about the context. */
    String prompt(C context);

    /** What a self-edit's record shows of how it was read (training sequences, a configuration, a rejection). */
    Object parse(C context, String selfEdit);

    /** A candidate that applies {@code selfEdit} to the base model and measures the result on the context. */
    Candidate<R> application(C context, String selfEdit, String key, long seed);

    /** A candidate that measures the unadapted base model on the context: the reference of the reward. */
    Candidate<R> unadapted(C context, String key, long seed);

    /** The reward of a candidate's result (higher is better). */
    double reward(R result);
}
