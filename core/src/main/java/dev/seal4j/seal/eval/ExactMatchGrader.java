package dev.seal4j.seal.eval;

/** SQuAD's exact match: the normalized prediction equals the normalized gold answer. */
public final class ExactMatchGrader implements Grader {

    @Override
    public Grade grade(String question, String prediction, String gold) {
        return Grade.of(AnswerNormalizer.exactMatch(prediction, gold));
    }

    @Override
    public String name() {
        return "exact";
    }
}
