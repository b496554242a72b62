package dev.seal4j.engine.model;

import dev.seal4j.engine.BadInputException;
import dev.seal4j.engine.tensor.F32Tensor;
import dev.seal4j.engine.tensor.Gemm;
import dev.seal4j.engine.tensor.Tensor;

import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A LoRA adapter: for each adapted (layer, target), A (r, in) and B (out, r) in fp32, applied at call time
 * as y += scale · (x·Aᵀ)·Bᵀ. An adapter is a value: the base weights are untouched and shared, so any
 * number of adapters can be used with one model. Memory is owned by the arena given at creation.
 */
public final class LoraAdapter {
    private final LoraConfig config;
    private final F32Tensor[][] a; // [layer][target] (r, in) or null
    private final F32Tensor[][] b; // [layer][target] (out, r) or null

    private LoraAdapter(LoraConfig config, F32Tensor[][] a, F32Tensor[][] b) {
        this.config = config;
        this.a = a;
        this.b = b;
    }

    /**
     * A fresh adapter initialised as PEFT does: A ~ U(−1/√in, 1/√in) (Kaiming-uniform with a = √5), B = 0,
     * so the adapted model starts equal to the base.
     */
    public static LoraAdapter initialize(LoraConfig config, ModelWeights weights, long seed, Arena arena) {
        requireRankWithinShapes(config, weights);
        Random rnd = new Random(seed);
        int layers = weights.layers().size();
        F32Tensor[][] a = new F32Tensor[layers][LoraTarget.values().length];
        F32Tensor[][] b = new F32Tensor[layers][LoraTarget.values().length];
        for (int l = 0; l < layers; l++) {
            for (LoraTarget t : LoraTarget.values()) {
                if (!config.targets().contains(t)) {
                    continue;
                }
                Tensor w = weights.layers().get(l).matrix(t);
                int in = w.cols(), out = w.rows();
                F32Tensor ta = Tensor.allocateF32(arena, config.rank(), in);
                float bound = (float) (1.0 / Math.sqrt(in));
                float[] init = new float[config.rank() * in];
                for (int i = 0; i < init.length; i++) {
                    init[i] = (rnd.nextFloat() * 2 - 1) * bound;
                }
                ta.copyFrom(init, 0, 0, init.length);
                a[l][t.ordinal()] = ta;
                b[l][t.ordinal()] = Tensor.allocateF32(arena, out, config.rank());
            }
        }
        return new LoraAdapter(config, a, b);
    }

    /**
     * B·A of rank r can only add a matrix of rank min(r, rows, columns), so a rank beyond a target's smaller
     * dimension adds parameters and nothing else; it is refused before anything is allocated.
     */
    private static void requireRankWithinShapes(LoraConfig config, ModelWeights weights) {
        LoraTarget tightest = null;
        int limit = Integer.MAX_VALUE;
        for (LoraTarget t : LoraTarget.values()) {
            Tensor w = weights.layers().getFirst().matrix(t);
            if (config.targets().contains(t) && Math.min(w.rows(), w.cols()) < limit) {
                tightest = t;
                limit = Math.min(w.rows(), w.cols());
            }
        }
        if (config.rank() > limit) {
            Tensor w = weights.layers().getFirst().matrix(tightest);
            throw new BadInputException("LoRA rank " + config.rank() + " is larger than " + tightest.peftName() + "'s "
                    + w.rows() + " x " + w.cols() + " weight allows (at most " + limit + ")");
        }
    }

    /**
     * An adapter from given matrices (a PEFT file): entries [layer][target] with A (r, in) and B (out, r),
     * null where not adapted. Shapes are checked against the model.
     */
    public static LoraAdapter of(LoraConfig config, ModelWeights weights, F32Tensor[][] a, F32Tensor[][] b) {
        for (int l = 0; l < weights.layers().size(); l++) {
            for (LoraTarget t : LoraTarget.values()) {
                F32Tensor ta = a[l][t.ordinal()], tb = b[l][t.ordinal()];
                if (ta == null && tb == null) {
                    continue;
                }
                Tensor w = weights.layers().get(l).matrix(t);
                if (ta == null || tb == null || ta.rows() != config.rank() || ta.cols() != w.cols()
                        || tb.rows() != w.rows() || tb.cols() != config.rank()) {
                    throw new BadInputException("LoRA matrices for layer " + l + " " + t.peftName() + " are "
                            + ta + " and " + tb + "; the base weight is " + w + " and the rank " + config.rank());
                }
            }
        }
        return new LoraAdapter(config, a, b);
    }

    public LoraConfig config() {
        return config;
    }

    public float scale() {
        return config.scale();
    }

    public int layers() {
        return a.length;
    }

    public boolean has(int layer, LoraTarget t) {
        return a[layer][t.ordinal()] != null;
    }

    /** (r, in). */
    public F32Tensor a(int layer, LoraTarget t) {
        return a[layer][t.ordinal()];
    }

    /** (out, r). */
    public F32Tensor b(int layer, LoraTarget t) {
        return b[layer][t.ordinal()];
    }

    /**
     * The base weights with this adapter folded in: every adapted matrix becomes W + scale·B·A in fp32
     * (memory of {@code arena}); everything else is shared with {@code base}.
     */
    public ModelWeights mergeInto(ModelWeights base, Arena arena) {
        List<LayerWeights> layers = new ArrayList<>();
        for (int l = 0; l < base.layers().size(); l++) {
            LayerWeights w = base.layers().get(l);
            int layer = l;
            layers.add(LayerWeights.of(p -> {
                LoraTarget t = LoraTarget.of(p);
                return t != null && has(layer, t) ? merged(w.matrix(t), a(layer, t), b(layer, t), arena) : w.matrix(p);
            }, w::vector));
        }
        return new ModelWeights(base.embed(), layers, base.finalNorm(), base.lmHead());
    }

    /** W (out, in) + scale · B (out, r) · A (r, in). */
    private Tensor merged(Tensor w, F32Tensor a, F32Tensor b, Arena arena) {
        int out = w.rows(), in = w.cols(), r = config.rank();
        float[] sum = w.toFloatArray();
        float[] scaledB = b.toFloatArray();
        dev.seal4j.engine.tensor.VectorMath.scale(scaledB, 0, scale(), scaledB.length);
        Gemm.multiply(out, in, r, new Gemm.Dense(scaledB, 0, r), new Gemm.Weight(a), sum, 0, in, true);
        F32Tensor result = Tensor.allocateF32(arena, out, in);
        result.copyFrom(sum, 0, 0, sum.length);
        return result;
    }

    /** A named trainable matrix, in PEFT's key naming. */
    public record Matrix(String peftKey, int layer, LoraTarget target, boolean isA, F32Tensor value) {
    }

    /**
     * Every matrix with its PEFT key, e.g. base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight,
     * in a fixed order (layer, target, A before B).
     */
    public List<Matrix> matrices() {
        List<Matrix> out = new ArrayList<>();
        for (int l = 0; l < a.length; l++) {
            for (LoraTarget t : LoraTarget.values()) {
                if (has(l, t)) {
                    String base = "base_model.model." + t.modulePath(l);
                    out.add(new Matrix(base + ".lora_A.weight", l, t, true, a(l, t)));
                    out.add(new Matrix(base + ".lora_B.weight", l, t, false, b(l, t)));
                }
            }
        }
        return out;
    }
}
