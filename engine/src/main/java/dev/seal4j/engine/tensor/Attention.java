package dev.seal4j.engine.tensor;

/**
 * Causal grouped-query attention. Query row i (H heads of width D) attends to the keys and values of its
 * own sequence at positions 0..pos[i]; query head h reads key/value head h / (H / KVH). Sequences are
 * ragged: a batch is the concatenation of its sequences' rows, so no compute is spent on padding.
 * Forward and backward side by side; the softmax probabilities are saved for backward.
 */
public final class Attention {
    private static final ThreadLocal<float[]> SCORES = ThreadLocal.withInitial(() -> new float[1024]);

    private Attention() {
    }

    /** Query rows per block of the training kernels: a block of rows attends to the keys up to its last row. */
    private static final int BLOCK_ROWS = 48;

    /**
     * Training layout: q (N, H·D), k and v (N, KVH·D); sequences are consecutive rows starting at position
     * 0, so the keys of row i are rows i − pos[i] .. i. out (N, H·D); probs (N, H, probStride) receives the
     * softmax weights (zero past each row's own position, up to the end of its block of rows).
     *
     * <p>One task per (sequence, head), as matrix products over blocks of {@link #BLOCK_ROWS} query rows:
     * S = Q·Kᵀ for the keys up to the block's last row, masked softmax, O = P·V.
     */
    public static void forward(float[] out, float[] q, float[] k, float[] v, float[] probs, int probStride,
                               int[] pos, int n, int heads, int kvHeads, int headDim) {
        int qDim = heads * headDim, kvDim = kvHeads * headDim, group = heads / kvHeads, pld = heads * probStride;
        float scale = (float) (1.0 / Math.sqrt(headDim));
        int[] starts = sequenceStarts(pos, n);
        Parallel.forChunks((starts.length - 1) * heads, 1, (from, to, share) -> {
            for (int task = from; task < to; task++) {
                int s = task / heads, h = task % heads;
                int first = starts[s], len = starts[s + 1] - first;
                int kOff = first * kvDim + (h / group) * headDim;
                for (int r0 = 0; r0 < len; r0 += BLOCK_ROWS) {
                    int rows = Math.min(BLOCK_ROWS, len - r0), cols = r0 + rows;
                    int qOff = (first + r0) * qDim + h * headDim, pOff = ((first + r0) * heads + h) * probStride;
                    Gemm.multiply(rows, cols, headDim, new Gemm.Dense(q, qOff, qDim), new Gemm.DenseT(k, kOff, kvDim),
                            probs, pOff, pld, false);
                    for (int r = 0; r < rows; r++) {
                        int p = pOff + r * pld, count = r0 + r + 1;
                        VectorMath.scale(probs, p, scale, count);
                        VectorMath.softmax(probs, p, count, 1f);
                        java.util.Arrays.fill(probs, p + count, p + cols, 0f);
                    }
                    Gemm.multiply(rows, headDim, cols, new Gemm.Dense(probs, pOff, pld), new Gemm.Dense(v, kOff, kvDim),
                            out, qOff, qDim, false);
                }
            }
        });
    }

