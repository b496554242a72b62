package dev.seal4j.engine.model;

import dev.seal4j.engine.format.Checkpoints;
import dev.seal4j.engine.format.HfModelDir;
import dev.seal4j.engine.format.HfWeights;
import dev.seal4j.engine.tensor.DType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.Arena;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Merging an adapter: the merged model's logits equal the base model's with the adapter applied. */
class LoraMergeTest {
    @Test
    void mergedLogitsEqualBasePlusAdapter(@TempDir Path tmp) {
        try (Checkpoint ck = TinyModels.checkpoint(TinyModels.config("Qwen2ForCausalLM"), 21); Arena arena = Arena.ofShared()) {
            ModelWeights base = ModelWeights.from(ck);
            LoraAdapter lora = LoraAdapter.initialize(new LoraConfig(4, 16f, 0f, EnumSet.allOf(LoraTarget.class)), base, 3, arena);
            Random rnd = new Random(5);
            for (LoraAdapter.Matrix m : lora.matrices()) {
                for (long i = 0; i < m.value().size(); i++) {
                    m.value().set(i, 0.2f * (float) rnd.nextGaussian());
                }
            }
            int[] ids = {1, 4, 9, 16, 25, 36, 49, 3};
            float[] adapted = logits(new Transformer(ck.config(), base), lora, ids);
            float[] plain = logits(new Transformer(ck.config(), base), null, ids);
            ModelWeights merged = lora.mergeInto(base, arena);
            float[] fromMerged = logits(new Transformer(ck.config(), merged), null, ids);
            HfModelDir.write(tmp.resolve("merged"), ck.config(), HfWeights.of(merged, DType.F32), HfModelDir.DEFAULT_SHARD_BYTES, List.of());
            float[] reloaded;
            try (Checkpoint m = Checkpoints.open(tmp.resolve("merged"))) {
                reloaded = logits(Transformer.of(m), null, ids);
            }
            double change = 0;
            for (int i = 0; i < adapted.length; i++) {
                assertEquals(adapted[i], fromMerged[i], 1e-4 * (1 + Math.abs(adapted[i])), "merged logit " + i);
                assertEquals(fromMerged[i], reloaded[i], 0f, "reloaded logit " + i);
                change = Math.max(change, Math.abs(adapted[i] - plain[i]));
            }
            org.junit.jupiter.api.Assertions.assertTrue(change > 0.1, "the adapter must change the logits for this test to mean anything");
        }
    }

    private static float[] logits(Transformer model, LoraAdapter adapter, int[] ids) {
        int V = model.config().vocabSize();
        Transformer.Workspace ws = model.workspace(ids.length, adapter == null ? null : adapter.config());
        KvCache cache = new KvCache(model.config(), ids.length);
        KvCache[] caches = new KvCache[ids.length];
        java.util.Arrays.fill(caches, cache);
        int[] rows = java.util.stream.IntStream.range(0, ids.length).toArray();
        float[] out = new float[ids.length * V];
        model.forward(ws, ids, caches, ids.length, adapter, rows, ids.length, out);
        return out;
    }
}
