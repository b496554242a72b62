package dev.seal4j.engine.tensor;

/**
 * A linear layer y = x·Wᵀ + b with W stored (OC, C) as in PyTorch, in any dtype.
 * Forward and backward side by side; backward accumulates into its outputs (callers zero them).
 */
public final class Matmul {
    /** Below this many rows a product is a set of dot products against the stored rows (decoding). */
    private static final int DOT_ROWS = 4;

    private Matmul() {
    }

    /**
     * out (N, OC) = inp (N, C) · weight (OC, C)ᵀ + bias (OC).
     *
     * @param bias null for none
     */
    public static void forward(float[] out, float[] inp, Tensor weight, float[] bias, int n, int c, int oc) {
        forward(out, 0, inp, 0, weight, bias, n, c, oc);
    }

    /** As {@link #forward(float[], float[], Tensor, float[], int, int, int)} at offsets into out and inp. */
    public static void forward(float[] out, int outOff, float[] inp, int inpOff, Tensor weight, float[] bias,
                               int n, int c, int oc) {
        apply(out, outOff, inp, inpOff, weight, bias, n, c, oc, false);
    }

    /** out (N, OC) += inp (N, C) · weight (OC, C)ᵀ. */
    public static void forwardAccumulate(float[] out, float[] inp, Tensor weight, int n, int c, int oc) {
        apply(out, 0, inp, 0, weight, null, n, c, oc, true);
    }

    private static void apply(float[] out, int outOff, float[] inp, int inpOff, Tensor weight, float[] bias,
                              int n, int c, int oc, boolean accumulate) {
        checkShape(weight, c, oc);
        if (n <= DOT_ROWS) {
            RowDots task = ROW_DOTS.get();
            task.set(out, outOff, inp, inpOff, weight, bias, n, c, oc, accumulate);
            try {
                Parallel.forChunks(oc, Parallel.chunkSize(oc, 16, 4), task); // a row's dot never depends on the cut
            } finally {
                task.set(null, 0, null, 0, null, null, 0, 0, 0, false);
            }
            return;
        }
        Gemm.multiply(n, oc, c, new Gemm.Dense(inp, inpOff, c), new Gemm.WeightT(weight), out, outOff, oc, accumulate);
        if (bias != null) {
            addBias(out, outOff, bias, n, oc);
        }
    }

    /**
     * Backward of {@link #forward}: dinp (N, C) += dout · W; dweight (OC, C) += doutᵀ · inp; dbias (OC) += Σ dout.
     * Any of dinp, dweight, dbias may be null (not needed: frozen weights, first layer).
     */
    public static void backward(float[] dinp, float[] dweight, float[] dbias, float[] dout, float[] inp, Tensor weight,
                                int n, int c, int oc) {
        checkShape(weight, c, oc);
        if (dinp != null) {
            Gemm.multiply(n, c, oc, new Gemm.Dense(dout, 0, oc), new Gemm.Weight(weight), dinp, 0, c, true);
        }
        if (dweight != null) {
            Gemm.multiply(oc, c, n, new Gemm.DenseT(dout, 0, oc), new Gemm.Dense(inp, 0, c), dweight, 0, c, true);
        }
        if (dbias != null) {
            for (int i = 0; i < n; i++) {
                VectorMath.add(dout, i * oc, dbias, 0, oc);
            }
        }
    }

    /**
     * The decoding path's loop body: rows [o0, o1) of the weight against each input row. One reusable
     * instance per calling thread, so that a decoding step allocates nothing.
     */
    private static final class RowDots implements Parallel.Range {
        private float[] out, inp, bias;
        private Tensor weight;
        private int outOff, inpOff, n, c, oc;
        private boolean accumulate;

        void set(float[] out, int outOff, float[] inp, int inpOff, Tensor weight, float[] bias, int n, int c, int oc,
                 boolean accumulate) {
            this.out = out;
            this.outOff = outOff;
            this.inp = inp;
            this.inpOff = inpOff;
            this.weight = weight;
            this.bias = bias;
            this.n = n;
            this.c = c;
            this.oc = oc;
            this.accumulate = accumulate;
        }

        @Override
        public void run(int o0, int o1, int thread) {
            for (int i = 0; i < n; i++) {
                int at = outOff + i * oc;
                if (accumulate) {
                    for (int o = o0; o < o1; o++) {
                        out[at + o] += weight.dot((long) o * c, inp, inpOff + i * c, c);
                    }
                    continue;
                }
                weight.dotRows(o0, o1, inp, inpOff + i * c, out, at + o0);
                if (bias != null) {
                    for (int o = o0; o < o1; o++) {
                        out[at + o] += bias[o];
                    }
                }
            }
        }
    }

    private static final ThreadLocal<RowDots> ROW_DOTS = ThreadLocal.withInitial(RowDots::new);

    private static void addBias(float[] out, int outOff, float[] bias, int n, int oc) {
        for (int i = 0; i < n; i++) {
            VectorMath.add(bias, 0, out, outOff + i * oc, oc);
        }
    }

    private static void checkShape(Tensor weight, int c, int oc) {
        if (weight.rows() != oc || weight.cols() != c) {
            throw new IllegalArgumentException("weight " + weight + " does not map " + c + " → " + oc);
        }
    }
}
