package dev.seal4j.engine.bench;

import dev.seal4j.engine.model.KvCache;
import dev.seal4j.engine.model.ModelConfig;
import dev.seal4j.engine.model.Transformer;
import dev.seal4j.engine.tensor.VectorMath;

/**
 * Numerical accuracy of the inference paths: the mean negative log-likelihood of a token sequence computed
 * by the prefill path (every row in one batch: matrix products) and by the decode path (one token at a
 * time: row kernels), to be set against an exact reference (tools/gguf_reference_nll.py, float64).
 */
public final class NllBench {
    private NllBench() {
    }

    /** Mean −ln p(ids[i] | ids[<i]) over i in [1, tokens) by each path. */
    public record Result(int tokens, double prefillMeanNll, double decodeMeanNll) {
    }

    public static Result run(Transformer model, int[] ids) {
        ModelConfig c = model.config();
        int n = ids.length, V = c.vocabSize();
        if (n < 2 || n > c.contextLength()) {
            throw new IllegalArgumentException(n + " tokens: need 2 to " + c.contextLength() + " (the model's context)");
        }
        for (int id : ids) {
            if (id < 0 || id >= V) {
                throw new IllegalArgumentException("token id " + id + " is outside the vocabulary [0, " + V + ")");
            }
        }
        Transformer.Workspace ws = model.workspace(n, null);
        KvCache cache = new KvCache(c, n);
        KvCache[] caches = new KvCache[n];
        java.util.Arrays.fill(caches, cache);
        int[] rows = new int[n];
        java.util.Arrays.setAll(rows, i -> i);
        float[] logits = new float[n * V];
        model.forward(ws, ids, caches, n, null, rows, n, logits);
        double prefill = 0;
        for (int i = 0; i + 1 < n; i++) {
            prefill += nll(logits, i * V, V, ids[i + 1]);
        }
        cache.truncate(0);
        int[] token = new int[1];
        double decode = 0;
        for (int i = 0; i + 1 < n; i++) {
            token[0] = ids[i];
            model.forward(ws, token, caches, 1, null, rows, 1, logits);
            decode += nll(logits, 0, V, ids[i + 1]);
        }
        return new Result(n, prefill / (n - 1), decode / (n - 1));
    }

    private static double nll(float[] logits, int off, int vocab, int target) {
        float targetLogit = logits[off + target];
        return VectorMath.logSumExpInPlace(logits, off, vocab) - targetLogit;
    }
}
