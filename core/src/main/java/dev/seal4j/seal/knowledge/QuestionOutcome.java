package dev.seal4j.seal.knowledge;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.io.Serializable;

/**
 * One question after an application: the answer, whether it was right, and the distractor's answer.
 * (Recorded in evaluations.jsonl with camelCase member names, as runs always have.)
 */
public record QuestionOutcome(EvalQuestion question, String prediction, boolean correct,
                              @JsonProperty("distractorPrediction") String distractorPrediction, boolean leaked)
        implements Serializable {
}
