package dev.seal4j.engine.tensor;

/**
 * Softmax cross-entropy over rows of logits, fused with its backward: the logits are replaced by their
 * gradient. Rows whose target is {@link #IGNORE} contribute nothing.
 */
public final class CrossEntropy {
    /** Target id of positions without loss (PyTorch's ignore_index). */
    public static final int IGNORE = -100;

    private CrossEntropy() {
    }

    /**
     * For each row i of logits (N, V) with targets[i] != IGNORE: loss_i = logsumexp(row) − row[target].
     * When {@code gradScale} is not 0, each such row is overwritten with gradScale·(softmax(row) − onehot)
     * and ignored rows with 0; when it is 0 the rows are scratch (loss only). Returns Σ loss_i (in double).
     */
    public static double forwardBackward(float[] logits, int off, int[] targets, int tOff, int n, int vocab,
                                         float gradScale) {
        double[] perRow = new double[n];
        Parallel.forChunks(n, 1, (from, to, share) -> {
            for (int i = from; i < to; i++) {
                int row = off + i * vocab;
                int target = targets[tOff + i];
                if (target == IGNORE) {
                    if (gradScale != 0f) {
                        java.util.Arrays.fill(logits, row, row + vocab, 0f);
                    }
                    continue;
                }
                float targetLogit = logits[row + target];
                if (gradScale != 0f) {
                    perRow[i] = VectorMath.softmax(logits, row, vocab, gradScale) - targetLogit;
                    logits[row + target] -= gradScale;
                } else {
                    perRow[i] = VectorMath.logSumExpInPlace(logits, row, vocab) - targetLogit;
                }
            }
        });
        double total = 0;
        for (double l : perRow) {
            total += l;
        }
        return total;
    }
}
