package dev.seal4j.engine.tokenizer;

/** The GGUF metadata keys of a tokenizer, as llama.cpp names them; read by {@link GgufTokenizerFactory}, written by {@link GgufTokenizerWriter}. */
public final class GgufTokenizerKeys {
    public static final String MODEL = "tokenizer.ggml.model";
    public static final String PRE = "tokenizer.ggml.pre";
    public static final String TOKENS = "tokenizer.ggml.tokens";
    public static final String TOKEN_TYPE = "tokenizer.ggml.token_type";
    public static final String SCORES = "tokenizer.ggml.scores";
    public static final String MERGES = "tokenizer.ggml.merges";
    public static final String BOS_ID = "tokenizer.ggml.bos_token_id";
    public static final String UNKNOWN_ID = "tokenizer.ggml.unknown_token_id";
    /** EOS, end of turn, end of message: each ends a generation. */
    public static final java.util.List<String> EOS_IDS =
            java.util.List.of("tokenizer.ggml.eos_token_id", "tokenizer.ggml.eot_token_id", "tokenizer.ggml.eom_token_id");
    public static final String ADD_BOS = "tokenizer.ggml.add_bos_token";
    public static final String ADD_EOS = "tokenizer.ggml.add_eos_token";
    public static final String ADD_SPACE_PREFIX = "tokenizer.ggml.add_space_prefix";
    /** The default chat template; a named one is CHAT_TEMPLATE + "." + name. */
    public static final String CHAT_TEMPLATE = "tokenizer.chat_template";

    /** tokenizer.ggml.model of byte-level BPE and of SentencePiece BPE. */
    public static final String BYTE_LEVEL_BPE = "gpt2";
    public static final String SENTENCE_PIECE = "llama";

    private GgufTokenizerKeys() {
    }
}
