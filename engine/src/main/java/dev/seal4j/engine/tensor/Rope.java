package dev.seal4j.engine.tensor;

/**
 * Rotary position embedding over heads of width D. Element pairs rotate by angle pos·θ_i, with
 * θ_i = base^(−2i/D) (optionally rescaled by Llama 3's rule). Which elements pair up is the checkpoint's
 * convention: halves (x[i], x[i+D/2], Hugging Face) or adjacent (x[2i], x[2i+1], llama2.c and llama GGUF).
 * Forward rotates by +angle, backward by −angle (the rotation is orthogonal).
 */
public final class Rope {
    private final int headDim;
    private final boolean halves;
    private final float[] invFreq; // (D/2)
    private volatile float[] cos = new float[0]; // (positions, D/2)
    private volatile float[] sin = new float[0];

    /**
     * @param scaling Llama 3 rescaling {factor, lowFreqFactor, highFreqFactor, originalContext}, or null
     */
    public Rope(int headDim, float theta, boolean halves, float[] scaling) {
        this.headDim = headDim;
        this.halves = halves;
        this.invFreq = new float[headDim / 2];
        for (int i = 0; i < headDim / 2; i++) {
            // as PyTorch computes it: base ** (arange(0, D, 2).float() / D) in float32
            invFreq[i] = (float) (1.0 / Math.pow(theta, (float) (2 * i) / headDim));
        }
        if (scaling != null) {
            llama3Scale(invFreq, scaling[0], scaling[1], scaling[2], scaling[3]);
        }
    }

    /** Llama 3: long wavelengths divided by factor, short ones kept, the band between blended smoothly. */
    private static void llama3Scale(float[] invFreq, float factor, float lowFreqFactor, float highFreqFactor,
                                    float originalContext) {
        double lowFreqWavelen = originalContext / lowFreqFactor;
        double highFreqWavelen = originalContext / highFreqFactor;
        for (int i = 0; i < invFreq.length; i++) {
            double wavelen = 2 * Math.PI / invFreq[i];
            if (wavelen < highFreqWavelen) {
                continue;
            }
            if (wavelen > lowFreqWavelen) {
                invFreq[i] = invFreq[i] / factor;
            } else {
                double smooth = (originalContext / wavelen - lowFreqFactor) / (highFreqFactor - lowFreqFactor);
                invFreq[i] = (float) ((1 - smooth) * invFreq[i] / factor + smooth * invFreq[i]);
            }
        }
    }

    public int headDim() {
        return headDim;
    }

    /** Grows the cos/sin tables to cover positions [0, n). */
    private void ensure(int n) {
        int half = headDim / 2;
        if (cos.length >= n * half) {
            return;
        }
        synchronized (this) {
            int have = cos.length / half;
            if (have >= n) {
                return;
            }
            int size = Math.max(n, Math.max(256, have * 2));
            float[] c = new float[size * half], s = new float[size * half];
            for (int p = 0; p < size; p++) {
                for (int i = 0; i < half; i++) {
                    float angle = p * invFreq[i]; // float32 product, as PyTorch
                    c[p * half + i] = (float) Math.cos(angle);
                    s[p * half + i] = (float) Math.sin(angle);
                }
            }
            sin = s;
            cos = c;
        }
    }

    /** Rotates x (N, heads, D) in place; row i sits at position positions[i]. */
    public void forward(float[] x, int off, int n, int heads, int[] positions, int posOff) {
        rotate(x, off, n, heads, positions, posOff, 1f);
    }

    /** Backward of {@link #forward}: rotates the gradient dx (N, heads, D) in place by −angle. */
    public void backward(float[] dx, int off, int n, int heads, int[] positions, int posOff) {
        rotate(dx, off, n, heads, positions, posOff, -1f);
    }

    private void rotate(float[] x, int off, int n, int heads, int[] positions, int posOff, float sign) {
        int maxPos = 0;
        for (int i = 0; i < n; i++) {
            maxPos = Math.max(maxPos, positions[posOff + i]);
        }
        ensure(maxPos + 1);
        float[] c = cos, s = sin;
        if (n < 64) {
            rotateRows(0, n, x, off, heads, positions, posOff, sign, c, s);
        } else {
            Parallel.forChunks(n, 16, (i0, i1, share) -> rotateRows(i0, i1, x, off, heads, positions, posOff, sign, c, s));
        }
    }

    private void rotateRows(int i0, int i1, float[] x, int off, int heads, int[] positions, int posOff, float sign,
                            float[] c, float[] s) {
        int half = headDim / 2;
        int stride = halves ? half : 1; // distance between the two elements of a pair
        int step = halves ? 1 : 2;      // distance between consecutive pairs
        for (int i = i0; i < i1; i++) {
            int t = positions[posOff + i] * half;
            for (int h = 0; h < heads; h++) {
                int base = off + (i * heads + h) * headDim;
                for (int j = 0; j < half; j++) {
                    int a = base + j * step;
                    int b = a + stride;
                    float cj = c[t + j], sj = sign * s[t + j];
                    float x0 = x[a], x1 = x[b];
                    x[a] = x0 * cj - x1 * sj;
                    x[b] = x0 * sj + x1 * cj;
                }
            }
        }
    }
}
