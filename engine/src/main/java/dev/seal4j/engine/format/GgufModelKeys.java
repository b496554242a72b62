package dev.seal4j.engine.format;

/** The metadata keys of a GGUF model's architecture {@code arch}, as llama.cpp names them; read by {@link GgufModel}, written by {@link GgufExport}. */
record GgufModelKeys(String arch) {
    static final String ARCHITECTURE = "general.architecture";
    static final String NAME = "general.name";

    String contextLength() {
        return arch + ".context_length";
    }

    String embeddingLength() {
        return arch + ".embedding_length";
    }

    String blockCount() {
        return arch + ".block_count";
    }

    String feedForwardLength() {
        return arch + ".feed_forward_length";
    }

    String headCount() {
        return arch + ".attention.head_count";
    }

    String headCountKv() {
        return arch + ".attention.head_count_kv";
    }

    String keyLength() {
        return arch + ".attention.key_length";
    }

    String valueLength() {
        return arch + ".attention.value_length";
    }

    String rmsEpsilon() {
        return arch + ".attention.layer_norm_rms_epsilon";
    }

    String ropeFreqBase() {
        return arch + ".rope.freq_base";
    }

    String ropeDimensionCount() {
        return arch + ".rope.dimension_count";
    }

    String ropeScalingType() {
        return arch + ".rope.scaling.type";
    }

    String ropeScaleLinear() {
        return arch + ".rope.scale_linear";
    }

    String vocabSize() {
        return arch + ".vocab_size";
    }
}
