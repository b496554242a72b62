package dev.seal4j.engine.model;

import dev.seal4j.engine.model.WeightTable.Global;
import dev.seal4j.engine.model.WeightTable.Kind;
import dev.seal4j.engine.model.WeightTable.Layer;
import dev.seal4j.engine.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WeightTableTest {
    @Test
    void layerWeightsBindEveryEntryToItsOwnComponent() {
        try (Arena arena = Arena.ofConfined()) {
            Map<Layer, Object> given = new EnumMap<>(Layer.class);
            List<Layer> asked = new ArrayList<>();
            LayerWeights w = LayerWeights.of(p -> {
                asked.add(p);
                Tensor t = Tensor.allocateF32(arena, 2, 2);
                given.put(p, t);
                return t;
            }, p -> {
                asked.add(p);
                float[] v = new float[3];
                given.put(p, v);
                return v;
            });
            assertEquals(List.of(Layer.values()), asked, "asked once each, in table order");
            for (Layer p : Layer.values()) {
                assertSame(given.get(p), p.kind == Kind.MATRIX ? w.matrix(p) : w.vector(p), p.name());
            }
            assertSame(w.wq(), w.matrix(Layer.Q_PROJ));
            assertSame(w.bo(), w.vector(Layer.O_BIAS));
            assertSame(w.wDown(), w.matrix(LoraTarget.DOWN_PROJ));
        }
    }

    @Test
    void requiredWeightsFollowTheConfig() {
        ModelConfig qwen3 = TinyModels.config("Qwen3ForCausalLM"), qwen2 = TinyModels.config("Qwen2ForCausalLM");
        Map<String, long[]> q3 = new LinkedHashMap<>(), q2 = new LinkedHashMap<>();
        WeightTable.forEachRequired(qwen3, q3::put);
        WeightTable.forEachRequired(qwen2, q2::put);
        assertEquals("model.embed_tokens.weight", q3.keySet().iterator().next());
        assertArrayEquals(new long[] {12}, q3.get("model.layers.1.self_attn.k_norm.weight"));
        assertArrayEquals(new long[] {4 * 12, 32}, q3.get("model.layers.0.self_attn.q_proj.weight"));
        assertTrue(q3.containsKey("lm_head.weight") != qwen3.tieWordEmbeddings());
        assertNull(q3.get("model.layers.0.self_attn.q_proj.bias"));
        assertArrayEquals(new long[] {2 * 8}, q2.get("model.layers.1.self_attn.v_proj.bias"));
        assertNull(q2.get("model.layers.0.self_attn.q_norm.weight"));
        assertNull(q2.get("model.layers.0.self_attn.o_proj.bias"), "never required, read when present");
        // embedding and final norm; 9 weights every layer has and Qwen2's 3 biases; no head (tied here)
        assertTrue(qwen2.tieWordEmbeddings());
        assertEquals(2 + 2 * 12, q2.size());
    }

    @Test
    void ggufNamesMapBackToHuggingFaceNames() {
        Set<String> gguf = new HashSet<>();
        for (Layer p : Layer.values()) {
            assertTrue(gguf.add(p.ggufSuffix), "GGUF names are unique: " + p);
            assertEquals(p.hfName(17), WeightTable.hfNameOfGguf(p.ggufName(17)));
            assertSame(p, Layer.ofHfName(p.hfName(3)));
        }
        for (Global g : Global.values()) {
            assertEquals(g.hfName, WeightTable.hfNameOfGguf(g.ggufName));
        }
        assertEquals("model.layers.2.self_attn.o_proj.bias", WeightTable.hfNameOfGguf("blk.2.attn_output.bias"));
        assertEquals("model.layers.0.mlp.down_proj", Layer.DOWN_PROJ.modulePath(0));
        assertNull(WeightTable.hfNameOfGguf("blk.0.ffn_gate_exps.weight"));
        assertNull(WeightTable.hfNameOfGguf("rope_freqs.weight"));
        assertNull(Layer.ofHfName("model.layers.0.self_attn.rotary_emb.inv_freq"));
    }
}
