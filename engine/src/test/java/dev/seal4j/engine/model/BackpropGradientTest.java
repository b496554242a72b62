package dev.seal4j.engine.model;

import dev.seal4j.engine.bench.RandomWeights;
import dev.seal4j.engine.tensor.CrossEntropy;
import dev.seal4j.engine.tensor.DType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.foreign.Arena;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hand-written backward pass against finite differences of the forward loss, for every architecture,
 * in full fine-tuning and LoRA on all seven targets, over a ragged batch of two sequences.
 */
class BackpropGradientTest {
    static final List<String> ARCHS = ModelConfig.SUPPORTED_ARCHITECTURES;

    /** Two sequences (5 and 4 tokens), next-token targets, the last row of each ignored. */
    static Backprop.Batch batch() {
        int[] tokens = {1, 7, 3, 9, 12, 1, 44, 5, 30};
        int[] pos = {0, 1, 2, 3, 4, 0, 1, 2, 3};
        int[] targets = {7, 3, 9, 12, CrossEntropy.IGNORE, 44, 5, 30, CrossEntropy.IGNORE};
        return new Backprop.Batch(tokens, targets, pos, tokens.length);
    }

    @ParameterizedTest
    @ValueSource(strings = {"LlamaForCausalLM", "MistralForCausalLM", "Qwen2ForCausalLM", "Qwen3ForCausalLM"})
    void fullFineTuningGradientsMatchFiniteDifferences(String arch) {
        try (Checkpoint ck = TinyModels.checkpoint(TinyModels.config(arch), 3); Arena arena = Arena.ofShared()) {
            Transformer model = new Transformer(ck.config(), ModelWeights.from(ck).trainableCopy(arena));
            Backprop bp = new Backprop(model, null, 16, 8, false);
            checkAgainstFiniteDifferences(bp, 6);
        }
    }

    /**
     * Two sequences of 60 and 52 tokens: the training attention works on blocks of 48 query rows, so rows
     * past the first block must see every earlier key of their own sequence and none of the other.
     */
    static Backprop.Batch longBatch() {
        Random rnd = new Random(21);
        int[] lengths = {60, 52};
        int n = lengths[0] + lengths[1];
        int[] tokens = new int[n], pos = new int[n], targets = new int[n];
        for (int s = 0, row = 0; s < lengths.length; s++) {
            int start = row;
            for (int t = 0; t < lengths[s]; t++, row++) {
                tokens[row] = t < 20 ? 3 + rnd.nextInt(45) : tokens[row - 20]; // repeats give attention work
                pos[row] = t;
            }
            for (int t = 0; t < lengths[s]; t++) {
                targets[start + t] = t + 1 < lengths[s] ? tokens[start + t + 1] : CrossEntropy.IGNORE;
            }
        }
        return new Backprop.Batch(tokens, targets, pos, n);
    }

    @ParameterizedTest
    @ValueSource(strings = {"LlamaForCausalLM", "Qwen3ForCausalLM"})
    void gradientsOverSeveralAttentionBlocksMatchFiniteDifferences(String arch) {
        try (Checkpoint ck = TinyModels.checkpoint(TinyModels.config(arch), 9); Arena arena = Arena.ofShared()) {
            Transformer model = new Transformer(ck.config(), ModelWeights.from(ck).trainableCopy(arena));
            checkAgainstFiniteDifferences(new Backprop(model, null, 112, 64, false), longBatch(), 4);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"LlamaForCausalLM", "Qwen2ForCausalLM", "Qwen3ForCausalLM"})
    void loraGradientsMatchFiniteDifferences(String arch) {
        try (Checkpoint ck = TinyModels.checkpoint(TinyModels.config(arch), 4); Arena arena = Arena.ofShared()) {
            ModelWeights w = ModelWeights.from(ck);
            Backprop bp = new Backprop(new Transformer(ck.config(), w), adapterWithNonZeroB(w, arena), 16, 8, false);
            checkAgainstFiniteDifferences(bp, 5);
        }
    }

