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
 * with weights stored as F32, F16 or BF16 (quantized weights are dequantized). Hugging Face models rotate
 * halves; the q/k rows of a {@link RopeStyle#PAIRS} source are reordered (see {@link RopeRows}).
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
        Map<String, long[]> expected = CheckpointLayout.expectedShapes(c);
        Map<String, TensorData> out = new LinkedHashMap<>();
        for (var e : source.tensors().entrySet()) {
            // the model's weights and any other layer weights (o_proj biases); not other formats' extras (rope_freqs)
            if (expected.containsKey(e.getKey()) || e.getKey().startsWith("model.layers.")) {
                out.put(e.getKey(), converted(e.getKey(), e.getValue(), dtype, c));
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

    private static TensorData converted(String name, Tensor t, DType dtype, ModelConfig c) {
        Layer entry = Layer.ofHfName(name);
        int[] order = entry == null || !entry.ropeRows ? null
                : RopeRows.order(c.ropeStyle(), RopeStyle.HALVES, Math.toIntExact(t.rank() == 2 ? t.rows() : t.size()), c.headDim());
        if (order == null) {
            return TensorData.of(t, dtype);
        }
        return t.rank() == 2 ? TensorData.of(t, dtype).withRowOrder(order)
                : TensorData.of(RopeRows.reorder(t.toFloatArray(), order), dtype, t.size());
    }
}
