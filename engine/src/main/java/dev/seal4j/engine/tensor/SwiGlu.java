package dev.seal4j.engine.tensor;

/**
 * The gated MLP activation h = silu(gate) · up, silu(x) = x·σ(x). Forward and backward side by side.
 */
public final class SwiGlu {
    private SwiGlu() {
    }

    /** out[i] = silu(gate[i]) · up[i] for i in [0, n). */
    public static void forward(float[] out, float[] gate, float[] up, int n) {
        Parallel.forRange(n, 4096, (from, to, t) -> {
            for (int i = from; i < to; i++) {
                float g = gate[i];
                out[i] = g / (1f + (float) Math.exp(-g)) * up[i];
            }
        });
    }

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
