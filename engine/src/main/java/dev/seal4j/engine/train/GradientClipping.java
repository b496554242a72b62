package dev.seal4j.engine.train;

import dev.seal4j.engine.model.Parameter;

import java.util.List;

/** Global gradient-norm clipping, as torch.nn.utils.clip_grad_norm_ does it. */
public final class GradientClipping {
    private GradientClipping() {
    }

    /** The L2 norm of all gradients together. */
    public static double norm(List<Parameter> params) {
        double sum = 0;
        for (Parameter p : params) {
            for (float g : p.grad()) {
                sum += (double) g * g;
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
                    for (int i = 0; i < g.length; i++) {
                        g[i] *= c;
                    }
                }
            }
        }
        return norm;
    }
}
