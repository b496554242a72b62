package dev.seal4j.engine.model;

import dev.seal4j.engine.BadInputException;
import dev.seal4j.engine.model.WeightTable.Global;
import dev.seal4j.engine.model.WeightTable.Layer;
import dev.seal4j.engine.model.WeightTable.When;
import dev.seal4j.engine.tensor.F32Tensor;
import dev.seal4j.engine.tensor.Tensor;

import java.lang.foreign.Arena;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Every weight of a model, checked against its config.
 *
 * @param embed     (V, C) embed_tokens
 * @param layers    one per decoder layer
 * @param finalNorm (C) model.norm
 * @param lmHead    (V, C) lm_head, the same tensor as embed when tied
 */
public record ModelWeights(Tensor embed, List<LayerWeights> layers, float[] finalNorm, Tensor lmHead) {

    public ModelWeights {
        layers = List.copyOf(layers);
    }

    public boolean tied() {
        return lmHead == embed;
    }

    /**
     * A copy with every matrix as fp32 in {@code arena} and every vector cloned: the master weights of full
     * fine-tuning. A tied LM head stays tied.
     */
    public ModelWeights trainableCopy(Arena arena) {
        Function<Tensor, Tensor> copy = t -> {
            F32Tensor f = Tensor.allocateF32(arena, t.shape());
            float[] row = new float[t.cols()];
            for (int r = 0; r < t.rows(); r++) {
                t.dequantizeRow(r, row, 0);
                f.copyFrom(row, 0, (long) r * t.cols(), row.length);
            }
            return f;
        };
        Tensor e = copy.apply(embed);
        List<LayerWeights> ls = layers.stream().map(w -> w.map(copy, float[]::clone)).toList();
        return new ModelWeights(e, ls, finalNorm.clone(), tied() ? e : copy.apply(lmHead));
    }

    /** Picks the weights out of a checkpoint by the names of the {@link WeightTable}, checking every shape. */
    public static ModelWeights from(Checkpoint ckpt) {
        ModelConfig c = ckpt.config();
        Shapes s = new Shapes(ckpt);
        Tensor embed = s.matrix(Global.EMBED.hfName, Global.EMBED.shape(c));
        LayerWeights[] layers = new LayerWeights[c.numLayers()];
        for (int l = 0; l < layers.length; l++) {
            int layer = l;
            Predicate<Layer> present = p -> p.when.required(c) || p.when == When.IF_PRESENT && ckpt.has(p.hfName(layer));
            layers[l] = LayerWeights.of(p -> s.matrix(p.hfName(layer), p.shape(c)),
                    p -> present.test(p) ? s.vector(p.hfName(layer), p.shape(c)) : null);
        }
        float[] norm = s.vector(Global.FINAL_NORM.hfName, Global.FINAL_NORM.shape(c));
        Tensor head = c.tieWordEmbeddings() || !ckpt.has(Global.LM_HEAD.hfName) ? embed
                : s.matrix(Global.LM_HEAD.hfName, Global.LM_HEAD.shape(c));
        return new ModelWeights(embed, Arrays.asList(layers), norm, head);
    }

    /** Looks tensors up and checks their shapes. */
    private record Shapes(Checkpoint ckpt) {
        Tensor matrix(String name, long[] shape) {
            Tensor t = ckpt.tensor(name);
            if (!Arrays.equals(t.shape(), shape)) {
                throw new BadInputException(ckpt.source() + ": tensor '" + name + "' has shape "
                        + Arrays.toString(t.shape()) + ", expected " + Arrays.toString(shape) + " for this config");
            }
            return t;
        }

        /** A vector of the right size, whatever its rank (some files store norms as (1, n)). */
        float[] vector(String name, long[] shape) {
            Tensor t = ckpt.tensor(name);
            if (t.size() != shape[0]) {
                throw new BadInputException(ckpt.source() + ": tensor '" + name + "' has shape "
                        + Arrays.toString(t.shape()) + ", expected " + Arrays.toString(shape) + " for this config");
            }
            return t.toFloatArray();
        }
    }
}
