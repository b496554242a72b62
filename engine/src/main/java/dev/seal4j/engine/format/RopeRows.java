package dev.seal4j.engine.format;

import dev.seal4j.engine.model.ModelConfig.RopeStyle;

/**
 * Row orders between the two RoPE styles. Hugging Face models rotate halves of each head (x[i], x[i + d/2]);
 * llama2.c files and GGUF files of the llama architecture rotate adjacent pairs (x[2i], x[2i+1]) because
 * their converters reorder the rows of q_proj and k_proj (and their biases and norms) within every head.
 * RoPE rotates pair i by the same angle in both styles, so rotating reordered rows in the other style gives
 * the reordered result, and attention scores — dot products of q and k in the same order — are unchanged.
 */
public final class RopeRows {
    private RopeRows() {
    }

    /**
     * The order that takes rows stored for {@code from} to rows for {@code to} (output row r is input row
     * order[r]), or null when the styles agree.
     */
    public static int[] order(RopeStyle from, RopeStyle to, int rows, int headDim) {
        if (from == to) {
            return null;
        }
        return from == RopeStyle.PAIRS ? pairsToHalves(rows, headDim) : halvesToPairs(rows, headDim);
    }

    /**
     * For {@code rows} rows made of heads {@code headDim} rows each: output row h·d + j takes input row
     * h·d + 2j for j &lt; d/2 and h·d + 2(j − d/2) + 1 after — the even rows of each head, then the odd ones.
     */
    public static int[] pairsToHalves(int rows, int headDim) {
        if (headDim % 2 != 0 || rows % headDim != 0) {
            throw new IllegalArgumentException(rows + " rows are not whole heads of even size " + headDim);
        }
        int half = headDim / 2;
        int[] order = new int[rows];
        for (int r = 0; r < rows; r++) {
            int head = r / headDim, j = r % headDim;
            order[r] = head * headDim + (j < half ? 2 * j : 2 * (j - half) + 1);
        }
        return order;
    }

    /** The inverse of {@link #pairsToHalves}: row h·d + 2i takes h·d + i, row h·d + 2i + 1 takes h·d + d/2 + i. */
    static int[] halvesToPairs(int rows, int headDim) {
        int[] forward = pairsToHalves(rows, headDim);
        int[] inverse = new int[rows];
        for (int r = 0; r < rows; r++) {
            inverse[forward[r]] = r;
        }
        return inverse;
    }

    /** v with its elements in {@code order} (a bias or norm: one value per row). */
    static float[] reorder(float[] v, int[] order) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[order[i]];
        }
        return out;
    }
}
