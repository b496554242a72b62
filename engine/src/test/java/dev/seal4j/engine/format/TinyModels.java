package dev.seal4j.engine.format;

import dev.seal4j.engine.model.ModelConfig;
import dev.seal4j.engine.model.ModelConfig.RopeStyle;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Small random models for format tests: 2 layers, width 64, 4 query heads, 2 key/value heads. */
final class TinyModels {
    static final int HIDDEN = 64, FFN = 96, LAYERS = 2, HEADS = 4, KV_HEADS = 2, VOCAB = 128, CONTEXT = 256;

    private TinyModels() {
    }

    static ModelConfig config(String architecture, int headDim, RopeStyle style, boolean tie, boolean bias, boolean qkNorm) {
        return new ModelConfig(architecture, HIDDEN, FFN, LAYERS, HEADS, KV_HEADS, headDim, VOCAB, CONTEXT, 1e-5f,
                10000f, null, style, tie, bias, qkNorm, 1, List.of(2));
    }

    static ModelConfig llama(boolean tie) {
        return config("LlamaForCausalLM", HIDDEN / HEADS, RopeStyle.HALVES, tie, false, false);
    }

    /**
     * Random weights under Hugging Face names, with shapes written out here from the architecture
     * (not taken from the code under test).
     */
    static Map<String, Shaped> weights(ModelConfig c, Random rnd) {
        int q = c.numHeads() * c.headDim(), kv = c.numKvHeads() * c.headDim();
        Map<String, Shaped> w = new LinkedHashMap<>();
        w.put("model.embed_tokens.weight", Shaped.random(rnd, VOCAB, HIDDEN));
        for (int l = 0; l < LAYERS; l++) {
            String p = "model.layers." + l + ".";
            w.put(p + "input_layernorm.weight", Shaped.random(rnd, HIDDEN));
            w.put(p + "self_attn.q_proj.weight", Shaped.random(rnd, q, HIDDEN));
            w.put(p + "self_attn.k_proj.weight", Shaped.random(rnd, kv, HIDDEN));
            w.put(p + "self_attn.v_proj.weight", Shaped.random(rnd, kv, HIDDEN));
            w.put(p + "self_attn.o_proj.weight", Shaped.random(rnd, HIDDEN, q));
            if (c.attentionBias()) {
                w.put(p + "self_attn.q_proj.bias", Shaped.random(rnd, q));
                w.put(p + "self_attn.k_proj.bias", Shaped.random(rnd, kv));
                w.put(p + "self_attn.v_proj.bias", Shaped.random(rnd, kv));
            }
            if (c.qkNorm()) {
                w.put(p + "self_attn.q_norm.weight", Shaped.random(rnd, c.headDim()));
                w.put(p + "self_attn.k_norm.weight", Shaped.random(rnd, c.headDim()));
            }
            w.put(p + "post_attention_layernorm.weight", Shaped.random(rnd, HIDDEN));
            w.put(p + "mlp.gate_proj.weight", Shaped.random(rnd, FFN, HIDDEN));
            w.put(p + "mlp.up_proj.weight", Shaped.random(rnd, FFN, HIDDEN));
            w.put(p + "mlp.down_proj.weight", Shaped.random(rnd, HIDDEN, FFN));
        }
        w.put("model.norm.weight", Shaped.random(rnd, HIDDEN));
        if (!c.tieWordEmbeddings()) {
            w.put("lm_head.weight", Shaped.random(rnd, VOCAB, HIDDEN));
        }
        return w;
    }

    /** llama.cpp's name for a Hugging Face name, spelled out from the GGUF naming convention. */
    static String ggufName(String hf) {
        return switch (hf) {
            case "model.embed_tokens.weight" -> "token_embd.weight";
            case "model.norm.weight" -> "output_norm.weight";
            case "lm_head.weight" -> "output.weight";
            default -> {
                String[] parts = hf.split("\\.", 4); // model, layers, N, rest
                String rest = parts[3]
                        .replace("input_layernorm", "attn_norm")
                        .replace("self_attn.q_proj", "attn_q")
                        .replace("self_attn.k_proj", "attn_k")
                        .replace("self_attn.v_proj", "attn_v")
                        .replace("self_attn.o_proj", "attn_output")
                        .replace("self_attn.q_norm", "attn_q_norm")
                        .replace("self_attn.k_norm", "attn_k_norm")
                        .replace("post_attention_layernorm", "ffn_norm")
                        .replace("mlp.gate_proj", "ffn_gate")
                        .replace("mlp.up_proj", "ffn_up")
                        .replace("mlp.down_proj", "ffn_down");
                yield "blk." + parts[2] + "." + rest;
            }
        };
    }

    /** Float values with a shape. */
    record Shaped(float[] values, long... shape) {
        static Shaped random(Random rnd, long... shape) {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            return new Shaped(Fixtures.random((int) n, rnd), shape);
        }
    }
}
