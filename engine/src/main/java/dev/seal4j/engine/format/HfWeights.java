package dev.seal4j.engine.format;

import dev.seal4j.engine.model.LayerWeights;
import dev.seal4j.engine.model.ModelWeights;
import dev.seal4j.engine.model.WeightTable.Global;
import dev.seal4j.engine.model.WeightTable.Kind;
import dev.seal4j.engine.model.WeightTable.Layer;
import dev.seal4j.engine.tensor.DType;

import java.util.LinkedHashMap;
import java.util.Map;

/** In-memory weights under their Hugging Face names, ready for {@link HfModelDir#write}. */
public final class HfWeights {
    private HfWeights() {
    }

    /** Every weight as {@code dtype} (F32, F16 or BF16); a tied LM head is not written twice. */
    public static Map<String, TensorData> of(ModelWeights w, DType dtype) {
        Map<String, TensorData> out = new LinkedHashMap<>();
        out.put(Global.EMBED.hfName, TensorData.of(w.embed(), dtype));
        for (int l = 0; l < w.layers().size(); l++) {
            LayerWeights lw = w.layers().get(l);
            for (Layer p : Layer.values()) {
                if (p.kind == Kind.MATRIX) {
                    out.put(p.hfName(l), TensorData.of(lw.matrix(p), dtype));
                } else if (lw.vector(p) != null) {
                    out.put(p.hfName(l), TensorData.of(lw.vector(p), dtype, lw.vector(p).length));
                }
            }
        }
        out.put(Global.FINAL_NORM.hfName, TensorData.of(w.finalNorm(), dtype, w.finalNorm().length));
        if (!w.tied()) {
            out.put(Global.LM_HEAD.hfName, TensorData.of(w.lmHead(), dtype));
        }
        return out;
    }
}