    /** QLoRA-like: the frozen base stays Q8_0 (int8 blocks) while the adapter trains in fp32. */
    @Test
    void loraOnAQ8_0BaseMatchesFiniteDifferences() {
        ModelConfig c = new ModelConfig("LlamaForCausalLM", 64, 96, 2, 4, 2, 16, 50, 64, 1e-5f, 10000f, null,
                ModelConfig.RopeStyle.HALVES, true, false, false, 1, List.of(2)); // every row a whole number of 32-blocks
        try (Arena arena = Arena.ofShared()) {
            ModelWeights w = RandomWeights.generate(c, DType.Q8_0, 3, arena);
            assertEquals(DType.Q8_0, w.layers().get(0).wq().dtype());
            Backprop bp = new Backprop(new Transformer(c, w), adapterWithNonZeroB(w, arena), 16, 8, false);
            checkAgainstFiniteDifferences(bp, 5);
        }
    }

    /** A LoRA adapter on all seven targets whose B is random: B starts at zero, which would make dA zero too. */
    private static LoraAdapter adapterWithNonZeroB(ModelWeights w, Arena arena) {
        LoraAdapter lora = LoraAdapter.initialize(new LoraConfig(4, 8f, 0f, EnumSet.allOf(LoraTarget.class)), w, 5, arena);
        Random rnd = new Random(6);
        for (LoraAdapter.Matrix m : lora.matrices()) {
            if (!m.isA()) {
                for (long i = 0; i < m.value().size(); i++) {
                    m.value().set(i, 0.3f * (float) rnd.nextGaussian());
                }
            }
        }
        return lora;
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void checkpointingGivesIdenticalGradients(boolean lora) {
        try (Checkpoint ck = TinyModels.checkpoint(TinyModels.config("Qwen3ForCausalLM"), 8); Arena arena = Arena.ofShared()) {
            ModelWeights w = lora ? ModelWeights.from(ck) : ModelWeights.from(ck).trainableCopy(arena);
            LoraAdapter adapter = lora ? LoraAdapter.initialize(new LoraConfig(4, 8f, 0.1f, EnumSet.of(LoraTarget.Q_PROJ, LoraTarget.DOWN_PROJ)), w, 1, arena) : null;
            Transformer model = new Transformer(ck.config(), w);
            Backprop plain = new Backprop(model, adapter, 16, 8, false);
            Backprop recompute = new Backprop(model, adapter, 16, 8, true);
            plain.forwardBackward(batch(), 1f / 7, 42);
            recompute.forwardBackward(batch(), 1f / 7, 42);
            for (int i = 0; i < plain.parameters().size(); i++) {
                assertArrayEquals(plain.parameters().get(i).grad(), recompute.parameters().get(i).grad(),
                        plain.parameters().get(i).name());
            }
        }
    }

    /** For a few random elements of every parameter, (L(θ+h) − L(θ−h)) / 2h against the analytic gradient. */
    private static void checkAgainstFiniteDifferences(Backprop bp, int samplesPerParameter) {
        checkAgainstFiniteDifferences(bp, batch(), samplesPerParameter);
    }

    private static void checkAgainstFiniteDifferences(Backprop bp, Backprop.Batch b, int samplesPerParameter) {
        bp.zeroGradients();
        bp.forwardBackward(b, 1f, 0);
        Random rnd = new Random(11);
        float h = 1e-2f;
        int checked = 0;
        for (Parameter p : bp.parameters()) {
            float[] values = new float[p.size()];
            p.read(values);
            for (int s = 0; s < samplesPerParameter; s++) {
                int i = rnd.nextInt(p.size());
                float orig = values[i];
                values[i] = orig + h;
                p.write(values);
                double plus = bp.loss(b);
                values[i] = orig - h;
                p.write(values);
                double minus = bp.loss(b);
                values[i] = orig;
                p.write(values);
                double numeric = (plus - minus) / (2 * h);
                double analytic = p.grad()[i];
                assertTrue(Math.abs(numeric - analytic) <= 0.03 * Math.max(Math.abs(numeric), Math.abs(analytic)) + 2e-3,
                        p.name() + "[" + i + "]: finite difference " + numeric + " vs backward " + analytic);
                checked++;
            }
        }
        assertTrue(checked > 20);
    }
}
