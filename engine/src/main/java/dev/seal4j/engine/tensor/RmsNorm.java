package dev.seal4j.engine.tensor;

/**
 * RMSNorm: out = x · rstd · w with rstd = 1/√(mean(x²) + eps), over rows of width C.
 * Forward and backward side by side; backward accumulates.
 */
public final class RmsNorm {
    private RmsNorm() {
    }

    /**
     * out (N, C) = norm(inp (N, C)) · w (C); rstd (N) saved for backward (null when not training).
     * out may be inp (in place). Offsets let per-head norms (q_norm, k_norm) use it too.
     */
    public static void forward(float[] out, int outOff, float[] rstd, int rstdOff, float[] inp, int inpOff, float[] w,
                               int n, int c, float eps) {
        for (int i = 0; i < n; i++) {
            int row = inpOff + i * c;
            float ms = VectorMath.sumOfSquares(inp, row, c) / c;
            float r = (float) (1.0 / Math.sqrt(ms + eps));
            if (rstd != null) {
                rstd[rstdOff + i] = r;
            }
            int o = outOff + i * c;
            for (int j = 0; j < c; j++) {
                out[o + j] = inp[row + j] * r * w[j];
            }
        }
    }

    /**
     * dinp (N, C) += ∂L/∂inp; dweight (C) += ∂L/∂w (null when frozen). With y = w·x·r:
     * dx_j = r·w_j·dy_j − r³/C · x_j · Σ_i dy_i·w_i·x_i, dw_j = Σ_n dy_j·x_j·r.
     */
    public static void backward(float[] dinp, int dinpOff, float[] dweight, float[] dout, int doutOff, float[] inp,
                                int inpOff, float[] w, float[] rstd, int rstdOff, int n, int c) {
        for (int i = 0; i < n; i++) {
            int x = inpOff + i * c, dy = doutOff + i * c, dx = dinpOff + i * c;
            float r = rstd[rstdOff + i];
            double dot = 0;
            for (int j = 0; j < c; j++) {
                dot += dout[dy + j] * w[j] * inp[x + j];
            }
            float k = (float) (dot * r * r * r / c);
            for (int j = 0; j < c; j++) {
                dinp[dx + j] += r * w[j] * dout[dy + j] - k * inp[x + j];
            }
            if (dweight != null) {
                for (int j = 0; j < c; j++) {
                    dweight[j] += dout[dy + j] * inp[x + j] * r;
                }
            }
        }
    }
}
