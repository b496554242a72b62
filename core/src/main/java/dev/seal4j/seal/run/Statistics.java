package dev.seal4j.seal.run;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Means, standard errors and paired-bootstrap confidence intervals of per-question scores. */
public final class Statistics {
    public static final int DEFAULT_RESAMPLES = 10_000;
    public static final double DEFAULT_LEVEL = 0.95;

    private Statistics() {
    }

    /**
     * A confidence interval.
     *
     * @param estimate the point estimate
     * @param low      lower bound
     * @param high     upper bound
     * @param level    the confidence level (0.95)
     */
    public record Interval(double estimate, double low, double high, double level) {
        public boolean contains(double value) {
            return low <= value && value <= high;
        }
    }

    public static double mean(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("the mean of no values");
        }
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    /** The standard error of the mean: sample standard deviation (n − 1) over √n; 0 for fewer than two values. */
    public static double standardError(double[] values) {
        int n = values.length;
        if (n < 2) {
            return 0;
        }
        double mean = mean(values);
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        return Math.sqrt(squares / (n - 1) / n);
    }

    /** {@link #pairedBootstrap(double[], double[], long, int, double)} with 10,000 resamples at 95%. */
    public static Interval pairedBootstrap(double[] scores, double[] baseline, long seed) {
        return pairedBootstrap(scores, baseline, seed, DEFAULT_RESAMPLES, DEFAULT_LEVEL);
    }

    /**
     * A percentile-bootstrap interval of mean(scores) − mean(baseline), where scores[i] and baseline[i] belong to
     * the same question: questions are resampled with replacement, keeping each pair together.
     */
    public static Interval pairedBootstrap(double[] scores, double[] baseline, long seed, int resamples, double level) {
        if (scores.length != baseline.length || scores.length == 0) {
            throw new IllegalArgumentException("paired scores need the same, non-zero number of questions: "
                    + scores.length + " and " + baseline.length);
        }
        if (resamples < 1 || !(level > 0 && level < 1)) {
            throw new IllegalArgumentException("resamples " + resamples + ", level " + level);
        }
        int n = scores.length;
        double[] differences = new double[n];
        for (int i = 0; i < n; i++) {
            differences[i] = scores[i] - baseline[i];
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] means = new double[resamples];
        for (int r = 0; r < resamples; r++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += differences[random.nextInt(n)];
            }
            means[r] = sum / n;
        }
        Arrays.sort(means);
        double tail = (1 - level) / 2;
        return new Interval(mean(differences), quantile(means, tail), quantile(means, 1 - tail), level);
    }

    /** The q-quantile of sorted values, interpolating linearly between order statistics. */
    static double quantile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
