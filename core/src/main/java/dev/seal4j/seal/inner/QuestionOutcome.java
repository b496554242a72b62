package dev.seal4j.seal.inner;

/** One question after an application: the answer, whether it was right, and the distractor's answer. */
public record QuestionOutcome(EvalQuestion question, String prediction, boolean correct, String distractorPrediction,
                              boolean leaked) {
}
