package dev.seal4j.engine.format;

import dev.seal4j.engine.model.Checkpoint;
import dev.seal4j.engine.model.ModelConfig;
import dev.seal4j.engine.model.ModelConfig.RopeStyle;
import dev.seal4j.engine.model.WeightTable.Layer;
import dev.seal4j.engine.tensor.DType;
import dev.seal4j.engine.tensor.Tensor;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes any loaded {@link Checkpoint} (llama2.c, GGUF, Hugging Face) as a Hugging Face model directory,
 * with weights stored as F32, F16 or BF16 (quantized weights are dequantized).
 *
 * <p>Hugging Face models rotate halves. A {@link RopeStyle#PAIRS} source rotates adjacent pairs
 * (x[2i], x[2i+1]) instead, so within every head the rows of q_proj and k_proj (and their biases and norms)
 * are reordered: even rows first, then odd rows. Since RoPE rotates pair i by the same angle in both styles,
 * rotating the reordered rows as halves gives the reordered result of rotating the original rows as pairs,
 * and attention scores (dot products of q and k in the same order) are unchanged.
 */
public final class HfConverter {

    private HfConverter() {
    }

    /**
     * Writes {@code source} to a new directory {@code dir} (see {@link HfModelDir#write}) with weights in
     * {@code dtype}, copying {@code extraFiles} (tokenizer files) along.
     */
    public static void write(Checkpoint source, Path dir, DType dtype, List<Path> extraFiles) {
        ModelConfig c = source.config();
        boolean permute = c.ropeStyle() == RopeStyle.PAIRS;
        Map<String, long[]> expected = CheckpointLayout.expectedShapes(c);
        Map<String, TensorData> out = new LinkedHashMap<>();
        for (var e : source.tensors().entrySet()) {
            // the model's weights and any other layer weights (o_proj biases); not other formats' extras (rope_freqs)
            if (expected.containsKey(e.getKey()) || e.getKey().startsWith("model.layers.")) {
                out.put(e.getKey(), converted(e.getKey(), e.getValue(), dtype, permute, c.headDim()));
            }
        }
        if (c.attentionBias() && !c.architecture().equals("Qwen2ForCausalLM")) {
            // transformers gives Llama and Qwen3 an o_proj bias whenever attention_bias is set
            for (int l = 0; l < c.numLayers(); l++) {
                out.putIfAbsent(Layer.O_BIAS.hfName(l),
                        TensorData.of(new float[c.hiddenSize()], dtype, c.hiddenSize()));
            }
        }
        HfModelDir.write(dir, c.withRopeStyle(RopeStyle.HALVES), out, HfModelDir.DEFAULT_SHARD_BYTES, extraFiles);
    }

    private static TensorData converted(String name, Tensor t, DType dtype, boolean permute, int headDim) {
        Layer entry = Layer.ofHfName(name);
        if (!permute || entry == null || !entry.ropeRows) {
            return TensorData.of(t, dtype);
        }
        if (t.rank() == 2) {
            return TensorData.of(t, dtype).withRowOrder(pairsToHalvesOrder(t.rows(), headDim));
        }
        float[] v = t.toFloatArray(); // a bias or norm: one value per row
        int[] order = pairsToHalvesOrder(v.length, headDim);
        float[] reordered = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            reordered[i] = v[order[i]];
        }
        return TensorData.of(reordered, dtype, v.length);
    }

    /**
     * For {@code rows} rows made of heads {@code headDim} rows each: output row h·d + j takes input row
     * h·d + 2j for j &lt; d/2 and h·d + 2(j − d/2) + 1 after — the even rows of each head, then the odd ones.
     */
    public static int[] pairsToHalvesOrder(int rows, int headDim) {
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
}
