package dev.seal4j.engine.tensor;

import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static dev.seal4j.engine.tensor.Simd.F;
import static dev.seal4j.engine.tensor.Simd.L;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The order-fixed vector helpers against scalar references. */
class SimdTest {

    @Test
    void sumAddsLanesPairwiseInAFixedOrder() {
        Random rnd = new Random(1);
        for (int trial = 0; trial < 1000; trial++) {
            float[] a = new float[L];
            for (int i = 0; i < L; i++) {
                a[i] = (float) (rnd.nextGaussian() * Math.pow(10, rnd.nextInt(9) - 4));
            }
            // the same additions by hand: lane i plus lane i + h (mod L), h = L/2, L/4, ..., 1
            float[] v = a.clone();
            for (int h = L / 2; h >= 1; h /= 2) {
                float[] next = new float[L];
                for (int i = 0; i < L; i++) {
                    next[i] = v[i] + v[(i + h) % L];
                }
                v = next;
            }
            assertEquals(v[0], Simd.sum(FloatVector.fromArray(F, a, 0)), 0f);
        }
    }

    @Test
    void sum4GivesTheBitsOfFourSeparateSums() {
        Random rnd = new Random(3);
        for (int trial = 0; trial < 1000; trial++) {
            FloatVector[] v = new FloatVector[4];
            for (int k = 0; k < 4; k++) {
                float[] a = new float[L];
                for (int i = 0; i < L; i++) {
                    a[i] = (float) (rnd.nextGaussian() * Math.pow(10, rnd.nextInt(9) - 4));
                }
                v[k] = FloatVector.fromArray(F, a, 0);
            }
            float[] out = new float[6];
            Simd.sum4(v[0], v[1], v[2], v[3], out, 1);
            for (int k = 0; k < 4; k++) {
                assertEquals(Simd.sum(v[k]), out[1 + k], 0f, "vector " + k);
            }
            assertEquals(0f, out[0]);
            assertEquals(0f, out[5]);
        }
    }

    @Test
    void expIsWithinTwoUlpOfMathExpAndTheScalarVersionAgrees() {
        Random rnd = new Random(2);
        int n = 3 * L + 5; // whole vectors and a scalar tail
        float[] x = new float[n], out = new float[n + 2];
        for (int trial = 0; trial < 5_000; trial++) {
            for (int i = 0; i < n; i++) {
                x[i] = trial < 10 ? i - 8 + trial * 0.25f : (float) (rnd.nextDouble() * 174 - 87);
            }
            float sum = Simd.exp(x, 0, out, 1, n, 1f, 0f);
            float expected = 0f;
            for (int i = 0; i < n; i++) {
                double e = Math.exp(x[i]);
                assertTrue(Math.abs(out[1 + i] - e) <= 2 * Math.ulp((float) e), "exp(" + x[i] + ") = " + out[1 + i] + ", not " + e);
                assertEquals(out[1 + i], Simd.exp(x[i]), 0f, "scalar exp(" + x[i] + ")");
                expected += out[1 + i];
            }
            assertEquals(expected, sum, 1e-5f * expected, "sum");
            assertEquals(0f, out[0]);
            assertEquals(0f, out[n + 1]);
        }
        float[] edges = {-1000f, 1000f, 0f};
        Simd.exp(edges, 0, edges, 0, 3, 1f, 0f);
        assertTrue(edges[0] >= 0 && edges[0] < 1e-37f, "tiny below: " + edges[0]);
        assertTrue(edges[1] > 1e38f, "huge above: " + edges[1]);
        assertEquals(1f, edges[2], 0f);
    }

    @Test
    void expScalesAndShiftsItsArgumentInPlace() {
        float[] x = new float[2 * L + 3];
        for (int i = 0; i < x.length; i++) {
            x[i] = 0.1f * i - 1f;
        }
        float[] expected = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            expected[i] = Simd.exp(Math.fma(x[i], -2f, -0.5f));
        }
        Simd.exp(x, 0, x, 0, x.length, -2f, 0.5f);
        assertArrayEquals(expected, x, 0f);
    }
}
