package dev.seal4j.engine.tensor;

import jdk.incubator.vector.FloatVector;

import static dev.seal4j.engine.tensor.Simd.F;
import static dev.seal4j.engine.tensor.Simd.L;

/**
 * The gated MLP activation h = silu(gate) · up, silu(x) = x·σ(x). Forward and backward side by side.
 */
public final class SwiGlu {
    private static final FloatVector ONE = FloatVector.broadcast(F, 1f);

    private SwiGlu() {
    }

    /** out[i] = silu(gate[i]) · up[i] for i in [0, n). */
    public static void forward(float[] out, float[] gate, float[] up, int n) {
        Forward task = FORWARD.get();
        task.set(out, gate, up);
        try {
            Parallel.forChunks(n, 4096, task);
        } finally {
            task.set(null, null, null);
        }
    }

    /** The loop body of {@link #forward}: one reusable instance per calling thread (decoding allocates nothing). */
    private static final class Forward implements Parallel.Range {
        private float[] out, gate, up;

        void set(float[] out, float[] gate, float[] up) {
            this.out = out;
            this.gate = gate;
            this.up = up;
        }

        @Override
        public void run(int from, int to, int share) {
            Simd.exp(gate, from, out, from, to - from, -1f, 0f); // out = e^−gate
            int i = from;
            for (int bound = from + Simd.loopBound(to - from); i < bound; i += L) {
                FloatVector g = FloatVector.fromArray(F, gate, i);
                g.div(FloatVector.fromArray(F, out, i).add(1f)).mul(FloatVector.fromArray(F, up, i)).intoArray(out, i);
            }
            for (; i < to; i++) {
                out[i] = gate[i] / (1f + out[i]) * up[i];
            }
        }
    }

    private static final ThreadLocal<Forward> FORWARD = ThreadLocal.withInitial(Forward::new);

    /** dgate = dout·up·silu'(gate), dup = dout·silu(gate), with silu'(x) = σ(x)(1 + x(1 − σ(x))). Overwrites. */
    public static void backward(float[] dgate, float[] dup, float[] dout, float[] gate, float[] up, int n) {
        Parallel.forChunks(n, 4096, (from, to, share) -> {
            Simd.exp(gate, from, dup, from, to - from, -1f, 0f); // dup = e^−gate until overwritten below
            int i = from;
            for (int bound = from + Simd.loopBound(to - from); i < bound; i += L) {
                FloatVector g = FloatVector.fromArray(F, gate, i);
                FloatVector d = FloatVector.fromArray(F, dout, i);
                FloatVector sig = ONE.div(FloatVector.fromArray(F, dup, i).add(1f));
                d.mul(g.mul(sig)).intoArray(dup, i);
                d.mul(FloatVector.fromArray(F, up, i)).mul(sig).mul(g.mul(ONE.sub(sig)).add(1f)).intoArray(dgate, i);
            }
            for (; i < to; i++) {
                float g = gate[i];
                float sig = 1f / (1f + dup[i]);
                float silu = g * sig;
                dup[i] = dout[i] * silu;
                dgate[i] = dout[i] * up[i] * sig * (1f + g * (1f - sig));
            }
        });
    }
}
