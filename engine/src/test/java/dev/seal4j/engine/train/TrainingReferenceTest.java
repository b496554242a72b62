package dev.seal4j.engine.train;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seal4j.engine.format.Checkpoints;
import dev.seal4j.engine.format.PeftAdapter;
import dev.seal4j.engine.format.Safetensors;
import dev.seal4j.engine.model.Backprop;
import dev.seal4j.engine.model.Checkpoint;
import dev.seal4j.engine.model.LoraAdapter;
import dev.seal4j.engine.model.ModelWeights;
import dev.seal4j.engine.model.Parameter;
import dev.seal4j.engine.model.Transformer;
import dev.seal4j.engine.tensor.Tensor;
import dev.seal4j.engine.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.foreign.Arena;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Losses, LoRA and full fine-tuning gradients, and three AdamW steps against the PyTorch reference
 * (tools/make_training_fixtures.py), reading and writing adapters in PEFT's format.
 */
class TrainingReferenceTest {
    private static final JsonNode BATCH = Fixtures.json(Fixtures.path("training/batch.json"));

    /** The fixture batch: both sequences, targets of the given variant ("full" or "completion"). */
    static Backprop.Batch batch(String variant) {
        List<int[]> seqs = new ArrayList<>();
        BATCH.get("sequences").forEach(s -> seqs.add(Fixtures.ints(s)));
        int n = seqs.stream().mapToInt(s -> s.length).sum();
        int[] tokens = new int[n], targets = new int[n], pos = new int[n];
        int row = 0;
        for (int i = 0; i < seqs.size(); i++) {
            int[] t = Fixtures.ints(BATCH.get("targets").get(variant).get(i));
            for (int p = 0; p < seqs.get(i).length; p++, row++) {
                tokens[row] = seqs.get(i)[p];
                pos[row] = p;
                targets[row] = t[p];
            }
        }
        return new Backprop.Batch(tokens, targets, pos, n);
    }

