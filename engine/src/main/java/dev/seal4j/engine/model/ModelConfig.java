package dev.seal4j.engine.model;

import java.util.List;

/**
 * The shape and options of a decoder-only transformer (Llama, Qwen2, Qwen3, Mistral), whatever file it came
 * from. Field meanings follow Hugging Face's config.json.
 *
 * @param architecture      family: one of {@link #SUPPORTED_ARCHITECTURES}
 * @param hiddenSize        model width C
 * @param intermediateSize  SwiGLU hidden width
 * @param numLayers         decoder layers
 * @param numHeads          query heads
 * @param numKvHeads        key/value heads (GQA when fewer than numHeads)
 * @param headDim           per-head width (Qwen3 sets it explicitly; else hiddenSize / numHeads)
 * @param vocabSize         rows of the embedding and the LM head
 * @param contextLength     max_position_embeddings: the longest sequence the model supports
 * @param rmsNormEps        epsilon inside every RMSNorm
 * @param ropeTheta         RoPE base frequency
 * @param ropeScaling       Llama 3 frequency scaling, or null
 * @param ropeStyle         which pairs RoPE rotates (depends on the file format, see {@link RopeStyle})
 * @param tieWordEmbeddings LM head shares the embedding matrix
 * @param attentionBias     q/k/v projections have biases (Qwen2)
 * @param qkNorm            per-head RMSNorm on q and k before RoPE (Qwen3)
 * @param bosTokenId        beginning-of-sequence id, or -1
 * @param eosTokenIds       ids that end generation
 */
public record ModelConfig(
        String architecture,
        int hiddenSize,
        int intermediateSize,
        int numLayers,
        int numHeads,
        int numKvHeads,
        int headDim,
        int vocabSize,
        int contextLength,
        float rmsNormEps,
        float ropeTheta,
        RopeScaling ropeScaling,
        RopeStyle ropeStyle,
        boolean tieWordEmbeddings,
        boolean attentionBias,
        boolean qkNorm,
        int bosTokenId,
        List<Integer> eosTokenIds) {

    public static final List<String> SUPPORTED_ARCHITECTURES =
            List.of("LlamaForCausalLM", "MistralForCausalLM", "Qwen2ForCausalLM", "Qwen3ForCausalLM");

    public ModelConfig {
        eosTokenIds = List.copyOf(eosTokenIds);
        if (!SUPPORTED_ARCHITECTURES.contains(architecture)) {
            throw new IllegalArgumentException("unsupported architecture '" + architecture + "' (supported: "
                    + String.join(", ", SUPPORTED_ARCHITECTURES) + ")");
        }
        if (hiddenSize <= 0 || intermediateSize <= 0 || numLayers <= 0 || numHeads <= 0 || numKvHeads <= 0
                || headDim <= 0 || vocabSize <= 0 || contextLength <= 0) {
            throw new IllegalArgumentException("model dimensions must be positive: " + this);
        }
        if (numHeads % numKvHeads != 0) {
            throw new IllegalArgumentException("num_attention_heads (" + numHeads
                    + ") must be a multiple of num_key_value_heads (" + numKvHeads + ")");
        }
        if (headDim % 2 != 0) {
            throw new IllegalArgumentException("head_dim must be even for RoPE, got " + headDim);
        }
        if (!(rmsNormEps > 0) || Float.isInfinite(rmsNormEps)) {
            throw new IllegalArgumentException("the RMSNorm epsilon must be a positive number, got " + rmsNormEps);
        }
        if (!(ropeTheta > 0) || Float.isInfinite(ropeTheta)) {
            throw new IllegalArgumentException("the RoPE base frequency (rope_theta) must be a positive number, got " + ropeTheta);
        }
    }

    /** Width of all query heads together. */
    public int qDim() {
        return numHeads * headDim;
    }

    /** Width of all key (or value) heads together. */
    public int kvDim() {
        return numKvHeads * headDim;
    }

    /** The same model with another context length (for tests and long-context runs). */
    public ModelConfig withContextLength(int n) {
        return new ModelConfig(architecture, hiddenSize, intermediateSize, numLayers, numHeads, numKvHeads, headDim,
                vocabSize, n, rmsNormEps, ropeTheta, ropeScaling, ropeStyle, tieWordEmbeddings, attentionBias, qkNorm,
                bosTokenId, eosTokenIds);
    }

    /** The same model with its q/k rows in another RoPE order (after a converter permuted them). */
    public ModelConfig withRopeStyle(RopeStyle style) {
        return new ModelConfig(architecture, hiddenSize, intermediateSize, numLayers, numHeads, numKvHeads, headDim,
                vocabSize, contextLength, rmsNormEps, ropeTheta, ropeScaling, style, tieWordEmbeddings, attentionBias,
                qkNorm, bosTokenId, eosTokenIds);
    }

    /**
     * Llama 3's rope_scaling {"rope_type": "llama3", factor, low_freq_factor, high_freq_factor,
     * original_max_position_embeddings}.
     */
    public record RopeScaling(float factor, float lowFreqFactor, float highFreqFactor, int originalContextLength) {
    }

    /**
     * Which elements RoPE rotates together. Hugging Face checkpoints rotate halves (x[i], x[i + d/2]);
     * llama2.c checkpoints, and GGUF files of the llama architecture, rotate adjacent pairs (x[2i], x[2i+1])
     * because their converters permute the rows of wq and wk.
     */
    public enum RopeStyle { HALVES, PAIRS }
}
