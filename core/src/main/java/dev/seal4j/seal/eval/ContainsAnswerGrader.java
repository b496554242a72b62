package dev.seal4j.seal.eval;

import java.util.Collections;
import java.util.List;

/**
 * The normalized gold answer appears in the normalized prediction as a run of whole words ("Denver Broncos"
 * is in "the Denver Broncos won", "cat" is not in "category"). Suits long, chatty predictions.
 */
public final class ContainsAnswerGrader implements Grader {

    @Override
    public Grade grade(String question, String prediction, String gold) {
        List<String> expected = AnswerNormalizer.tokens(gold);
        List<String> predicted = AnswerNormalizer.tokens(prediction);
        boolean found = expected.isEmpty()
                ? predicted.isEmpty()
                : Collections.indexOfSubList(predicted, expected) >= 0;
        return Grade.of(found);
    }

    @Override
    public String name() {
        return "contains";
    }
}
