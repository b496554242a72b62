package dev.seal4j.engine.bench;

import dev.seal4j.engine.model.LayerWeights;
import dev.seal4j.engine.model.ModelConfig;
import dev.seal4j.engine.model.ModelWeights;
import dev.seal4j.engine.model.WeightTable.Kind;
import dev.seal4j.engine.tensor.BF16Tensor;
import dev.seal4j.engine.tensor.DType;
import dev.seal4j.engine.tensor.Parallel;
import dev.seal4j.engine.tensor.Q8_0Quantizer;
import dev.seal4j.engine.tensor.Tensor;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * Seeded random weights for a {@link ModelConfig}, stored as F32, BF16 or Q8_0 in native memory: matrices
 * (the embedding too) uniform with standard deviation 1/√in, norm weights near 1, small biases. With a tied
 * head the initial logits then have a standard deviation near 1, as in a trained model. Row r of the
 * tensor numbered t is drawn from its own stream (seed, t, r), so the weights do not depend on the thread
 * count.
 */
public final class RandomWeights {
    private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(LITTLE_ENDIAN);

    private final DType dtype;
    private final long seed;
    private final Arena arena;
    private int tensors;

    private RandomWeights(DType dtype, long seed, Arena arena) {
        if (dtype != DType.F32 && dtype != DType.BF16 && dtype != DType.Q8_0) {
            throw new IllegalArgumentException("random weights are F32, BF16 or Q8_0, not " + dtype);
        }
        this.dtype = dtype;
        this.seed = seed;
        this.arena = arena;
    }

    /** Every weight of {@code c}; matrices in {@code dtype}, memory owned by {@code arena}. */
    public static ModelWeights generate(ModelConfig c, DType dtype, long seed, Arena arena) {
        return new RandomWeights(dtype, seed, arena).model(c);
    }

    private ModelWeights model(ModelConfig c) {
        int C = c.hiddenSize();
        Tensor embed = matrix(c.vocabSize(), C);
        List<LayerWeights> layers = new ArrayList<>();
        for (int l = 0; l < c.numLayers(); l++) {
            layers.add(LayerWeights.of(p -> matrix((int) p.shape(c)[0], (int) p.shape(c)[1]), p -> {
                int n = (int) p.shape(c)[0];
                return !p.when.required(c) ? null : p.kind == Kind.NORM ? norm(n) : vector(n, 0f, 0.02f);
            }));
        }
        float[] finalNorm = norm(C);
        Tensor head = c.tieWordEmbeddings() ? embed : matrix(c.vocabSize(), C);
        return new ModelWeights(embed, layers, finalNorm, head);
    }

    /** (rows, cols) uniform with standard deviation 1/√cols. */
    private Tensor matrix(int rows, int cols) {
        long id = tensors++;
        float half = (float) Math.sqrt(3.0 / cols);
        MemorySegment seg = arena.allocate(dtype.byteSize((long) rows * cols), 64);
        Parallel.forChunks(rows, 64, (r0, r1, share) -> {
            float[] row = new float[cols];
            short[] bits = dtype == DType.BF16 ? new short[cols] : null;
            for (int r = r0; r < r1; r++) {
                SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + id * 1_000_003L + r);
                for (int j = 0; j < cols; j++) {
                    row[j] = (rnd.nextFloat() * 2 - 1) * half;
                }
                long at = dtype.byteSize((long) r * cols);
                switch (dtype) {
                    case F32 -> MemorySegment.copy(row, 0, seg, ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(LITTLE_ENDIAN), at, cols);
                    case BF16 -> {
                        for (int j = 0; j < cols; j++) {
                            bits[j] = BF16Tensor.fromFloat(row[j]);
                        }
                        MemorySegment.copy(bits, 0, seg, SHORT, at, cols);
                    }
                    case Q8_0 -> Q8_0Quantizer.quantize(row, 0, cols, seg, at);
                    default -> throw new IllegalStateException(dtype.name());
                }
            }
        });
        return Tensor.of(dtype, seg, rows, cols);
    }

    private float[] norm(int n) {
        return vector(n, 1f, 0.1f);
    }

    private float[] vector(int n, float mean, float spread) {
        SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + tensors++ * 1_000_003L);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = mean + (rnd.nextFloat() * 2 - 1) * spread;
        }
        return v;
    }
}
