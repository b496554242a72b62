package dev.seal4j.engine.model;

import dev.seal4j.engine.tensor.F32Tensor;
import dev.seal4j.engine.tensor.Tensor;

import java.lang.foreign.Arena;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Small random-weight models of every supported architecture, built in memory for tests. */
public final class TinyModels {
    private TinyModels() {
    }

    /** A config of the given family: 2 layers, C 32, I 48, 4 heads, 2 kv heads, vocab 50. */
    public static ModelConfig config(String architecture) {
        boolean qwen2 = architecture.equals("Qwen2ForCausalLM"), qwen3 = architecture.equals("Qwen3ForCausalLM");
        boolean llama = architecture.equals("LlamaForCausalLM");
        return new ModelConfig(architecture, 32, 48, 2, 4, 2, qwen3 ? 12 : 8, 50, 64, 1e-5f, 10000f,
                llama ? new ModelConfig.RopeScaling(8f, 1f, 4f, 16) : null, ModelConfig.RopeStyle.HALVES,
                llama || qwen2, qwen2, qwen3, 1, List.of(2));
    }

    /** Random weights (std ~0.2, norms ~1) for a config, as a checkpoint in a shared arena. */
    public static Checkpoint checkpoint(ModelConfig c, long seed) {
        Random rnd = new Random(seed);
        Arena arena = Arena.ofShared();
        Map<String, Tensor> t = new HashMap<>();
        int C = c.hiddenSize(), I = c.intermediateSize();
        t.put("model.embed_tokens.weight", random(arena, rnd, 0.5f, 0f, c.vocabSize(), C));
        for (int l = 0; l < c.numLayers(); l++) {
            String p = "model.layers." + l + ".";
            t.put(p + "input_layernorm.weight", random(arena, rnd, 0.2f, 1f, C));
            t.put(p + "post_attention_layernorm.weight", random(arena, rnd, 0.2f, 1f, C));
            t.put(p + "self_attn.q_proj.weight", random(arena, rnd, 0.3f, 0f, c.qDim(), C));
            t.put(p + "self_attn.k_proj.weight", random(arena, rnd, 0.3f, 0f, c.kvDim(), C));
            t.put(p + "self_attn.v_proj.weight", random(arena, rnd, 0.3f, 0f, c.kvDim(), C));
            t.put(p + "self_attn.o_proj.weight", random(arena, rnd, 0.2f, 0f, C, c.qDim()));
            if (c.attentionBias()) {
                t.put(p + "self_attn.q_proj.bias", random(arena, rnd, 0.2f, 0f, c.qDim()));
                t.put(p + "self_attn.k_proj.bias", random(arena, rnd, 0.2f, 0f, c.kvDim()));
                t.put(p + "self_attn.v_proj.bias", random(arena, rnd, 0.2f, 0f, c.kvDim()));
            }
            if (c.qkNorm()) {
                t.put(p + "self_attn.q_norm.weight", random(arena, rnd, 0.2f, 1f, c.headDim()));
                t.put(p + "self_attn.k_norm.weight", random(arena, rnd, 0.2f, 1f, c.headDim()));
            }
            t.put(p + "mlp.gate_proj.weight", random(arena, rnd, 0.3f, 0f, I, C));
            t.put(p + "mlp.up_proj.weight", random(arena, rnd, 0.3f, 0f, I, C));
            t.put(p + "mlp.down_proj.weight", random(arena, rnd, 0.2f, 0f, C, I));
        }
        t.put("model.norm.weight", random(arena, rnd, 0.2f, 1f, C));
        if (!c.tieWordEmbeddings()) {
            t.put("lm_head.weight", random(arena, rnd, 0.3f, 0f, c.vocabSize(), C));
        }
        return new Checkpoint(Path.of("tiny-" + c.architecture()), c, t, arena);
    }

    static F32Tensor random(Arena arena, Random rnd, float std, float mean, long... shape) {
        F32Tensor x = Tensor.allocateF32(arena, shape);
        for (long i = 0; i < x.size(); i++) {
            x.set(i, mean + std * (float) rnd.nextGaussian());
        }
        return x;
    }
}
