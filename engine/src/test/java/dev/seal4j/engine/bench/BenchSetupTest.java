package dev.seal4j.engine.bench;

import dev.seal4j.engine.BadInputException;
import dev.seal4j.engine.model.ModelConfig;
import dev.seal4j.engine.model.ModelWeights;
import dev.seal4j.engine.tensor.BF16Tensor;
import dev.seal4j.engine.tensor.DType;
import dev.seal4j.engine.tensor.Parallel;
import dev.seal4j.engine.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.ValueLayout;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The benchmark shapes are the published models', and their random weights are reproducible in every dtype. */
class BenchSetupTest {

    /** Parameters of a tied decoder: embedding, per layer q/k/v (with biases when present), o, MLP, norms; final norm. */
    private static long parameters(ModelConfig c) {
        long C = c.hiddenSize(), q = c.qDim(), kv = c.kvDim();
        long layer = C * q + 2 * C * kv + q * C + 3 * C * c.intermediateSize() + 2 * C
                + (c.attentionBias() ? q + 2 * kv : 0);
        return (long) c.vocabSize() * C + c.numLayers() * layer + C;
    }

    @Test
    void shapesHaveThePublishedSizes() {
        // Qwen2.5-0.5B's model card: 0.49B parameters, 494,032,768 in its safetensors file
        assertEquals(494_032_768L, parameters(BenchShape.named("qwen2.5-0.5b").config()));
        // llama2.c's stories15M: 15.2M parameters with the 32,000-token vocabulary
        assertEquals(15_191_712L, parameters(BenchShape.named("stories15m").config()));
        ModelConfig w = BenchShape.named("tiny-world").config();
        assertEquals(List.of(256, 768, 6, 8, 4, 4096), List.of(w.hiddenSize(), w.intermediateSize(), w.numLayers(),
                w.numHeads(), w.numKvHeads(), w.vocabSize()));
        ModelConfig q4 = BenchShape.named("qwen2.5-0.5b-4l").config();
        assertEquals(4, q4.numLayers());
        assertEquals(64, q4.headDim());
        assertThrows(BadInputException.class, () -> BenchShape.named("gpt-5"));
    }

    @Test
    void randomWeightsDependOnTheSeedOnlyAndAgreeAcrossDtypes() {
        ModelConfig c = BenchShape.named("tiny-world").config();
        int threads = Parallel.threads();
        try (Arena arena = Arena.ofShared()) {
            Parallel.setThreads(1);
            ModelWeights one = RandomWeights.generate(c, DType.F32, 7, arena);
            Parallel.setThreads(3);
            ModelWeights three = RandomWeights.generate(c, DType.F32, 7, arena);
            ModelWeights bf16 = RandomWeights.generate(c, DType.BF16, 7, arena);
            ModelWeights q8 = RandomWeights.generate(c, DType.Q8_0, 7, arena);
            ModelWeights other = RandomWeights.generate(c, DType.F32, 8, arena);
            Tensor a = one.layers().get(3).wUp(), b = three.layers().get(3).wUp();
            assertArrayEquals(a.segment().toArray(ValueLayout.JAVA_BYTE), b.segment().toArray(ValueLayout.JAVA_BYTE));
            assertArrayEquals(one.finalNorm(), three.finalNorm());
            float[] f = a.toFloatArray(), h = bf16.layers().get(3).wUp().toFloatArray(), q = q8.layers().get(3).wUp().toFloatArray();
            float[] o = other.layers().get(3).wUp().toFloatArray();
            double sumSq = 0;
            int differ = 0;
            for (int i = 0; i < f.length; i++) {
                assertEquals(BF16Tensor.toFloat(BF16Tensor.fromFloat(f[i])), h[i], 0f);
                assertEquals(f[i], q[i], 5e-4f); // half a Q8_0 step: max |w| = √(3/256) ≈ 0.108, over 127, halved
                sumSq += f[i] * f[i];
                differ += f[i] != o[i] ? 1 : 0;
            }
            assertEquals(1.0 / 256, sumSq / f.length, 0.05 / 256, "variance 1/in");
            assertTrue(differ > f.length * 0.99, "another seed gives other weights");
        } finally {
            Parallel.setThreads(threads);
        }
    }

    @Test
    void aShortTrainingRunStartsAtTheUniformLossAndLearns() {
        TrainBench.Plan plan = new TrainBench.Plan("tiny-world", DType.F32, 0, 1, 16, false, 0, 3);
        TrainBench.Result r = TrainBench.run(plan, 3);
        assertEquals(16, r.tokensPerStep());
        assertEquals(3, r.stepSeconds().size());
        assertEquals(Math.log(4096), r.losses().getFirst(), 1.0, "random weights start near ln V");
        assertTrue(r.losses().getLast() < r.losses().getFirst(), "the same batch again: the loss falls " + r.losses());
        assertTrue(r.tokensPerSecond() > 0 && r.peakRssBytes() > 0);
    }
}