    /** The fixture sequences as examples that train on every next token (the "full" targets). */
    static List<Example> examples() {
        List<Example> out = new ArrayList<>();
        BATCH.get("sequences").forEach(s -> {
            int[] ids = Fixtures.ints(s);
            boolean[] trains = new boolean[ids.length];
            java.util.Arrays.fill(trains, 1, ids.length, true);
            out.add(new Example(ids, trains));
        });
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"llama", "qwen2", "qwen3", "mistral", "qwen2_bf16"})
    void loraLossAndGradientsMatch(String name) {
        JsonNode spec = Fixtures.json(Fixtures.path("training/lora_grad/" + name + "/expected.json"));
        try (Checkpoint ck = Checkpoints.open(Fixtures.path(spec.get("base").asText())); Arena arena = Arena.ofShared()) {
            ModelWeights w = ModelWeights.from(ck);
            LoraAdapter lora = PeftAdapter.read(Fixtures.path(spec.get("adapter").asText()), w, arena);
            Backprop bp = new Backprop(new Transformer(ck.config(), w), lora, 16, 16, false);
            for (JsonNode c : spec.get("cases")) {
                Backprop.Batch b = batch(c.get("targets").asText());
                bp.zeroGradients();
                double loss = bp.forwardBackward(b, 1f / b.predicted(), 0) / b.predicted();
                assertEquals(c.get("loss").asDouble(), loss, 1e-5, name + " loss");
                assertGradients(bp.parameters(), Fixtures.path(c.get("grads").asText()), 1e-5, name);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"llama", "qwen2", "qwen3"})
    void fullFineTuningGradientsMatch(String name) {
        JsonNode spec = Fixtures.json(Fixtures.path("training/full_grad/" + name + "/expected.json"));
        try (Checkpoint ck = Checkpoints.open(Fixtures.path(spec.get("base").asText())); Arena arena = Arena.ofShared()) {
            Backprop bp = new Backprop(new Transformer(ck.config(), ModelWeights.from(ck).trainableCopy(arena)), null, 16, 16, false);
            Backprop.Batch b = batch(spec.get("targets").asText());
            double loss = bp.forwardBackward(b, 1f / b.predicted(), 0) / b.predicted();
            assertEquals(spec.get("loss").asDouble(), loss, 1e-5, name + " loss");
            assertGradients(bp.parameters(), Fixtures.path(spec.get("grads").asText()), 2e-5, name);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"llama", "qwen2", "qwen3", "mistral"})
    void threeAdamWStepsMatch(String name) {
        JsonNode spec = Fixtures.json(Fixtures.path("training/adamw/" + name + "/expected.json"));
        JsonNode opt = spec.get("adamw");
        for (JsonNode run : spec.get("runs")) {
            try (Checkpoint ck = Checkpoints.open(Fixtures.path(spec.get("base").asText())); Arena arena = Arena.ofShared()) {
                ModelWeights w = ModelWeights.from(ck);
                LoraAdapter lora = PeftAdapter.read(Fixtures.path(spec.get("adapter_init").asText()), w, arena);
                Backprop bp = new Backprop(new Transformer(ck.config(), w), lora, 16, 16, false);
                boolean warmup = run.get("name").asText().equals("linear_warmup");
                TrainSettings settings = new TrainSettings((float) opt.get("lr").asDouble(), 3, 0, 2, 1,
                        warmup ? LrSchedule.LINEAR : LrSchedule.CONSTANT, warmup ? 1 : 0,
                        (float) opt.get("weight_decay").asDouble(), (float) opt.get("max_grad_norm").asDouble(), 0);
                Trainer.Result result = new Trainer(bp, settings).train(examples(), null);
                for (int s = 0; s < 3; s++) {
                    assertEquals(run.get("losses").get(s).asDouble(), result.losses().get(s), 2e-5, name + " step " + (s + 1));
                }
                LoraAdapter expected = PeftAdapter.read(Fixtures.path(run.get("adapter_after").asText()), w, arena);
                for (int i = 0; i < lora.matrices().size(); i++) {
                    float[] got = lora.matrices().get(i).value().toFloatArray();
                    float[] want = expected.matrices().get(i).value().toFloatArray();
                    for (int j = 0; j < got.length; j++) {
                        assertEquals(want[j], got[j], 2e-5, lora.matrices().get(i).peftKey() + " after 3 steps (" + run.get("name") + ")");
                    }
                }
            }
        }
    }

    @Test
    void adamWAloneMatchesTorch() {
        JsonNode spec = Fixtures.json(Fixtures.path("training/adamw_unit.json"));
        for (JsonNode run : spec.get("runs")) {
            float[] w = floats(spec.get("init").get("w")), b = floats(spec.get("init").get("b"));
            Parameter pw = new Parameter("w", null, w, new float[w.length], true);
            Parameter pb = new Parameter("b", null, b, new float[b.length], true);
            List<Parameter> params = List.of(pw, pb);
            AdamW opt = new AdamW(params, 0.9f, 0.999f, 1e-8f, (float) spec.get("adamw").get("weight_decay").asDouble());
            JsonNode maxNorm = run.get("max_grad_norm");
            for (int s = 0; s < 3; s++) {
                System.arraycopy(floats(spec.get("grads").get(s).get("w")), 0, pw.grad(), 0, w.length);
                System.arraycopy(floats(spec.get("grads").get(s).get("b")), 0, pb.grad(), 0, b.length);
                double norm = GradientClipping.clip(params, maxNorm == null || maxNorm.isNull() ? 0f : (float) maxNorm.asDouble());
                JsonNode norms = run.get("grad_norms_before_clipping"); // empty for the run without clipping
                if (norms.size() > s) {
                    assertEquals(norms.get(s).asDouble(), norm, 1e-5);
                }
                opt.step((float) run.get("lr_per_step").get(s).asDouble());
                JsonNode after = run.get("after_step").get(s);
                for (int i = 0; i < w.length; i++) {
                    assertEquals(after.get("w").get(i).asDouble(), w[i], 1e-6, run.get("name") + " w[" + i + "] step " + (s + 1));
                }
                for (int i = 0; i < b.length; i++) {
                    assertEquals(after.get("b").get(i).asDouble(), b[i], 1e-6, run.get("name") + " b[" + i + "] step " + (s + 1));
                }
            }
        }
    }

    @Test
    void writtenAdaptersHavePeftKeysShapesAndDtypes(@org.junit.jupiter.api.io.TempDir Path tmp) {
        Path reference = Fixtures.path("training/lora_grad/qwen3/adapter");
        try (Checkpoint ck = Checkpoints.open(Fixtures.path("hf/qwen3")); Arena arena = Arena.ofShared()) {
            ModelWeights w = ModelWeights.from(ck);
            LoraAdapter lora = PeftAdapter.read(reference, w, arena);
            Path out = tmp.resolve("written");
            PeftAdapter.write(out, lora, "hf/qwen3");
            try (Arena a = Arena.ofConfined()) {
                Map<String, Tensor> want = Safetensors.read(reference.resolve(PeftAdapter.WEIGHTS), a).tensors();
                Map<String, Tensor> got = Safetensors.read(out.resolve(PeftAdapter.WEIGHTS), a).tensors();
                assertEquals(want.keySet(), got.keySet());
                for (String k : want.keySet()) {
                    assertEquals(java.util.Arrays.toString(want.get(k).shape()), java.util.Arrays.toString(got.get(k).shape()), k);
                    assertEquals(want.get(k).dtype(), got.get(k).dtype(), k);
                    assertEquals(java.util.Arrays.toString(want.get(k).toFloatArray()), java.util.Arrays.toString(got.get(k).toFloatArray()), k);
                }
            }
            JsonNode wantConfig = Fixtures.json(reference.resolve(PeftAdapter.CONFIG));
            JsonNode gotConfig = Fixtures.json(out.resolve(PeftAdapter.CONFIG));
            for (String key : List.of("peft_type", "task_type", "r", "bias", "fan_in_fan_out", "use_rslora", "use_dora")) {
                assertEquals(wantConfig.get(key), gotConfig.get(key), key);
            }
            assertEquals(wantConfig.get("lora_alpha").asDouble(), gotConfig.get("lora_alpha").asDouble());
            assertEquals(new java.util.TreeSet<>(strings(wantConfig.get("target_modules"))), new java.util.TreeSet<>(strings(gotConfig.get("target_modules"))));
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static float[] floats(JsonNode array) {
        float[] out = new float[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) array.get(i).asDouble();
        }
        return out;
    }

    private static void assertGradients(List<Parameter> params, Path file, double tol, String what) {
        try (Arena a = Arena.ofConfined()) {
            Map<String, Tensor> want = Safetensors.read(file, a).tensors();
            assertEquals(want.size(), params.size(), what + ": number of gradients");
            for (Parameter p : params) {
                Tensor t = want.get(p.name());
                assertNotNull(t, what + ": reference has no gradient for " + p.name());
                float[] expected = t.toFloatArray();
                for (int i = 0; i < expected.length; i++) {
                    final int at = i;
                    assertTrue(Math.abs(expected[i] - p.grad()[i]) <= tol * (1 + Math.abs(expected[i])),
                            () -> what + ": d" + p.name() + "[" + at + "] = " + p.grad()[at] + ", reference " + expected[at]);
                }
            }
        }
    }
}
