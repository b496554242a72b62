package dev.seal4j.engine.tensor;

/**
 * The gated MLP activation h = silu(gate) · up, silu(x) = x·σ(x). Forward and backward side by side.
 */
public final class SwiGlu {
    private SwiGlu() {
    }

    /** out[i] = silu(gate[i]) · up[i] for i in [0, n). */
    public static void forward(float[] out, float[] gate, float[] up, int n) {
        Forward task = FORWARD.get();
        task.set(out, gate, up);
        try {
            Parallel.forRange(n, 4096, task);
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
        public void run(int from, int to, int thread) {
            for (int i = from; i < to; i++) {
                float g = gate[i];
                out[i] = g / (1f + (float) Math.exp(-g)) * up[i];
            }
        }
    }

    private static final ThreadLocal<Forward> FORWARD = ThreadLocal.withInitial(Forward::new);

    /** dgate = dout·up·silu'(gate), dup = dout·silu(gate), with silu'(x) = σ(x)(1 + x(1 − σ(x))). Overwrites. */
    public static void backward(float[] dgate, float[] dup, float[] dout, float[] gate, float[] up, int n) {
        Parallel.forRange(n, 4096, (from, to, t) -> {
            for (int i = from; i < to; i++) {
                float g = gate[i];
                float sig = 1f / (1f + (float) Math.exp(-g));
                float silu = g * sig;
                dup[i] = dout[i] * silu;
                dgate[i] = dout[i] * up[i] * sig * (1f + g * (1f - sig));
            }
        });
    }
}
