package dev.seal4j.engine.model;

import dev.seal4j.engine.BadInputException;
import dev.seal4j.engine.tensor.F32Tensor;
import dev.seal4j.engine.tensor.Tensor;

import java.lang.foreign.Arena;

import java.util.Arrays;
import java.util.List;

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
        java.util.function.Function<Tensor, Tensor> copy = t -> {
            F32Tensor f = Tensor.allocateF32(arena, t.shape());
            float[] row = new float[t.cols()];
            for (int r = 0; r < t.rows(); r++) {
                t.dequantizeRow(r, row, 0);
                f.copyFrom(row, 0, (long) r * t.cols(), row.length);
            }
            return f;
        };
        Tensor e = copy.apply(embed);
        List<LayerWeights> ls = layers.stream().map(w -> new LayerWeights(clone(w.attnNorm()),
                copy.apply(w.wq()), copy.apply(w.wk()), copy.apply(w.wv()), copy.apply(w.wo()),
                clone(w.bq()), clone(w.bk()), clone(w.bv()), clone(w.bo()), clone(w.qNorm()), clone(w.kNorm()), clone(w.mlpNorm()),
                copy.apply(w.wGate()), copy.apply(w.wUp()), copy.apply(w.wDown()))).toList();
        return new ModelWeights(e, ls, finalNorm.clone(), tied() ? e : copy.apply(lmHead));
    }

    private static float[] clone(float[] x) {
        return x == null ? null : x.clone();
    }

    /** Picks the weights out of a checkpoint by their Hugging Face names, checking every shape. */
    public static ModelWeights from(Checkpoint ckpt) {
        ModelConfig c = ckpt.config();
        Shapes s = new Shapes(ckpt);
        int C = c.hiddenSize(), I = c.intermediateSize(), V = c.vocabSize(), D = c.headDim();
        Tensor embed = s.matrix("model.embed_tokens.weight", V, C);
        LayerWeights[] layers = new LayerWeights[c.numLayers()];
        for (int l = 0; l < layers.length; l++) {
            String p = "model.layers." + l + ".";
            boolean bias = c.attentionBias();
            layers[l] = new LayerWeights(
                    s.vector(p + "input_layernorm.weight", C),
                    s.matrix(p + "self_attn.q_proj.weight", c.qDim(), C),
                    s.matrix(p + "self_attn.k_proj.weight", c.kvDim(), C),
                    s.matrix(p + "self_attn.v_proj.weight", c.kvDim(), C),
                    s.matrix(p + "self_attn.o_proj.weight", C, c.qDim()),
                    bias ? s.vector(p + "self_attn.q_proj.bias", c.qDim()) : null,
                    bias ? s.vector(p + "self_attn.k_proj.bias", c.kvDim()) : null,
                    bias ? s.vector(p + "self_attn.v_proj.bias", c.kvDim()) : null,
                    ckpt.has(p + "self_attn.o_proj.bias") ? s.vector(p + "self_attn.o_proj.bias", C) : null,
                    c.qkNorm() ? s.vector(p + "self_attn.q_norm.weight", D) : null,
                    c.qkNorm() ? s.vector(p + "self_attn.k_norm.weight", D) : null,
                    s.vector(p + "post_attention_layernorm.weight", C),
                    s.matrix(p + "mlp.gate_proj.weight", I, C),
                    s.matrix(p + "mlp.up_proj.weight", I, C),
                    s.matrix(p + "mlp.down_proj.weight", C, I));
        }
        float[] norm = s.vector("model.norm.weight", C);
        Tensor head = c.tieWordEmbeddings() || !ckpt.has("lm_head.weight") ? embed : s.matrix("lm_head.weight", V, C);
        return new ModelWeights(embed, Arrays.asList(layers), norm, head);
    }

    /** Looks tensors up and checks their shapes. */
    private record Shapes(Checkpoint ckpt) {
        Tensor matrix(String name, int rows, int cols) {
            Tensor t = ckpt.tensor(name);
            if (t.rank() != 2 || t.dim(0) != rows || t.dim(1) != cols) {
                throw new BadInputException(ckpt.source() + ": tensor '" + name + "' has shape "
                        + Arrays.toString(t.shape()) + ", expected [" + rows + ", " + cols + "] for this config");
            }
            return t;
        }

        float[] vector(String name, int n) {
            Tensor t = ckpt.tensor(name);
            if (t.size() != n) {
                throw new BadInputException(ckpt.source() + ": tensor '" + name + "' has shape "
                        + Arrays.toString(t.shape()) + ", expected [" + n + "] for this config");
            }
            return t.toFloatArray();
        }
    }
}
