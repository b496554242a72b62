package dev.seal4j.engine.train;

import dev.seal4j.engine.model.Parameter;
import dev.seal4j.engine.tensor.Parallel;

import java.util.List;

/**
 * AdamW as PyTorch implements it (torch.optim.AdamW): decoupled weight decay p ← p·(1 − lr·wd), then
 * p ← p − lr/(1 − β1ᵗ) · m / (√v / √(1 − β2ᵗ) + ε), the decay only for parameters marked for it
 * ({@link Parameter#decay}). State is kept in fp32 per parameter; the update is element-wise (the elements
 * are split over the threads, each updated on its own), so it is bit-for-bit deterministic.
 */
public final class AdamW {
    /** Elements per parallel task. */
    private static final int CHUNK = 1 << 16;

    private final float beta1, beta2, eps, weightDecay;
    private final List<Parameter> params;
    private final float[][] m, v;
    private final float[][] values;
    private long step;

    public AdamW(List<Parameter> params, float beta1, float beta2, float eps, float weightDecay) {
        this.params = List.copyOf(params);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.m = new float[params.size()][];
        this.v = new float[params.size()][];
        this.values = new float[params.size()][];
        for (int i = 0; i < params.size(); i++) {
            int n = params.get(i).size();
            m[i] = new float[n];
            v[i] = new float[n];
            values[i] = params.get(i).array() == null ? new float[n] : null;
        }
    }

    /** The defaults of the trainer: β = (0.9, 0.999), ε = 1e-8. */
    public static AdamW standard(List<Parameter> params, float weightDecay) {
        return new AdamW(params, 0.9f, 0.999f, 1e-8f, weightDecay);
    }

    /** Number of updates applied so far. */
    public long steps() {
        return step;
    }

    /** One update of every parameter from its gradient, at learning rate lr. */
    public void step(float lr) {
        step++;
        double bc1 = 1 - Math.pow(beta1, step);
        double bc2 = 1 - Math.pow(beta2, step);
        float stepSize = (float) (lr / bc1);
        float bc2Sqrt = (float) Math.sqrt(bc2);
        for (int i = 0; i < params.size(); i++) {
            Parameter p = params.get(i);
            float decay = p.decay() ? 1f - lr * weightDecay : 1f;
            float[] x = p.array() != null ? p.array() : values[i];
            float[] g = p.grad(), mi = m[i], vi = v[i];
            // element-wise, so the chunks run in any order on any thread with the same result
            Parallel.forChunks(x.length, CHUNK, (from, to, share) -> {
                if (p.tensor() != null) {
                    p.tensor().dequantize(from, x, from, to - from);
                }
                for (int j = from; j < to; j++) {
                    float gj = g[j];
                    mi[j] = beta1 * mi[j] + (1 - beta1) * gj;
                    vi[j] = beta2 * vi[j] + (1 - beta2) * gj * gj;
                    float denom = (float) Math.sqrt(vi[j]) / bc2Sqrt + eps;
                    x[j] = x[j] * decay - stepSize * mi[j] / denom;
                }
                if (p.tensor() != null) {
                    p.tensor().copyFrom(x, from, from, to - from);
                }
            });
        }
    }

    /** First and second moments, per parameter (checkpointing). */
    public float[][] firstMoments() {
        return m;
    }

    public float[][] secondMoments() {
        return v;
    }

    /** Restores the state saved with {@link #firstMoments}, {@link #secondMoments} and {@link #steps}. */
    public void restore(float[][] first, float[][] second, long steps) {
        for (int i = 0; i < m.length; i++) {
            System.arraycopy(first[i], 0, m[i], 0, m[i].length);
            System.arraycopy(second[i], 0, v[i], 0, v[i].length);
        }
        this.step = steps;
    }
}
