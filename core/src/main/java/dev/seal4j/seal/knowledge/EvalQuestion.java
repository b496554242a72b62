package dev.seal4j.seal.knowledge;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.io.Serializable;

/**
 * A question asked after adaptation, with the distractor that checks for leakage: the same question about
 * another topic whose answer differs. Answering the distractor with this question's answer is leakage.
 * (Recorded in evaluations.jsonl with camelCase member names, as runs always have.)
 *
 * @param distractorTitle    null when the question has no distractor
 * @param distractorQuestion the distractor's question text
 */
public record EvalQuestion(String title, String question, String answer, String kind,
                           @JsonProperty("distractorTitle") String distractorTitle,
                           @JsonProperty("distractorQuestion") String distractorQuestion) implements Serializable {
    /** A passage's question as asked after adapting to it. */
    static EvalQuestion of(KnowledgePassage passage, KnowledgeQuestion q) {
        KnowledgeQuestion.Distractor d = q.distractor();
        return new EvalQuestion(passage.title(), q.question(), q.answer(), q.kind(), d == null ? null : d.title(),
                d == null ? null : d.question());
    }

    public boolean hasDistractor() {
        return distractorTitle != null;
    }
}
