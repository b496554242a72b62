package dev.seal4j.seal.continual;

import dev.seal4j.engine.model.LoraAdapter;
import dev.seal4j.engine.model.LoraConfig;
import dev.seal4j.engine.model.LoraTarget;
import dev.seal4j.engine.model.ModelWeights;
import dev.seal4j.engine.tensor.F32Tensor;
import dev.seal4j.engine.tensor.Tensor;

import java.lang.foreign.Arena;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A stack of LoRA adapters as one adapter: Σᵢ sᵢ·Bᵢ·Aᵢ = [s₁B₁ | s₂B₂ | …] · [A₁; A₂; …], a LoRA of rank Σrᵢ
 * and scale 1 (zero blocks where an adapter leaves a target alone). Merging it once into the base gives the
 * same weights as merging the adapters one after another, with one copy of each adapted matrix instead of one
 * per step.
 */
public final class AdapterStack {
    private AdapterStack() {
    }

    /** The combined adapter (its memory belongs to {@code arena}); the stack must not be empty. */
    public static LoraAdapter combine(List<LoraAdapter> stack, ModelWeights base, Arena arena) {
        int rank = stack.stream().mapToInt(a -> a.config().rank()).sum();
        Set<LoraTarget> targets = EnumSet.noneOf(LoraTarget.class);
        stack.forEach(a -> targets.addAll(a.config().targets()));
        int layers = base.layers().size();
        F32Tensor[][] as = new F32Tensor[layers][LoraTarget.values().length];
        F32Tensor[][] bs = new F32Tensor[layers][LoraTarget.values().length];
        for (int l = 0; l < layers; l++) {
            for (LoraTarget t : targets) {
                Tensor w = base.layers().get(l).matrix(t);
                int out = w.rows(), in = w.cols();
                float[] a = new float[rank * in];  // (R, in): the A blocks stacked
                float[] b = new float[out * rank]; // (out, R): the scaled B blocks side by side
                int offset = 0;
                for (LoraAdapter adapter : stack) {
                    int r = adapter.config().rank();
                    if (adapter.has(l, t)) {
                        float[] ai = adapter.a(l, t).toFloatArray(); // (r, in)
                        System.arraycopy(ai, 0, a, offset * in, ai.length);
                        float[] bi = adapter.b(l, t).toFloatArray(); // (out, r)
                        for (int row = 0; row < out; row++) {
                            for (int k = 0; k < r; k++) {
                                b[row * rank + offset + k] = adapter.scale() * bi[row * r + k];
                            }
                        }
                    }
                    offset += r;
                }
                as[l][t.ordinal()] = tensor(arena, a, rank, in);
                bs[l][t.ordinal()] = tensor(arena, b, out, rank);
            }
        }
        return LoraAdapter.of(new LoraConfig(rank, rank, 0f, targets), base, as, bs);
    }

    private static F32Tensor tensor(Arena arena, float[] values, int rows, int cols) {
        F32Tensor t = Tensor.allocateF32(arena, rows, cols);
        t.copyFrom(values, 0, 0, values.length);
        return t;
    }
}
