package dev.seal4j.engine.model;

import dev.seal4j.engine.tensor.Tensor;

/**
 * The weights of one decoder layer. Matrices stay in their stored dtype, shape (out, in); norm weights and
 * biases are small and kept as float arrays. Absent parts (biases, q/k norms) are null.
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

    /** The matrix a LoRA target adapts. */
    public Tensor matrix(LoraTarget target) {
        return switch (target) {
            case Q_PROJ -> wq;
            case K_PROJ -> wk;
            case V_PROJ -> wv;
            case O_PROJ -> wo;
            case GATE_PROJ -> wGate;
            case UP_PROJ -> wUp;
            case DOWN_PROJ -> wDown;
        };
    }
}
