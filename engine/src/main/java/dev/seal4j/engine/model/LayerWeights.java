package dev.seal4j.engine.model;

import dev.seal4j.engine.model.WeightTable.Kind;
import dev.seal4j.engine.model.WeightTable.Layer;
import dev.seal4j.engine.tensor.Tensor;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The weights of one decoder layer. Matrices stay in their stored dtype, shape (out, in); norm weights and
 * biases are small and kept as float arrays. Absent parts (biases, q/k norms) are null. The components
 * follow {@link WeightTable.Layer}, which names and shapes them.
 *
 * @param attnNorm (C) input_layernorm
 * @param wq       (H·D, C) q_proj
 * @param wk       (KVH·D, C) k_proj
 * @param wv       (KVH·D, C) v_proj
 * @param wo       (C, H·D) o_proj
 * @param bq       (H·D) q_proj bias or null
 * @param bk       (KVH·D) k_proj bias or null
 * @param bv       (KVH·D) v_proj bias or null
 * @param bo       (C) o_proj bias or null (Llama with attention_bias)
 * @param qNorm    (D) q_norm (Qwen3) or null
 * @param kNorm    (D) k_norm (Qwen3) or null
 * @param mlpNorm  (C) post_attention_layernorm
 * @param wGate    (I, C) gate_proj
 * @param wUp      (I, C) up_proj
 * @param wDown    (C, I) down_proj
 */
public record LayerWeights(float[] attnNorm, Tensor wq, Tensor wk, Tensor wv, Tensor wo,
                           float[] bq, float[] bk, float[] bv, float[] bo, float[] qNorm, float[] kNorm,
                           float[] mlpNorm, Tensor wGate, Tensor wUp, Tensor wDown) {

    /**
     * Builds a layer from the table: {@code matrices} is asked for each {@link Kind#MATRIX} entry and
     * {@code vectors} for each other one (null where absent), once each, in table order — random
     * initialisations depend on that order.
     */
    public static LayerWeights of(Function<Layer, Tensor> matrices, Function<Layer, float[]> vectors) {
        Map<Layer, Tensor> m = new EnumMap<>(Layer.class);
        Map<Layer, float[]> v = new EnumMap<>(Layer.class);
        for (Layer p : Layer.values()) {
            if (p.kind == Kind.MATRIX) {
                m.put(p, matrices.apply(p));
            } else {
                v.put(p, vectors.apply(p));
            }
        }
        return new LayerWeights(v.get(Layer.ATTN_NORM), m.get(Layer.Q_PROJ), m.get(Layer.K_PROJ), m.get(Layer.V_PROJ),
                m.get(Layer.O_PROJ), v.get(Layer.Q_BIAS), v.get(Layer.K_BIAS), v.get(Layer.V_BIAS), v.get(Layer.O_BIAS),
                v.get(Layer.Q_NORM), v.get(Layer.K_NORM), v.get(Layer.MLP_NORM), m.get(Layer.GATE_PROJ),
                m.get(Layer.UP_PROJ), m.get(Layer.DOWN_PROJ));
    }

    /** A copy with {@code matrices} applied to every matrix and {@code vectors} to every vector present. */
    public LayerWeights map(Function<Tensor, Tensor> matrices, Function<float[], float[]> vectors) {
        return of(p -> matrices.apply(matrix(p)), p -> vector(p) == null ? null : vectors.apply(vector(p)));
    }

    /** The matrix of a {@link Kind#MATRIX} entry. */
    public Tensor matrix(Layer p) {
        return switch (p) {
            case Q_PROJ -> wq;
            case K_PROJ -> wk;
            case V_PROJ -> wv;
            case O_PROJ -> wo;
            case GATE_PROJ -> wGate;
            case UP_PROJ -> wUp;
            case DOWN_PROJ -> wDown;
            default -> throw new IllegalArgumentException(p + " is not a matrix");
        };
    }

    /** The floats of a norm or bias entry, or null when the layer has none. */
    public float[] vector(Layer p) {
        return switch (p) {
            case ATTN_NORM -> attnNorm;
            case Q_BIAS -> bq;
            case K_BIAS -> bk;
            case V_BIAS -> bv;
            case O_BIAS -> bo;
            case Q_NORM -> qNorm;
            case K_NORM -> kNorm;
            case MLP_NORM -> mlpNorm;
            default -> throw new IllegalArgumentException(p + " is a matrix");
        };
    }

    /** The matrix a LoRA target adapts. */
    public Tensor matrix(LoraTarget target) {
        return matrix(target.weight);
    }
}