    /**
     * Rows where a sequence starts (position 0), then n. The rows must be whole sequences packed one after
     * another: positions 0, 1, 2, ... restarting at 0 — anything else would attend to the wrong keys.
     */
    static int[] sequenceStarts(int[] pos, int n) {
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (pos[i] == 0) {
                count++;
            } else if (i == 0 || pos[i] != pos[i - 1] + 1) {
                throw new IllegalArgumentException("row " + i + " has position " + pos[i] + " but "
                        + (i == 0 ? "the first row must start a sequence (position 0)" : "follows position " + pos[i - 1]));
            }
        }
        int[] starts = new int[count + 1];
        for (int i = 0, s = 0; i < n; i++) {
            if (pos[i] == 0) {
                starts[s++] = i;
            }
        }
        starts[count] = n;
        return starts;
    }

    /**
     * Inference layout: the keys and values of row i are rows 0 .. pos[i] of keys[i] and values[i]
     * (that sequence's cache, (context, KVH·D)), which already hold row i's own key and value.
     */
    public static void forwardCached(float[] out, float[] q, float[][] keys, float[][] values, int[] pos, int n,
                                     int heads, int kvHeads, int headDim) {
        if (n >= BLOCKED_MIN_ROWS) {
            forwardCachedBlocked(out, q, keys, values, pos, n, heads, kvHeads, headDim);
            return;
        }
        Cached task = CACHED.get();
        task.set(out, q, keys, values, pos, heads, kvHeads, headDim);
        try {
            Parallel.forChunks(n * heads, 1, task);
        } finally {
            task.set(null, null, null, null, null, 0, 0, 0);
        }
    }

    /** From this many rows (a prompt), cached attention runs as matrix products over blocks of query rows. */
    private static final int BLOCKED_MIN_ROWS = 16;

    /**
     * {@link #forwardCached} for many rows: per run of consecutive rows of one sequence and per head, blocks
     * of {@link #BLOCK_ROWS} query rows as in {@link #forward} — S = Q·Kᵀ over the cached keys up to the
     * block's last position, masked softmax, O = P·V — where a run is long enough, else row by row.
     */
    private static void forwardCachedBlocked(float[] out, float[] q, float[][] keys, float[][] values, int[] pos, int n,
                                             int heads, int kvHeads, int headDim) {
        int qDim = heads * headDim, kvDim = kvHeads * headDim, group = heads / kvHeads;
        float scale = (float) (1.0 / Math.sqrt(headDim));
        int[] runStarts = new int[n + 1];
        int runs = 0;
        for (int i = 0; i < n; i++) {
            if (i == 0 || keys[i] != keys[i - 1] || pos[i] != pos[i - 1] + 1) {
                runStarts[runs++] = i;
            }
        }
        runStarts[runs] = n;
        Parallel.forChunks(runs * heads, 1, (from, to, share) -> {
            for (int task = from; task < to; task++) {
                int run = task / heads, h = task % heads;
                int first = runStarts[run], len = runStarts[run + 1] - first;
                float[] k = keys[first], v = values[first];
                int kvOff = (h / group) * headDim;
                if (len < BLOCKED_MIN_ROWS) {
                    for (int i = first; i < first + len; i++) {
                        int count = pos[i] + 1;
                        attendRow(out, i * qDim + h * headDim, q, i * qDim + h * headDim, k, v, kvOff, kvDim, count,
                                scale, scores(count), 0, headDim);
                    }
                    continue;
                }
                for (int r0 = 0; r0 < len; r0 += BLOCK_ROWS) {
                    int rows = Math.min(BLOCK_ROWS, len - r0), cols = pos[first + r0] + rows;
                    int qOff = (first + r0) * qDim + h * headDim;
                    float[] p = scratch(rows * cols);
                    Gemm.multiply(rows, cols, headDim, new Gemm.Dense(q, qOff, qDim), new Gemm.DenseT(k, kvOff, kvDim),
                            p, 0, cols, false);
                    for (int r = 0; r < rows; r++) {
                        int count = pos[first + r0 + r] + 1;
                        VectorMath.scale(p, r * cols, scale, count);
                        VectorMath.softmax(p, r * cols, count, 1f);
                        java.util.Arrays.fill(p, r * cols + count, (r + 1) * cols, 0f);
                    }
                    Gemm.multiply(rows, headDim, cols, new Gemm.Dense(p, 0, cols), new Gemm.Dense(v, kvOff, kvDim),
                            out, qOff, qDim, false);
                }
            }
        });
    }

    /** This thread's score scratch of at least n floats. */
    private static float[] scores(int n) {
        float[] s = SCORES.get();
        if (s.length < n) {
            s = new float[Integer.highestOneBit(n) * 2];
            SCORES.set(s);
        }
        return s;
    }

    /** The loop body of {@link #forwardCached}: one reusable instance per calling thread (decoding allocates nothing). */
    private static final class Cached implements Parallel.Range {
        private float[] out, q;
        private float[][] keys, values;
        private int[] pos;
        private int heads, kvHeads, headDim;

        void set(float[] out, float[] q, float[][] keys, float[][] values, int[] pos, int heads, int kvHeads, int headDim) {
            this.out = out;
            this.q = q;
            this.keys = keys;
            this.values = values;
            this.pos = pos;
            this.heads = heads;
            this.kvHeads = kvHeads;
            this.headDim = headDim;
        }

        @Override
        public void run(int from, int to, int thread) {
            int qDim = heads * headDim, kvDim = kvHeads * headDim, group = heads / kvHeads;
            float scale = (float) (1.0 / Math.sqrt(headDim));
            for (int task = from; task < to; task++) {
                int i = task / heads, h = task % heads;
                int count = pos[i] + 1;
                attendRow(out, i * qDim + h * headDim, q, i * qDim + h * headDim, keys[i], values[i],
                        (h / group) * headDim, kvDim, count, scale, scores(count), 0, headDim);
            }
        }
    }

    private static final ThreadLocal<Cached> CACHED = ThreadLocal.withInitial(Cached::new);

    /** One query head over `count` keys starting at element kvBase with row stride kvStride. */
    private static void attendRow(float[] out, int outOff, float[] q, int qOff, float[] k, float[] v, int kvBase,
                                  int kvStride, int count, float scale, float[] p, int pOff, int headDim) {
        float max = Float.NEGATIVE_INFINITY; // found with the scores: no second pass, and no helper for the JIT
        for (int j = 0; j < count; j++) {    // to compile on its own and box vectors in
            float score = VectorMath.dot(q, qOff, k, kvBase + j * kvStride, headDim) * scale;
            p[pOff + j] = score;
            max = Math.max(max, score);
        }
        VectorMath.softmaxGivenMax(p, pOff, count, max, 1f);
        java.util.Arrays.fill(out, outOff, outOff + headDim, 0f);
        for (int j = 0; j < count; j++) {
            VectorMath.axpy(p[pOff + j], v, kvBase + j * kvStride, out, outOff, headDim);
        }
    }

    /**
     * Backward of {@link #forward}: dq (N, H·D), dk, dv (N, KVH·D) accumulate. With P the saved
     * probabilities and dO the output gradient, per (sequence, head) and block of query rows:
     * dP = dO·Vᵀ, dS = P ⊙ (dP − rowsum(P ⊙ dP)) · scale, dQ += dS·K, dK_h += dSᵀ·Q, dV_h += Pᵀ·dO. The
     * heads of a key/value group write dK_h and dV_h of their own, summed into dk and dv in head order
     * afterwards (deterministic); dkHeads and dvHeads (N, H·D) are the caller's scratch for them. Every
     * sequence starts at position 0.
     */
    public static void backward(float[] dq, float[] dk, float[] dv, float[] dout, float[] q, float[] k, float[] v,
                                float[] probs, int probStride, int[] pos, int n, int heads,
                                int kvHeads, int headDim, float[] dkHeads, float[] dvHeads) {
        int qDim = heads * headDim, kvDim = kvHeads * headDim, group = heads / kvHeads, pld = heads * probStride;
        float scale = (float) (1.0 / Math.sqrt(headDim));
        int[] starts = sequenceStarts(pos, n);
        java.util.Arrays.fill(dkHeads, 0, n * qDim, 0f);
        java.util.Arrays.fill(dvHeads, 0, n * qDim, 0f);
        Parallel.forChunks((starts.length - 1) * heads, 1, (from, to, share) -> {
            for (int task = from; task < to; task++) {
                int s = task / heads, h = task % heads;
                int first = starts[s], len = starts[s + 1] - first;
                int kOff = first * kvDim + (h / group) * headDim, hOff = first * qDim + h * headDim;
                float[] ds = scratch(BLOCK_ROWS * len);
                for (int r0 = 0; r0 < len; r0 += BLOCK_ROWS) {
                    int rows = Math.min(BLOCK_ROWS, len - r0), cols = r0 + rows;
                    int qOff = (first + r0) * qDim + h * headDim, pOff = ((first + r0) * heads + h) * probStride;
                    // dP (rows, cols) = dO · Vᵀ, then dS in place
                    Gemm.multiply(rows, cols, headDim, new Gemm.Dense(dout, qOff, qDim), new Gemm.DenseT(v, kOff, kvDim),
                            ds, 0, cols, false);
                    for (int r = 0; r < rows; r++) {
                        int p = pOff + r * pld, d = r * cols, count = r0 + r + 1;
                        float dot = VectorMath.dot(probs, p, ds, d, count);
                        for (int j = 0; j < count; j++) {
                            ds[d + j] = probs[p + j] * (ds[d + j] - dot) * scale;
                        }
                        java.util.Arrays.fill(ds, d + count, d + cols, 0f);
                    }
                    Gemm.multiply(rows, headDim, cols, new Gemm.Dense(ds, 0, cols), new Gemm.Dense(k, kOff, kvDim),
                            dq, qOff, qDim, true);
                    Gemm.multiply(cols, headDim, rows, new Gemm.DenseT(ds, 0, cols), new Gemm.Dense(q, qOff, qDim),
                            dkHeads, hOff, qDim, true);
                    Gemm.multiply(cols, headDim, rows, new Gemm.DenseT(probs, pOff, pld), new Gemm.Dense(dout, qOff, qDim),
                            dvHeads, hOff, qDim, true);
                }
            }
        });
        Parallel.forChunks(n, Parallel.chunkSize(n, 16, 4), (i0, i1, share) -> {
            for (int i = i0; i < i1; i++) {
                for (int h = 0; h < heads; h++) {
                    int kv = i * kvDim + (h / group) * headDim, src = i * qDim + h * headDim;
                    VectorMath.add(dkHeads, src, dk, kv, headDim);
                    VectorMath.add(dvHeads, src, dv, kv, headDim);
                }
            }
        });
    }

    /** This thread's scratch array of at least n floats (grown, never shrunk; callers ask for one block of rows). */
    private static float[] scratch(int n) {
        float[] s = DS.get();
        if (s.length < n) {
            s = new float[n];
            DS.set(s);
        }
        return s;
    }

    private static final ThreadLocal<float[]> DS = ThreadLocal.withInitial(() -> new float[0]);
}
