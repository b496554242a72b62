package dev.seal4j.engine.format;

import dev.seal4j.engine.model.LayerWeights;
import dev.seal4j.engine.model.ModelWeights;
import dev.seal4j.engine.tensor.DType;
import dev.seal4j.engine.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.Map;

/** In-memory weights under their Hugging Face names, ready for {@link HfModelDir#write}. */
public final class HfWeights {
    private HfWeights() {
    }

    /** Every weight as {@code dtype} (F32, F16 or BF16); a tied LM head is not written twice. */
    public static Map<String, TensorData> of(ModelWeights w, DType dtype) {
        Map<String, TensorData> out = new LinkedHashMap<>();
        out.put("model.embed_tokens.weight", TensorData.of(w.embed(), dtype));
        for (int l = 0; l < w.layers().size(); l++) {
            LayerWeights lw = w.layers().get(l);
            String p = "model.layers." + l + ".";
            vector(out, p + "input_layernorm.weight", lw.attnNorm(), dtype);
            matrix(out, p + "self_attn.q_proj.weight", lw.wq(), dtype);
            matrix(out, p + "self_attn.k_proj.weight", lw.wk(), dtype);
            matrix(out, p + "self_attn.v_proj.weight", lw.wv(), dtype);
            matrix(out, p + "self_attn.o_proj.weight", lw.wo(), dtype);
            vector(out, p + "self_attn.q_proj.bias", lw.bq(), dtype);
            vector(out, p + "self_attn.k_proj.bias", lw.bk(), dtype);
            vector(out, p + "self_attn.v_proj.bias", lw.bv(), dtype);
            vector(out, p + "self_attn.o_proj.bias", lw.bo(), dtype);
            vector(out, p + "self_attn.q_norm.weight", lw.qNorm(), dtype);
            vector(out, p + "self_attn.k_norm.weight", lw.kNorm(), dtype);
            vector(out, p + "post_attention_layernorm.weight", lw.mlpNorm(), dtype);
            matrix(out, p + "mlp.gate_proj.weight", lw.wGate(), dtype);
            matrix(out, p + "mlp.up_proj.weight", lw.wUp(), dtype);
            matrix(out, p + "mlp.down_proj.weight", lw.wDown(), dtype);
        }
        vector(out, "model.norm.weight", w.finalNorm(), dtype);
        if (!w.tied()) {
            matrix(out, "lm_head.weight", w.lmHead(), dtype);
        }
        return out;
    }

    private static void matrix(Map<String, TensorData> out, String name, Tensor t, DType dtype) {
        out.put(name, TensorData.of(t, dtype));
    }

    private static void vector(Map<String, TensorData> out, String name, float[] v, DType dtype) {
        if (v != null) {
            out.put(name, TensorData.of(v, dtype, v.length));
        }
    }
}
