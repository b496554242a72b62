package dev.seal4j.engine.tensor;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every operand layout and odd sizes against a naive double-precision product. */
class GemmTest {
    private final Random rnd = new Random(42);

    private float[] random(int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = rnd.nextFloat() * 2 - 1;
        }
        return x;
    }

    @Test
    void denseLayoutsMatchNaiveProduct() {
        int[][] sizes = {{1, 1, 1}, {7, 5, 3}, {13, 70, 300}, {100, 33, 257}, {6, 32, 256}, {75, 600, 130}};
        for (int[] s : sizes) {
            int m = s[0], n = s[1], k = s[2];
            float[] a = random(m * k), b = random(k * n);
            float[] aT = transpose(a, m, k), bT = transpose(b, k, n);
            double[] expect = naive(a, b, m, n, k);
            for (int variant = 0; variant < 4; variant++) {
                Gemm.Left left = variant % 2 == 0 ? new Gemm.Dense(a, 0, k) : new Gemm.DenseT(aT, 0, m);
                Gemm.Right right = variant / 2 == 0 ? new Gemm.Dense(b, 0, n) : new Gemm.DenseT(bT, 0, k);
                float[] c = new float[m * n];
                Gemm.multiply(m, n, k, left, right, c, 0, n, false);
                assertClose(expect, c, k, "m=" + m + " n=" + n + " k=" + k + " variant " + variant);
                Gemm.multiply(m, n, k, left, right, c, 0, n, true); // accumulate: 2·A·B
                for (int i = 0; i < expect.length; i++) {
                    assertEquals(2 * expect[i], c[i], 1e-4 * k, "accumulate");
                }
            }
        }
    }

    @Test
    void weightOperandsDequantizeWhilePacking() {
        int m = 9, n = 512, k = 768;
        try (Arena arena = Arena.ofShared()) {
            F32Tensor w = Tensor.allocateF32(arena, n, k); // (out, in)
            float[] wf = random(n * k);
            w.copyFrom(wf, 0, 0, wf.length);
            float[] x = random(m * k);
            // forward: Y = X · Wᵀ
            float[] y = new float[m * n];
            Gemm.multiply(m, n, k, new Gemm.Dense(x, 0, k), new Gemm.WeightT(w), y, 0, n, false);
            assertClose(naive(x, transpose(wf, n, k), m, n, k), y, k, "x·Wᵀ");
            // backward input: dX = dY · W
            float[] dy = random(m * n);
            float[] dx = new float[m * k];
            Gemm.multiply(m, k, n, new Gemm.Dense(dy, 0, n), new Gemm.Weight(w), dx, 0, k, false);
            assertClose(naive(dy, wf, m, k, n), dx, n, "dY·W");
        }
    }

    @Test
    void resultDoesNotDependOnThreadCount() {
        int m = 64, n = 1024, k = 300;
        float[] a = random(m * k), b = random(k * n);
        float[] one = new float[m * n], two = new float[m * n];
        int before = Parallel.threads();
        try {
            Parallel.setThreads(1);
            Gemm.multiply(m, n, k, new Gemm.Dense(a, 0, k), new Gemm.Dense(b, 0, n), one, 0, n, false);
            Parallel.setThreads(2);
            Gemm.multiply(m, n, k, new Gemm.Dense(a, 0, k), new Gemm.Dense(b, 0, n), two, 0, n, false);
        } finally {
            Parallel.setThreads(before);
        }
        org.junit.jupiter.api.Assertions.assertArrayEquals(one, two);
    }

    private static void assertClose(double[] expect, float[] got, int k, String what) {
        for (int i = 0; i < expect.length; i++) {
            assertEquals(expect[i], got[i], 1e-5 * k + 1e-5, what + " at " + i);
        }
    }

    private static float[] transpose(float[] x, int rows, int cols) {
        float[] t = new float[x.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = x[r * cols + c];
            }
        }
        return t;
    }

    private static double[] naive(float[] a, float[] b, int m, int n, int k) {
        double[] c = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += (double) a[i * k + p] * b[p * n + j];
                }
                c[i * n + j] = s;
            }
        }
        return c;
    }
}
