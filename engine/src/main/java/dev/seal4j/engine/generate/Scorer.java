package dev.seal4j.engine.generate;

import dev.seal4j.engine.model.KvCache;
import dev.seal4j.engine.model.LoraAdapter;
import dev.seal4j.engine.model.ModelConfig;
import dev.seal4j.engine.model.Transformer;
import dev.seal4j.engine.tensor.VectorMath;

/**
 * Scores token sequences: −ln p(t_i | t_<i) for every i >= 1. Sequences longer than the context are scored
 * in windows of the context length that overlap by half, each token conditioned on up to a full window.
 */
public final class Scorer {
    private static final int CHUNK = 64;

    private final Transformer model;

    public Scorer(Transformer model) {
        this.model = model;
    }

    /** The negative log-likelihood of tokens[i] for i in [1, n), in an array of length n − 1. */
    public double[] tokenNll(int[] tokens, LoraAdapter adapter) {
        ModelConfig c = model.config();
        int n = tokens.length, ctx = c.contextLength(), V = c.vocabSize();
        double[] nll = new double[Math.max(0, n - 1)];
        Transformer.Workspace ws = model.workspace(CHUNK, adapter == null ? null : adapter.config());
        float[] logits = new float[CHUNK * V];
        int[] rows = new int[CHUNK];
        int[] chunk = new int[CHUNK];
        KvCache[] caches = new KvCache[CHUNK];
        int stride = n <= ctx ? ctx : ctx / 2;
        for (int windowStart = 0, scoredUpTo = 1; scoredUpTo < n; windowStart += stride) {
            int windowEnd = Math.min(n, windowStart + ctx);
            KvCache cache = new KvCache(c, windowEnd - windowStart);
            java.util.Arrays.fill(caches, cache);
            for (int at = windowStart; at < windowEnd; at += CHUNK) {
                int m = Math.min(CHUNK, windowEnd - at);
                System.arraycopy(tokens, at, chunk, 0, m);
                for (int r = 0; r < m; r++) {
                    rows[r] = r;
                }
                model.forward(ws, chunk, caches, m, adapter, rows, m, logits);
                for (int r = 0; r < m; r++) {
                    int next = at + r + 1; // the token row r predicts
                    if (next < windowEnd && next >= scoredUpTo) {
                        int off = r * V;
                        float targetLogit = logits[off + tokens[next]];
                        nll[next - 1] = VectorMath.logSumExpInPlace(logits, off, V) - targetLogit;
                    }
                }
            }
            scoredUpTo = windowEnd;
        }
        return nll;
    }

    /** Perplexity summary of a token sequence. */
    public record Perplexity(int tokens, double meanNll) {
        public double perplexity() {
            return Math.exp(meanNll);
        }
    }

    public Perplexity perplexity(int[] tokens, LoraAdapter adapter) {
        double[] nll = tokenNll(tokens, adapter);
        double sum = 0;
        for (double x : nll) {
            sum += x;
        }
        return new Perplexity(tokens.length, nll.length == 0 ? 0 : sum / nll.length);
    }
}
