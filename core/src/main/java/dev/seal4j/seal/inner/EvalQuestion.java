package dev.seal4j.seal.inner;

/**
 * A question asked after adaptation, with the distractor that checks for leakage: the same question about
 * another topic whose answer differs. Answering the distractor with this question's answer is leakage.
 *
 * @param distractorTitle    null when the question has no distractor
 * @param distractorQuestion the distractor's question text
 */
public record EvalQuestion(String title, String question, String answer, String kind, String distractorTitle,
                           String distractorQuestion) {
    public boolean hasDistractor() {
        return distractorTitle != null;
    }
}
