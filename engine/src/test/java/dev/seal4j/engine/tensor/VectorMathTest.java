package dev.seal4j.engine.tensor;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The vector helpers against scalar loops. */
class VectorMathTest {

    /** The first largest non-NaN value, as a plain scan finds it. */
    private static int scanArgmax(float[] x, int o, int n) {
        int best = -1;
        for (int i = 0; i < n; i++) {
            if (!Float.isNaN(x[o + i]) && (best < 0 || x[o + i] > x[o + best])) {
                best = i;
            }
        }
        return Math.max(best, 0);
    }

    @Test
    void argmaxIsTheFirstLargestValueForEveryLengthAndOffset() {
        Random rnd = new Random(5);
        for (int trial = 0; trial < 3000; trial++) {
            int n = 1 + rnd.nextInt(3 * Simd.L + 5);
            int o = rnd.nextInt(4);
            float[] x = new float[o + n + 2];
            for (int i = 0; i < x.length; i++) {
                // few distinct values, so the maximum is often tied; sometimes infinities and NaN
                x[i] = switch (rnd.nextInt(20)) {
                    case 0 -> Float.NEGATIVE_INFINITY;
                    case 1 -> trial % 3 == 0 ? Float.NaN : -1f;
                    case 2 -> -0f;
                    default -> rnd.nextInt(6) - 3;
                };
            }
            x[o + n] = 100f; // past the end: must be ignored
            assertEquals(scanArgmax(x, o, n), VectorMath.argmax(x, o, n), "trial " + trial + ", n " + n);
        }
        assertEquals(0, VectorMath.argmax(new float[]{Float.NaN, Float.NaN, Float.NaN}, 0, 3));
    }

    @Test
    void softmaxMatchesADoublePrecisionReferenceAndReturnsTheLogPartition() {
        Random rnd = new Random(6);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + rnd.nextInt(4 * Simd.L);
            float[] x = new float[n + 1];
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                x[i] = (float) (rnd.nextGaussian() * 10);
                max = Math.max(max, x[i]);
            }
            x[n] = 7f;
            double z = 0;
            for (int i = 0; i < n; i++) {
                z += Math.exp(x[i] - max);
            }
            float[] before = x.clone();
            float logZ = VectorMath.softmax(x, 0, n, 2f);
            assertEquals(max + Math.log(z), logZ, 1e-5 * Math.max(1, Math.abs(logZ)));
            for (int i = 0; i < n; i++) {
                assertEquals(2 * Math.exp(before[i] - max) / z, x[i], 2e-6);
            }
            assertEquals(7f, x[n]);
            assertEquals(logZ, VectorMath.logSumExpInPlace(before, 0, n), 0f, "the same log-partition");
        }
    }
}
