package dev.seal4j.seal.run;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One method's figures over n questions, as fractions in [0, 1] (the Markdown table shows percent).
 *
 * @param accuracy    mean score
 * @param stderr      its standard error
 * @param n           number of questions
 * @param leakage     fraction of distractor questions answered with the adapted passage's answer; null when the
 *                    data has no distractors
 * @param netAccuracy accuracy − leakage; null without leakage
 * @param netStderr   standard error of the per-question (score − leak); null without leakage
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MethodResult(double accuracy, double stderr, int n, Double leakage, Double netAccuracy, Double netStderr) {

    /** From per-question scores (1/0, or a graded score in [0, 1]); no leakage measured. */
    public static MethodResult of(double[] scores) {
        return new MethodResult(Statistics.mean(scores), Statistics.standardError(scores), scores.length, null, null, null);
    }

    /** From per-question scores and leaks (leaks[i] is 1 when question i's distractor leaked, else 0). */
    public static MethodResult of(double[] scores, double[] leaks) {
        if (scores.length != leaks.length) {
            throw new IllegalArgumentException(scores.length + " scores but " + leaks.length + " leak flags");
        }
        double[] net = net(scores, leaks);
        return new MethodResult(Statistics.mean(scores), Statistics.standardError(scores), scores.length,
                Statistics.mean(leaks), Statistics.mean(net), Statistics.standardError(net));
    }

    /** Per-question net scores: score − leak. */
    public static double[] net(double[] scores, double[] leaks) {
        double[] net = new double[scores.length];
        for (int i = 0; i < net.length; i++) {
            net[i] = scores[i] - leaks[i];
        }
        return net;
    }
}
