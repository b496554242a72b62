package dev.seal4j.seal.continual;

import dev.seal4j.engine.model.LoraAdapter;
import dev.seal4j.engine.model.LoraConfig;
import dev.seal4j.engine.model.LoraTarget;
import dev.seal4j.engine.model.ModelWeights;
import dev.seal4j.engine.tensor.F32Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.Arena;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class AdapterStackTest {

    /** An adapter with random A and B (B is zero after PEFT's initialisation, so it is filled in here). */
    private static LoraAdapter random(LoraConfig c, ModelWeights w, long seed, Arena arena) {
        LoraAdapter a = LoraAdapter.initialize(c, w, seed, arena);
        Random rnd = new Random(seed);
        for (LoraAdapter.Matrix m : a.matrices()) {
            if (!m.isA()) {
                F32Tensor b = m.value();
                for (long i = 0; i < b.size(); i++) {
                    b.set(i, (float) rnd.nextGaussian() * 0.1f);
                }
            }
        }
        return a;
    }

    @Test
    void oneCombinedMergeEqualsMergingTheAdaptersOneAfterAnother(@TempDir Path dir) {
        try (TinyModel tiny = TinyModel.create(dir.resolve("m")); Arena arena = Arena.ofShared()) {
            ModelWeights base = tiny.model.weights();
            LoraAdapter first = random(new LoraConfig(4, 8f, 0f, EnumSet.of(LoraTarget.Q_PROJ, LoraTarget.V_PROJ)), base, 1, arena);
            LoraAdapter second = random(new LoraConfig(2, 16f, 0f, EnumSet.of(LoraTarget.Q_PROJ, LoraTarget.DOWN_PROJ)), base, 2, arena);
            ModelWeights sequential = second.mergeInto(first.mergeInto(base, arena), arena);
            ModelWeights combined = AdapterStack.combine(List.of(first, second), base, arena).mergeInto(base, arena);
            for (int l = 0; l < base.layers().size(); l++) {
                for (LoraTarget t : LoraTarget.values()) {
                    float[] want = sequential.layers().get(l).matrix(t).toFloatArray();
                    float[] got = combined.layers().get(l).matrix(t).toFloatArray();
                    assertArrayEquals(want, got, 1e-5f, "layer " + l + " " + t);
                }
            }
        }
    }

    @Test
    void theDeltaNormIsTheFrobeniusNormOfEveryScaledProduct(@TempDir Path dir) {
        try (TinyModel tiny = TinyModel.create(dir.resolve("m")); Arena arena = Arena.ofShared()) {
            LoraAdapter a = random(new LoraConfig(3, 6f, 0f, EnumSet.of(LoraTarget.Q_PROJ, LoraTarget.UP_PROJ)),
                    tiny.model.weights(), 3, arena);
            double sq = 0;
            for (LoraAdapter.Matrix m : a.matrices()) {
                if (m.isA()) {
                    float[] am = m.value().toFloatArray(), bm = a.b(m.layer(), m.target()).toFloatArray();
                    int r = 3, in = am.length / r, out = bm.length / r;
                    for (int i = 0; i < out; i++) {
                        for (int j = 0; j < in; j++) {
                            double s = 0;
                            for (int k = 0; k < r; k++) {
                                s += bm[i * r + k] * am[k * in + j];
                            }
                            sq += (2.0 * s) * (2.0 * s); // scale alpha / r = 2
                        }
                    }
                }
            }
            assertEquals(Math.sqrt(sq), WeightDelta.norm(a), 1e-6 * Math.sqrt(sq));
            a.b(0, LoraTarget.Q_PROJ).set(0, Float.NaN);
            assertEquals(Double.NaN, WeightDelta.norm(a));
        }
    }
}
