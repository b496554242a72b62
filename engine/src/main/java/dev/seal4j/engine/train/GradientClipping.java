package dev.seal4j.engine.train;

import dev.seal4j.engine.model.Parameter;
import dev.seal4j.engine.tensor.Parallel;

import java.util.List;

/** Global gradient-norm clipping, as torch.nn.utils.clip_grad_norm_ does it. */
public final class GradientClipping {
    private GradientClipping() {
    }

    /** Elements per parallel task; the partial sums are added in a fixed order, whatever the thread count. */
    private static final int CHUNK = 1 << 16;

    /** The L2 norm of all gradients together. */
    public static double norm(List<Parameter> params) {
        double sum = 0;
        for (Parameter p : params) {
            float[] g = p.grad();
            double[] partial = new double[(g.length + CHUNK - 1) / CHUNK];
            Parallel.forChunks(g.length, CHUNK, (from, to, share) -> {
                // a share may span several chunks (one thread, or a nested call): one partial per chunk
                // regardless, so the sums do not depend on how the range was cut
                for (int c0 = from; c0 < to; c0 += CHUNK) {
                    double s = 0;
                    for (int i = c0, end = Math.min(to, c0 + CHUNK); i < end; i++) {
                        s += (double) g[i] * g[i];
                    }
                    partial[c0 / CHUNK] = s;
                }
            });
            for (double s : partial) {
                sum += s;
            }
        }
        return Math.sqrt(sum);
    }

    /**
     * Scales every gradient by maxNorm / (norm + 1e-6) when that is below 1; maxNorm 0 disables. Returns
     * the norm before clipping.
     */
    public static double clip(List<Parameter> params, float maxNorm) {
        double norm = norm(params);
        if (maxNorm > 0) {
            double coef = maxNorm / (norm + 1e-6);
            if (coef < 1) {
                float c = (float) coef;
                for (Parameter p : params) {
                    float[] g = p.grad();
                    Parallel.forChunks(g.length, CHUNK, (from, to, share) -> {
                        for (int i = from; i < to; i++) {
                            g[i] *= c;
                        }
                    });
                }
            }
        }
        return norm;
    }
}
