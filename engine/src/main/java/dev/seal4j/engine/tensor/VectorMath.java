package dev.seal4j.engine.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

import static dev.seal4j.engine.tensor.Simd.F;
import static dev.seal4j.engine.tensor.Simd.L;

/** Vectorized loops over float arrays: the small building blocks of the ops. */
public final class VectorMath {
    private VectorMath() {
    }

    /** Σ a[ao+i]·b[bo+i], i in [0, n). */
    public static float dot(float[] a, int ao, float[] b, int bo, int n) {
        int i = 0;
        float sum = 0f;
        if (n >= 2 * L) {
            FloatVector c0 = FloatVector.zero(F), c1 = c0;
            for (int bound = n - n % (2 * L); i < bound; i += 2 * L) {
                c0 = FloatVector.fromArray(F, a, ao + i).fma(FloatVector.fromArray(F, b, bo + i), c0);
                c1 = FloatVector.fromArray(F, a, ao + i + L).fma(FloatVector.fromArray(F, b, bo + i + L), c1);
            }
            sum = Simd.sum(c0.add(c1));
        }
        for (; i < n; i++) {
            sum += a[ao + i] * b[bo + i];
        }
        return sum;
    }

    /** y[yo+i] += alpha·x[xo+i]. */
    public static void axpy(float alpha, float[] x, int xo, float[] y, int yo, int n) {
        int i = 0;
        FloatVector va = FloatVector.broadcast(F, alpha);
        for (int bound = Simd.loopBound(n); i < bound; i += L) {
            FloatVector.fromArray(F, x, xo + i).fma(va, FloatVector.fromArray(F, y, yo + i)).intoArray(y, yo + i);
        }
        for (; i < n; i++) {
            y[yo + i] += alpha * x[xo + i];
        }
    }

    /** x[o+i] *= alpha. */
    public static void scale(float[] x, int o, float alpha, int n) {
        int i = 0;
        for (int bound = Simd.loopBound(n); i < bound; i += L) {
            FloatVector.fromArray(F, x, o + i).mul(alpha).intoArray(x, o + i);
        }
        for (; i < n; i++) {
            x[o + i] *= alpha;
        }
    }

    /** y[yo+i] += x[xo+i]. */
    public static void add(float[] x, int xo, float[] y, int yo, int n) {
        int i = 0;
        for (int bound = Simd.loopBound(n); i < bound; i += L) {
            FloatVector.fromArray(F, x, xo + i).add(FloatVector.fromArray(F, y, yo + i)).intoArray(y, yo + i);
        }
        for (; i < n; i++) {
            y[yo + i] += x[xo + i];
        }
    }

    /** Σ x[o+i]². */
    public static float sumOfSquares(float[] x, int o, int n) {
        return dot(x, o, x, o, n);
    }

    /** max of x[o..o+n). */
    public static float max(float[] x, int o, int n) {
        int i = 0;
        float m = Float.NEGATIVE_INFINITY;
        if (n >= L) {
            FloatVector vm = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY);
            for (int bound = Simd.loopBound(n); i < bound; i += L) {
                // the fresh load is the receiver: its exact type lets the JIT inline max() even when the
                // loop-carried vm's type is unknown (else the call stays virtual and boxes every vector)
                vm = FloatVector.fromArray(F, x, o + i).max(vm);
            }
            m = vm.reduceLanes(VectorOperators.MAX);
        }
        for (; i < n; i++) {
            m = Math.max(m, x[o + i]);
        }
        return m;
    }

    /**
     * The index (from 0) of the first largest of x[o..o+n), ignoring NaN unless every value is NaN (then 0) —
     * what a scalar scan with {@code >} returns. The maximum is found a vector at a time, then its first
     * position.
     */
    public static int argmax(float[] x, int o, int n) {
        if (n <= 1) {
            return 0;
        }
        float m = max(x, o, n);
        if (Float.isNaN(m)) {
            int best = 0;
            for (int i = 1; i < n; i++) {
                if (x[o + i] > x[o + best] || Float.isNaN(x[o + best]) && !Float.isNaN(x[o + i])) {
                    best = i;
                }
            }
            return best;
        }
        int i = 0;
        for (int bound = Simd.loopBound(n); i < bound; i += L) {
            VectorMask<Float> hit = FloatVector.fromArray(F, x, o + i).eq(m);
            if (hit.anyTrue()) {
                return i + hit.firstTrue();
            }
        }
        while (x[o + i] != m) {
            i++;
        }
        return i;
    }

    /**
     * x[o..o+n) = scale · softmax(x[o..o+n)) in place, scale · e^(x − max) / Σ (one pass for e^x, one for the
     * scaling); returns log Σ e^x (the log-partition, for losses).
     */
    public static float softmax(float[] x, int o, int n, float scale) {
        return softmaxGivenMax(x, o, n, max(x, o, n), scale);
    }

    /** {@link #softmax(float[], int, int, float)} for a caller that already knows max = max(x[o..o+n)). */
    public static float softmaxGivenMax(float[] x, int o, int n, float max, float scale) {
        float sum = Simd.exp(x, o, x, o, n, 1f, max);
        scale(x, o, scale / sum, n);
        return max + (float) Math.log(sum);
    }

    /** log Σ e^x over x[o..o+n), using x as scratch: it is left holding e^(x − max). */
    public static float logSumExpInPlace(float[] x, int o, int n) {
        float max = max(x, o, n);
        return max + (float) Math.log(Simd.exp(x, o, x, o, n, 1f, max));
    }
}
