package dev.seal4j.engine.tensor;

import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static dev.seal4j.engine.tensor.Simd.F;
import static dev.seal4j.engine.tensor.Simd.L;
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
        float[] x = new float[L], out = new float[L];
        for (int trial = 0; trial < 20_000; trial++) {
            for (int i = 0; i < L; i++) {
                x[i] = trial < 10 ? i - 8 + trial * 0.25f : (float) (rnd.nextDouble() * 174 - 87);
            }
            Simd.exp(FloatVector.fromArray(F, x, 0)).intoArray(out, 0);
            for (int i = 0; i < L; i++) {
                double e = Math.exp(x[i]);
                assertTrue(Math.abs(out[i] - e) <= 2 * Math.ulp((float) e), "exp(" + x[i] + ") = " + out[i] + ", not " + e);
                assertEquals(out[i], Simd.exp(x[i]), 0f, "scalar exp(" + x[i] + ")");
            }
        }
        float[] edges = new float[L];
        edges[0] = -1000f;
        edges[1] = 1000f;
        edges[2] = 0f;
        Simd.exp(FloatVector.fromArray(F, edges, 0)).intoArray(out, 0);
        assertTrue(out[0] >= 0 && out[0] < 1e-37f, "tiny below: " + out[0]);
        assertTrue(out[1] > 1e38f, "huge above: " + out[1]);
        assertEquals(1f, out[2], 0f);
    }
}
