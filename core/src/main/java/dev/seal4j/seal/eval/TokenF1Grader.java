package dev.seal4j.seal.eval;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * SQuAD's token F1 between the normalized prediction and gold answer (bags of words, counted with
 * multiplicity). The score is the F1; the answer counts as correct when the F1 reaches {@code threshold}.
 */
public final class TokenF1Grader implements Grader {
    private final double threshold;

    public TokenF1Grader(double threshold) {
        if (!(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException("the F1 threshold must be in (0, 1]: " + threshold);
        }
        this.threshold = threshold;
    }

    @Override
    public Grade grade(String question, String prediction, String gold) {
        double f1 = f1(prediction, gold);
        return new Grade(f1 >= threshold, f1);
    }

    /** Token F1; two empty answers (after normalization) agree, one empty answer scores 0. */
    public static double f1(String prediction, String gold) {
        List<String> predicted = AnswerNormalizer.tokens(prediction);
        List<String> expected = AnswerNormalizer.tokens(gold);
        if (predicted.isEmpty() || expected.isEmpty()) {
            return predicted.isEmpty() && expected.isEmpty() ? 1 : 0;
        }
        Map<String, Integer> remaining = new HashMap<>();
        for (String token : expected) {
            remaining.merge(token, 1, Integer::sum);
        }
        int common = 0;
        for (String token : predicted) {
            Integer left = remaining.get(token);
            if (left != null && left > 0) {
                remaining.put(token, left - 1);
                common++;
            }
        }
        if (common == 0) {
            return 0;
        }
        double precision = (double) common / predicted.size();
        double recall = (double) common / expected.size();
        return 2 * precision * recall / (precision + recall);
    }

    @Override
    public String name() {
        return "f1:" + threshold;
    }
}
