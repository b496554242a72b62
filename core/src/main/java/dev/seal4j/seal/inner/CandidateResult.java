package dev.seal4j.seal.inner;

import java.util.List;

/**
 * What an application achieved. Accuracy is over the candidate's questions, leakage is the fraction of
 * distractor questions answered with this topic's answer, and net accuracy (accuracy − leakage) is what
 * rewards and acceptance use.
 */
public record CandidateResult(String id, List<QuestionOutcome> outcomes, double trainLoss, double seconds) {
    public double accuracy() {
        return outcomes.isEmpty() ? 0 : outcomes.stream().filter(QuestionOutcome::correct).count() / (double) outcomes.size();
    }

    public double leakage() {
        long asked = outcomes.stream().filter(o -> o.question().hasDistractor()).count();
        return asked == 0 ? 0 : outcomes.stream().filter(QuestionOutcome::leaked).count() / (double) asked;
    }

    public double netAccuracy() {
        return accuracy() - leakage();
    }
}
