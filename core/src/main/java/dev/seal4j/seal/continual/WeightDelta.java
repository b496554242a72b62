package dev.seal4j.seal.continual;

import dev.seal4j.engine.model.LoraAdapter;

/**
 * How much an adapter changes the weights: the Frobenius norm of every s·B·A together,
 * √(Σ ‖s·B·A‖²_F), computed through the r×r Gram matrices (‖BA‖²_F = Σᵢⱼ (BᵀB)ᵢⱼ (AAᵀ)ᵢⱼ) without forming
 * B·A. NaN when any adapter value is not finite.
 */
public final class WeightDelta {
    private WeightDelta() {
    }

    public static double norm(LoraAdapter adapter) {
        double total = 0;
        for (LoraAdapter.Matrix m : adapter.matrices()) {
            if (!m.isA()) {
                continue;
            }
            float[] a = m.value().toFloatArray();                                 // (r, in)
            float[] b = adapter.b(m.layer(), m.target()).toFloatArray();          // (out, r)
            int r = adapter.config().rank(), in = a.length / r, out = b.length / r;
            double[] aat = gram(a, r, in, true);
            double[] btb = gram(b, out, r, false);
            double sq = 0;
            for (int i = 0; i < r * r; i++) {
                sq += aat[i] * btb[i];
            }
            total += (double) adapter.scale() * adapter.scale() * sq;
        }
        return Double.isFinite(total) ? Math.sqrt(Math.max(0, total)) : Double.NaN;
    }

    /** A·Aᵀ (r×r) of a (r, n) when {@code rowsAreRank}; else Bᵀ·B (r×r) of b (n, r). */
    private static double[] gram(float[] x, int rows, int cols, boolean rowsAreRank) {
        int r = rowsAreRank ? rows : cols;
        double[] g = new double[r * r];
        for (int i = 0; i < r; i++) {
            for (int j = i; j < r; j++) {
                double s = 0;
                if (rowsAreRank) {
                    for (int k = 0; k < cols; k++) {
                        s += (double) x[i * cols + k] * x[j * cols + k];
                    }
                } else {
                    for (int k = 0; k < rows; k++) {
                        s += (double) x[k * cols + i] * x[k * cols + j];
                    }
                }
                g[i * r + j] = s;
                g[j * r + i] = s;
            }
        }
        return g;
    }
}
