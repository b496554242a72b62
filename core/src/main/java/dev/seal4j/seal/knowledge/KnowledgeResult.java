package dev.seal4j.seal.knowledge;

import java.io.Serializable;
import java.util.List;

/**
 * What an application achieved, as evaluations.jsonl records it. Accuracy is over the candidate's questions,
 * leakage is the fraction of distractor questions answered with this topic's answer, and net accuracy
 * (accuracy − leakage) is what rewards and results use.
 *
 * @param trainLoss the inner loop's final training loss (0 without adaptation)
 * @param seconds   how long the candidate took
 */
public record KnowledgeResult(double accuracy, double leakage, double netAccuracy, double trainLoss, double seconds,
                              List<QuestionOutcome> outcomes) implements Serializable {
    public KnowledgeResult {
        outcomes = List.copyOf(outcomes);
    }

    public static KnowledgeResult of(List<QuestionOutcome> outcomes, double trainLoss, double seconds) {
        double accuracy = outcomes.isEmpty() ? 0 : outcomes.stream().filter(QuestionOutcome::correct).count() / (double) outcomes.size();
        long asked = outcomes.stream().filter(o -> o.question().hasDistractor()).count();
        double leakage = asked == 0 ? 0 : outcomes.stream().filter(QuestionOutcome::leaked).count() / (double) asked;
        return new KnowledgeResult(accuracy, leakage, accuracy - leakage, trainLoss, seconds, outcomes);
    }
}
