package dev.seal4j.seal.eval;

/** Judges an answer against the gold answer. */
public interface Grader {
    /** Whether the prediction answers the question as the gold answer does, and a score in [0, 1]. */
    record Grade(boolean correct, double score) {
    }

    Grade grade(String question, String prediction, String gold);

    /** Normalized exact match (SQuAD's normalization). */
    Grader EXACT_MATCH = (q, prediction, gold) -> {
        boolean ok = AnswerNormalizer.exactMatch(prediction, gold);
        return new Grade(ok, ok ? 1 : 0);
    };
}
