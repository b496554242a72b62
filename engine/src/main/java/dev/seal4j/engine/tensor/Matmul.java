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
            task.begin(inp, inpOff, n, c, accumulate);
            task.add(weight, bias, out, outOff);
            task.run();
            return;
        }
        Gemm.multiply(n, oc, c, new Gemm.Dense(inp, inpOff, c), new Gemm.WeightT(weight), out, outOff, oc, accumulate);
        if (bias != null) {
            addBias(out, outOff, bias, n, oc);
        }
    }

    /**
     * Several linear layers of one input (q/k/v, or gate/up): outs[k] (N, OC_k) = inp (N, C) · weights[k]ᵀ +
     * biases[k] (a null bias for none). With few rows (decoding) they run as one parallel loop over all their
     * rows instead of one loop each; the results are the same either way.
     */
    public static void forwardShared(float[] inp, int n, int c, Tensor[] weights, float[][] biases, float[][] outs) {
        if (n > DOT_ROWS) {
            for (int k = 0; k < weights.length; k++) {
                forward(outs[k], inp, weights[k], biases[k], n, c, weights[k].rows());
            }
            return;
        }
        RowDots task = ROW_DOTS.get();
        task.begin(inp, 0, n, c, false);
        for (int k = 0; k < weights.length; k++) {
            checkShape(weights[k], c, weights[k].rows());
            task.add(weights[k], biases[k], outs[k], 0);
        }
        task.run();
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
     * The decoding path's loop body: the rows of one or more weights (one index space, weight after weight)
     * against each input row. One reusable instance per calling thread, so that a decoding step allocates
     * nothing; a row's dot product never depends on how the rows are cut into chunks.
     */
    private static final class RowDots implements Parallel.Range {
        private static final int MAX_WEIGHTS = 3;
        private final Tensor[] weights = new Tensor[MAX_WEIGHTS];
        private final float[][] biases = new float[MAX_WEIGHTS][], outs = new float[MAX_WEIGHTS][];
        private final int[] outOffs = new int[MAX_WEIGHTS];
        private int count, totalRows;
        private float[] inp;
        private int inpOff, n, c;
        private boolean accumulate;

        void begin(float[] inp, int inpOff, int n, int c, boolean accumulate) {
            this.inp = inp;
            this.inpOff = inpOff;
            this.n = n;
            this.c = c;
            this.accumulate = accumulate;
            count = 0;
            totalRows = 0;
        }

        void add(Tensor weight, float[] bias, float[] out, int outOff) {
            if (count == MAX_WEIGHTS) {
                throw new IllegalArgumentException("at most " + MAX_WEIGHTS + " weights share one input");
            }
            weights[count] = weight;
            biases[count] = bias;
            outs[count] = out;
            outOffs[count] = outOff;
            count++;
            totalRows += weight.rows();
        }

        /** Runs the loop, then drops the references to the caller's arrays. */
        void run() {
            try {
                Parallel.forChunks(totalRows, Parallel.chunkSize(totalRows, 16, 4), this);
            } finally {
                java.util.Arrays.fill(weights, null);
                java.util.Arrays.fill(biases, null);
                java.util.Arrays.fill(outs, null);
                inp = null;
            }
        }

        @Override
        public void run(int from, int to, int share) {
            int first = 0;
            for (int k = 0; k < count; k++) {
                int oc = weights[k].rows();
                int o0 = Math.max(from, first) - first, o1 = Math.min(to, first + oc) - first;
                if (o0 < o1) {
                    rows(weights[k], biases[k], outs[k], outOffs[k], oc, o0, o1);
                }
                first += oc;
            }
        }

        private void rows(Tensor weight, float[] bias, float[] out, int outOff, int oc, int o0, int o1) {
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
