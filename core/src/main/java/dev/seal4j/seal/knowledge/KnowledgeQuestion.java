package dev.seal4j.seal.knowledge;

import java.util.Objects;

/**
 * A question about a passage, asked without the passage in the prompt.
 *
 * @param question   the question text
 * @param answer     the gold answer
 * @param kind       "direct" (stated in the passage) or "two_hop" (implied through another fact); null when the
 *                   data does not say (SQuAD)
 * @param attribute  which attribute it asks for ("birth_city", ...) in the built-in world; null elsewhere
 * @param distractor the same question about another passage whose answer differs, to detect leakage; null when
 *                   the data has none
 */
public record KnowledgeQuestion(String question, String answer, String kind, String attribute, Distractor distractor) {

    public KnowledgeQuestion {
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(answer, "answer");
    }

    /** A plain SQuAD question: no kind, attribute or distractor. */
    public KnowledgeQuestion(String question, String answer) {
        this(question, answer, null, null, null);
    }

    /**
     * Another passage's version of a question: after adapting to this passage, answering {@code question} with
     * this passage's answer instead of {@code answer} is leakage.
     *
     * @param title    the other passage's title
     * @param question the question about the other passage
     * @param answer   the other passage's answer
     */
    public record Distractor(String title, String question, String answer) {
        public Distractor {
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(question, "question");
            Objects.requireNonNull(answer, "answer");
        }
    }
}
