package dev.seal4j.seal.run;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatisticsTest {

    @Test
    void meanAndStandardErrorByHand() {
        // {1, 0, 1, 1}: mean 0.75, sample variance ((3 × 0.25²) + 0.75²) / 3 = 0.25, se = 0.5 / 2
        double[] scores = {1, 0, 1, 1};
        assertEquals(0.75, Statistics.mean(scores), 1e-15);
        assertEquals(0.25, Statistics.standardError(scores), 1e-15);
        assertEquals(0, Statistics.standardError(new double[]{1}));
        assertThrows(IllegalArgumentException.class, () -> Statistics.mean(new double[0]));
    }

    @Test
    void quantilesInterpolate() {
        double[] sorted = {0, 10, 20, 30};
        assertEquals(0, Statistics.quantile(sorted, 0));
        assertEquals(15, Statistics.quantile(sorted, 0.5), 1e-12);
        assertEquals(27, Statistics.quantile(sorted, 0.9), 1e-12);
        assertEquals(30, Statistics.quantile(sorted, 1));
    }

    @Test
    void identicalMethodsGiveAnIntervalAroundZero() {
        double[] a = coinFlips(500, 0.4, 1);
        Statistics.Interval same = Statistics.pairedBootstrap(a, a.clone(), 42);
        assertEquals(0, same.estimate());
        assertTrue(same.contains(0));

        // two methods that disagree on questions but have the same accuracy on average
        double[] b = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            b[i] = a[(i + 1) % a.length];
        }
        Statistics.Interval shuffled = Statistics.pairedBootstrap(a, b, 42);
        assertTrue(shuffled.contains(0), shuffled.toString());
        assertTrue(shuffled.high() - shuffled.low() > 0.02, shuffled.toString());
    }

    @Test
    void clearlyDifferentMethodsExcludeZero() {
        double[] weak = coinFlips(500, 0.3, 2);
        double[] strong = coinFlips(500, 0.6, 3);
        Statistics.Interval gain = Statistics.pairedBootstrap(strong, weak, 42);
        assertTrue(gain.low() > 0, gain.toString());
        assertFalse(gain.contains(0));
        assertTrue(Statistics.pairedBootstrap(weak, strong, 42).high() < 0);
    }

    @Test
    void matchesTheNormalApproximationOnALargeSample() {
        // for n = 2000 paired differences the 95% percentile interval is close to mean ± 1.96 se
        Random random = new Random(5);
        double[] a = new double[2000];
        double[] b = new double[2000];
        double[] d = new double[2000];
        for (int i = 0; i < a.length; i++) {
            a[i] = random.nextDouble() < 0.55 ? 1 : 0;
            b[i] = random.nextDouble() < 0.45 ? 1 : 0;
            d[i] = a[i] - b[i];
        }
        double se = Statistics.standardError(d);
        Statistics.Interval interval = Statistics.pairedBootstrap(a, b, 11);
        assertEquals(Statistics.mean(d), interval.estimate(), 1e-12);
        assertEquals(interval.estimate() - 1.96 * se, interval.low(), 0.1 * 1.96 * se);
        assertEquals(interval.estimate() + 1.96 * se, interval.high(), 0.1 * 1.96 * se);
        assertEquals(0.95, interval.level());
    }

    @Test
    void seededAndReproducible() {
        double[] a = coinFlips(100, 0.5, 7);
        double[] b = coinFlips(100, 0.5, 8);
        assertEquals(Statistics.pairedBootstrap(a, b, 3), Statistics.pairedBootstrap(a, b, 3));
        assertThrows(IllegalArgumentException.class, () -> Statistics.pairedBootstrap(a, new double[99], 3));
    }

    private static double[] coinFlips(int n, double p, long seed) {
        Random random = new Random(seed);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = random.nextDouble() < p ? 1 : 0;
        }
        return out;
    }
}
