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

    /**
     * Training layout: q (N, H·D), k and v (N, KVH·D); sequences are consecutive rows starting at position
     * 0, so the keys of row i are rows i − pos[i] .. i. out (N, H·D); probs (N, H, probStride) receives the
     * softmax weights.
     */
    public static void forward(float[] out, float[] q, float[] k, float[] v, float[] probs, int probStride,
                               int[] pos, int n, int heads, int kvHeads, int headDim) {
        int qDim = heads * headDim, kvDim = kvHeads * headDim, group = heads / kvHeads;
        float scale = (float) (1.0 / Math.sqrt(headDim));
        Parallel.forRange(n * heads, (from, to, t) -> {
            for (int task = from; task < to; task++) {
                int i = task / heads, h = task % heads;
                int kvBase = (i - pos[i]) * kvDim + (h / group) * headDim;
                attendRow(out, i * qDim + h * headDim, q, i * qDim + h * headDim, k, v, kvBase, kvDim,
                        pos[i] + 1, scale, probs, (i * heads + h) * probStride, headDim);
            }
        });
    }

    /**
     * Inference layout: the keys and values of row i are rows 0 .. pos[i] of keys[i] and values[i]
     * (that sequence's cache, (context, KVH·D)), which already hold row i's own key and value.
     */
    public static void forwardCached(float[] out, float[] q, float[][] keys, float[][] values, int[] pos, int n,
                                     int heads, int kvHeads, int headDim) {
        Cached task = CACHED.get();
        task.set(out, q, keys, values, pos, heads, kvHeads, headDim);
        try {
            Parallel.forRange(n * heads, task);
        } finally {
            task.set(null, null, null, null, null, 0, 0, 0);
        }
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
                float[] scores = SCORES.get();
                if (scores.length < count) {
                    scores = new float[Integer.highestOneBit(count) * 2];
                    SCORES.set(scores);
                }
                attendRow(out, i * qDim + h * headDim, q, i * qDim + h * headDim, keys[i], values[i],
                        (h / group) * headDim, kvDim, count, scale, scores, 0, headDim);
            }
        }
    }

    private static final ThreadLocal<Cached> CACHED = ThreadLocal.withInitial(Cached::new);

    /** One query head over `count` keys starting at element kvBase with row stride kvStride. */
    private static void attendRow(float[] out, int outOff, float[] q, int qOff, float[] k, float[] v, int kvBase,
                                  int kvStride, int count, float scale, float[] p, int pOff, int headDim) {
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < count; j++) {
            float s = VectorMath.dot(q, qOff, k, kvBase + j * kvStride, headDim) * scale;
            p[pOff + j] = s;
            max = Math.max(max, s);
        }
        float logZ = max + (float) Math.log(VectorMath.sumExp(p, pOff, count, max));
        VectorMath.expScaled(p, pOff, count, logZ, 1f);
        java.util.Arrays.fill(out, outOff, outOff + headDim, 0f);
        for (int j = 0; j < count; j++) {
            VectorMath.axpy(p[pOff + j], v, kvBase + j * kvStride, out, outOff, headDim);
        }
    }

    /**
     * Backward of {@link #forward}: dq (N, H·D), dk, dv (N, KVH·D) accumulate. With P the saved
     * probabilities and dO the output gradient: dP_j = dO·v_j, dS_j = P_j (dP_j − Σ P·dP),
     * dq += scale Σ dS_j k_j, dk_j += scale dS_j q, dv_j += P_j dO. One task per (sequence, kv head), so
     * no two threads write the same dk/dv rows. Every sequence starts at position 0.
     */
    public static void backward(float[] dq, float[] dk, float[] dv, float[] dout, float[] q, float[] k, float[] v,
                                float[] probs, int probStride, int[] pos, int n, int heads,
                                int kvHeads, int headDim) {
        int qDim = heads * headDim, kvDim = kvHeads * headDim, group = heads / kvHeads;
        float scale = (float) (1.0 / Math.sqrt(headDim));
        int[] starts = java.util.stream.IntStream.range(0, n).filter(i -> pos[i] == 0).toArray();
        Parallel.forRange(starts.length * kvHeads, (from, to, t) -> {
            float[] dp = SCORES.get();
            for (int task = from; task < to; task++) {
                int s = task / kvHeads, g = task % kvHeads;
                int first = starts[s], end = s + 1 < starts.length ? starts[s + 1] : n;
                int kvBase = first * kvDim + g * headDim;
                for (int i = first; i < end; i++) {
                    int count = pos[i] + 1;
                    if (dp.length < count) {
                        dp = new float[Integer.highestOneBit(count) * 2];
                        SCORES.set(dp);
                    }
                    for (int h = g * group; h < (g + 1) * group; h++) {
                        int qo = i * qDim + h * headDim;
                        int po = (i * heads + h) * probStride;
                        float dot = 0f;
                        for (int j = 0; j < count; j++) {
                            dp[j] = VectorMath.dot(dout, qo, v, kvBase + j * kvDim, headDim);
                            dot += probs[po + j] * dp[j];
                        }
                        for (int j = 0; j < count; j++) {
                            float pj = probs[po + j];
                            float ds = pj * (dp[j] - dot) * scale;
                            int kj = kvBase + j * kvDim;
                            VectorMath.axpy(ds, k, kj, dq, qo, headDim);
                            VectorMath.axpy(ds, q, qo, dk, kj, headDim);
                            VectorMath.axpy(pj, dout, qo, dv, kj, headDim);
                        }
                    }
                }
            }
        });
    }
}
