package dev.seal4j.engine.tensor;

/**
 * RMSNorm: out = x · rstd · w with rstd = 1/√(mean(x²) + eps), over rows of width C.
 * Forward and backward side by side; backward accumulates.
 */
public final class RmsNorm {
    /** From this many rows on, rows are spread over the threads (below, a loop would cost more than it saves). */
    private static final int PARALLEL_ROWS = 64;
    /** Columns per task of the weight gradient. */
    private static final int COLUMN_CHUNK = 64;

    private RmsNorm() {
    }

    /**
     * out (N, C) = norm(inp (N, C)) · w (C); rstd (N) saved for backward (null when not training).
     * out may be inp (in place). Offsets let per-head norms (q_norm, k_norm) use it too.
     */
    public static void forward(float[] out, int outOff, float[] rstd, int rstdOff, float[] inp, int inpOff, float[] w,
                               int n, int c, float eps) {
        if (n < PARALLEL_ROWS) {
            forwardRows(0, n, out, outOff, rstd, rstdOff, inp, inpOff, w, c, eps);
        } else {
            Parallel.forChunks(n, 16, (i0, i1, s) -> forwardRows(i0, i1, out, outOff, rstd, rstdOff, inp, inpOff, w, c, eps));
        }
    }

    private static void forwardRows(int i0, int i1, float[] out, int outOff, float[] rstd, int rstdOff, float[] inp,
                                    int inpOff, float[] w, int c, float eps) {
        for (int i = i0; i < i1; i++) {
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
     * dx_j = r·w_j·dy_j − r³/C · x_j · Σ_i dy_i·w_i·x_i, dw_j = Σ_n dy_j·x_j·r. Rows are independent; the
     * weight gradient is summed over rows in order, column by column.
     */
    public static void backward(float[] dinp, int dinpOff, float[] dweight, float[] dout, int doutOff, float[] inp,
                                int inpOff, float[] w, float[] rstd, int rstdOff, int n, int c) {
        if (n < PARALLEL_ROWS) {
            backwardRows(0, n, dinp, dinpOff, dout, doutOff, inp, inpOff, w, rstd, rstdOff, c);
            if (dweight != null) {
                weightGradient(0, c, dweight, dout, doutOff, inp, inpOff, rstd, rstdOff, n, c);
            }
            return;
        }
        Parallel.forChunks(n, 16, (i0, i1, s) -> backwardRows(i0, i1, dinp, dinpOff, dout, doutOff, inp, inpOff, w,
                rstd, rstdOff, c));
        if (dweight != null) {
            Parallel.forChunks(c, COLUMN_CHUNK, (j0, j1, s) -> weightGradient(j0, j1, dweight, dout, doutOff, inp,
                    inpOff, rstd, rstdOff, n, c));
        }
    }

    private static void backwardRows(int i0, int i1, float[] dinp, int dinpOff, float[] dout, int doutOff, float[] inp,
                                     int inpOff, float[] w, float[] rstd, int rstdOff, int c) {
        for (int i = i0; i < i1; i++) {
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
        }
    }

    /** dweight[j] += Σ_i dout[i, j]·inp[i, j]·rstd[i] for columns [j0, j1), rows in order. */
    private static void weightGradient(int j0, int j1, float[] dweight, float[] dout, int doutOff, float[] inp,
                                       int inpOff, float[] rstd, int rstdOff, int n, int c) {
        for (int i = 0; i < n; i++) {
            int x = inpOff + i * c, dy = doutOff + i * c;
            float r = rstd[rstdOff + i];
            for (int j = j0; j < j1; j++) {
                dweight[j] += dout[dy + j] * inp[x + j] * r;
            }
        }
    }
}
