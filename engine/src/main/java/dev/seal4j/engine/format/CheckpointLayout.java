package dev.seal4j.engine.format;

import dev.seal4j.engine.BadInputException;
import dev.seal4j.engine.model.ModelConfig;
import dev.seal4j.engine.tensor.Tensor;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The tensors a {@link ModelConfig} needs, under Hugging Face names, with their shapes. Every reader checks a
 * loaded checkpoint against it, so a missing or misshapen weight is reported when the file is opened, naming
 * the file and the tensor, rather than failing somewhere inside the model. Tensors beyond these (o_proj
 * biases of Llama/Qwen3 with attention_bias, GGUF's rope_freqs.weight, ...) are allowed.
 */
public final class CheckpointLayout {
    private CheckpointLayout() {
    }

    /** Name → shape of every tensor the model reads. */
    public static Map<String, long[]> expectedShapes(ModelConfig c) {
        Map<String, long[]> out = new LinkedHashMap<>();
        visit(c, out::put);
        return out;
    }

    /**
     * Hands each expected name and shape to {@code out}, in order. Lazily: a check that stops at the first
     * missing tensor never builds a list as long as a corrupt layer count.
     */
    private static void visit(ModelConfig c, BiConsumer<String, long[]> out) {
        long hidden = c.hiddenSize(), ffn = c.intermediateSize(), q = c.qDim(), kv = c.kvDim();
        out.accept("model.embed_tokens.weight", new long[] {c.vocabSize(), hidden});
        for (int l = 0; l < c.numLayers(); l++) {
            String p = "model.layers." + l + ".";
            out.accept(p + "input_layernorm.weight", new long[] {hidden});
            out.accept(p + "self_attn.q_proj.weight", new long[] {q, hidden});
            out.accept(p + "self_attn.k_proj.weight", new long[] {kv, hidden});
            out.accept(p + "self_attn.v_proj.weight", new long[] {kv, hidden});
            out.accept(p + "self_attn.o_proj.weight", new long[] {hidden, q});
            if (c.attentionBias()) {
                out.accept(p + "self_attn.q_proj.bias", new long[] {q});
                out.accept(p + "self_attn.k_proj.bias", new long[] {kv});
                out.accept(p + "self_attn.v_proj.bias", new long[] {kv});
            }
            if (c.qkNorm()) {
                out.accept(p + "self_attn.q_norm.weight", new long[] {c.headDim()});
                out.accept(p + "self_attn.k_norm.weight", new long[] {c.headDim()});
            }
            out.accept(p + "post_attention_layernorm.weight", new long[] {hidden});
            out.accept(p + "mlp.gate_proj.weight", new long[] {ffn, hidden});
            out.accept(p + "mlp.up_proj.weight", new long[] {ffn, hidden});
            out.accept(p + "mlp.down_proj.weight", new long[] {hidden, ffn});
        }
        out.accept("model.norm.weight", new long[] {hidden});
        if (!c.tieWordEmbeddings()) {
            out.accept("lm_head.weight", new long[] {c.vocabSize(), hidden});
        }
    }

    /** Throws a BadInputException naming {@code source} if a needed tensor is missing or has the wrong shape. */
    public static void check(Path source, ModelConfig config, Map<String, Tensor> tensors) {
        checkShapes(source, config, name -> tensors.containsKey(name) ? tensors.get(name).shape() : null);
    }

    /** As {@link #check}, for shapes looked up by name (null when absent). */
    static void checkShapes(Path source, ModelConfig config, Function<String, long[]> shapes) {
        visit(config, (name, expected) -> {
            long[] shape = shapes.apply(name);
            if (shape == null) {
                throw BadInput.inFile(source, "missing tensor '" + name + "'");
            }
            if (!Arrays.equals(shape, expected)) {
                throw BadInput.inFile(source, "tensor '" + name + "' has shape "
                        + Arrays.toString(shape) + ", the config needs " + Arrays.toString(expected));
            }
        });
    }
}
