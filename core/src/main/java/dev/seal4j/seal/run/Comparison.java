package dev.seal4j.seal.run;

/**
 * How much better one method did than another on the same questions, with a paired-bootstrap interval.
 *
 * @param method     the method compared
 * @param baseline   the method it is compared with
 * @param metric     which per-question figure ("accuracy" or "net_accuracy")
 * @param difference mean(method) − mean(baseline), a fraction
 * @param low        lower bound of the interval
 * @param high       upper bound
 * @param level      the confidence level (0.95)
 * @param resamples  bootstrap resamples
 * @param seed       bootstrap seed
 */
public record Comparison(String method, String baseline, String metric, double difference, double low, double high,
                         double level, int resamples, long seed) {

    /** Compares per-question scores of two methods over the same questions (10,000 resamples, 95%). */
    public static Comparison of(String method, double[] scores, String baseline, double[] baselineScores,
                                String metric, long seed) {
        Statistics.Interval interval = Statistics.pairedBootstrap(scores, baselineScores, seed);
        return new Comparison(method, baseline, metric, interval.estimate(), interval.low(), interval.high(),
                interval.level(), Statistics.DEFAULT_RESAMPLES, seed);
    }

    /** Whether the interval lies entirely above zero. */
    public boolean significantlyBetter() {
        return low > 0;
    }
}
