package dev.seal4j.engine.model;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * The same training step gives the same bits whether its kernels run interpreted or JIT-compiled: the first
 * call (cold) equals the 200th (hot). This is what makes a resumed run equal an uninterrupted one.
 */
class DeterminismTest {
    @Test
    void coldAndHotStepsGiveIdenticalGradients() {
        try (Checkpoint ck = TinyModels.checkpoint(TinyModels.config("Qwen3ForCausalLM"), 9); Arena arena = Arena.ofShared()) {
            Backprop bp = new Backprop(new Transformer(ck.config(), ModelWeights.from(ck).trainableCopy(arena)), null, 16, 8, false);
            float[][] first = step(bp);
            for (int i = 0; i < 200; i++) {
                step(bp);
            }
            float[][] hot = step(bp);
            for (int i = 0; i < first.length; i++) {
                assertArrayEquals(first[i], hot[i], bp.parameters().get(i).name());
            }
        }
    }

    private static float[][] step(Backprop bp) {
        bp.zeroGradients();
        bp.forwardBackward(BackpropGradientTest.batch(), 1f / 7, 1);
        return bp.parameters().stream().map(p -> p.grad().clone()).toArray(float[][]::new);
    }
}
