package dev.seal4j.engine.model;

import dev.seal4j.engine.model.WeightTable.Kind;
import dev.seal4j.engine.model.WeightTable.Layer;
import dev.seal4j.engine.tensor.F32Tensor;
import dev.seal4j.engine.tensor.Tensor;

import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Fresh fp32 weights for training from scratch: matrices ~ N(0, 0.02²), the projections that write into the
 * residual stream (o_proj, down_proj) scaled by 1/√(2·layers) as GPT-2 does, norm weights 1, biases 0.
 */
public final class ModelInit {
    private ModelInit() {
    }

    public static ModelWeights random(ModelConfig c, long seed, Arena arena) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float std = 0.02f, residualStd = (float) (0.02 / Math.sqrt(2.0 * c.numLayers()));
        int C = c.hiddenSize();
        Tensor embed = normal(arena, rnd, std, c.vocabSize(), C);
        List<LayerWeights> layers = new ArrayList<>();
        for (int l = 0; l < c.numLayers(); l++) {
            layers.add(LayerWeights.of(p -> {
                long[] shape = p.shape(c);
                boolean residual = p == Layer.O_PROJ || p == Layer.DOWN_PROJ;
                return normal(arena, rnd, residual ? residualStd : std, (int) shape[0], (int) shape[1]);
            }, p -> !p.when.required(c) ? null : p.kind == Kind.NORM ? ones((int) p.shape(c)[0]) : new float[(int) p.shape(c)[0]]));
        }
        Tensor head = c.tieWordEmbeddings() ? embed : normal(arena, rnd, std, c.vocabSize(), C);
        return new ModelWeights(embed, layers, ones(C), head);
    }

    private static F32Tensor normal(Arena arena, SplittableRandom rnd, float std, int rows, int cols) {
        F32Tensor t = Tensor.allocateF32(arena, rows, cols);
        float[] row = new float[cols];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) {
                row[j] = std * (float) gaussian(rnd);
            }
            t.copyFrom(row, 0, (long) r * cols, cols);
        }
        return t;
    }

    /** Box–Muller, so the stream depends only on the seed (SplittableRandom has no nextGaussian state). */
    private static double gaussian(SplittableRandom rnd) {
        double u = 1.0 - rnd.nextDouble(), v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    private static float[] ones(int n) {
        float[] x = new float[n];
        Arrays.fill(x, 1f);
        return x;
    }
}
