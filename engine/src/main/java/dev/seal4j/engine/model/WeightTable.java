package dev.seal4j.engine.model;

import java.util.Arrays;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The one table of a model's weights: each weight's Hugging Face name, its llama.cpp (GGUF) name, its shape
 * as a function of the {@link ModelConfig}, and when a model has it. Everything that names or shapes weights
 * iterates this table — loading ({@link ModelWeights#from}), the checks of an opened file, writing Hugging
 * Face and GGUF files, the trainable parameters of full fine-tuning, the llama2.c reader and the GGUF name
 * mapping — so a new weight is added here once.
 *
 * <p>Shapes are row-major (out, in) for matrices, PyTorch's convention; C = hidden size, I = intermediate
 * size, H·D = all query heads, KVH·D = all key/value heads, D = head width, V = vocabulary.
 */
public final class WeightTable {
    private WeightTable() {
    }

    /** What a weight is: how it is stored, initialised and regularised. */
    public enum Kind {
        /** A matrix kept in the file's dtype (possibly quantized); weight decay applies. */
        MATRIX,
        /** An RMSNorm weight, kept as floats; initialised to ones. */
        NORM,
        /** A bias, kept as floats; initialised to zeros. */
        BIAS
    }

    /** When a model has a weight. */
    public enum When {
        ALWAYS,
        /** q/k/v projection biases: Qwen2, or attention_bias. */
        ATTENTION_BIAS,
        /** Per-head RMSNorm on q and k: Qwen3. */
        QK_NORM,
        /** An LM head of its own, not the embedding. */
        UNTIED_HEAD,
        /**
         * Never required, used when the file has it: the o_proj bias that transformers gives Llama and Qwen3
         * whenever attention_bias is set (Qwen2 has q/k/v biases but none on o_proj).
         */
        IF_PRESENT;

        /** Whether a model with config {@code c} must have the weight. */
        public boolean required(ModelConfig c) {
            return switch (this) {
                case ALWAYS -> true;
                case ATTENTION_BIAS -> c.attentionBias();
                case QK_NORM -> c.qkNorm();
                case UNTIED_HEAD -> !c.tieWordEmbeddings();
                case IF_PRESENT -> false;
            };
        }
    }

    /** The weights outside the decoder layers. */
    public enum Global {
        /** (V, C). */
        EMBED("model.embed_tokens.weight", "token_embd.weight", Kind.MATRIX, When.ALWAYS, c -> dims(c.vocabSize(), c.hiddenSize())),
        /** (C). */
        FINAL_NORM("model.norm.weight", "output_norm.weight", Kind.NORM, When.ALWAYS, c -> dims(c.hiddenSize())),
        /** (V, C); the embedding itself when tied. */
        LM_HEAD("lm_head.weight", "output.weight", Kind.MATRIX, When.UNTIED_HEAD, c -> dims(c.vocabSize(), c.hiddenSize()));

        public final String hfName;
        public final String ggufName;
        public final Kind kind;
        public final When when;
        private final Function<ModelConfig, long[]> shape;

        Global(String hfName, String ggufName, Kind kind, When when, Function<ModelConfig, long[]> shape) {
            this.hfName = hfName;
            this.ggufName = ggufName;
            this.kind = kind;
            this.when = when;
            this.shape = shape;
        }

        public long[] shape(ModelConfig c) {
            return shape.apply(c);
        }
    }

    /** The weights of one decoder layer, in the order of {@link LayerWeights}' components. */
    public enum Layer {
        // constant   Hugging Face suffix                 GGUF suffix           kind         when                 RoPE rows
        /** (C) RMSNorm before attention. */
        ATTN_NORM(   "input_layernorm.weight",           "attn_norm.weight",   Kind.NORM,   When.ALWAYS,         false,
                c -> dims(c.hiddenSize())),
        /** (H·D, C). */
        Q_PROJ(      "self_attn.q_proj.weight",          "attn_q.weight",      Kind.MATRIX, When.ALWAYS,         true,
                c -> dims(c.qDim(), c.hiddenSize())),
        /** (KVH·D, C). */
        K_PROJ(      "self_attn.k_proj.weight",          "attn_k.weight",      Kind.MATRIX, When.ALWAYS,         true,
                c -> dims(c.kvDim(), c.hiddenSize())),
        /** (KVH·D, C). */
        V_PROJ(      "self_attn.v_proj.weight",          "attn_v.weight",      Kind.MATRIX, When.ALWAYS,         false,
                c -> dims(c.kvDim(), c.hiddenSize())),
        /** (C, H·D). */
        O_PROJ(      "self_attn.o_proj.weight",          "attn_output.weight", Kind.MATRIX, When.ALWAYS,         false,
                c -> dims(c.hiddenSize(), c.qDim())),
        /** (H·D). */
        Q_BIAS(      "self_attn.q_proj.bias",            "attn_q.bias",        Kind.BIAS,   When.ATTENTION_BIAS, true,
                c -> dims(c.qDim())),
        /** (KVH·D). */
        K_BIAS(      "self_attn.k_proj.bias",            "attn_k.bias",        Kind.BIAS,   When.ATTENTION_BIAS, true,
                c -> dims(c.kvDim())),
        /** (KVH·D). */
        V_BIAS(      "self_attn.v_proj.bias",            "attn_v.bias",        Kind.BIAS,   When.ATTENTION_BIAS, false,
                c -> dims(c.kvDim())),
        /** (C). */
        O_BIAS(      "self_attn.o_proj.bias",            "attn_output.bias",   Kind.BIAS,   When.IF_PRESENT,     false,
                c -> dims(c.hiddenSize())),
        /** (D), shared by every query head. */
        Q_NORM(      "self_attn.q_norm.weight",          "attn_q_norm.weight", Kind.NORM,   When.QK_NORM,        true,
                c -> dims(c.headDim())),
        /** (D), shared by every key head. */
        K_NORM(      "self_attn.k_norm.weight",          "attn_k_norm.weight", Kind.NORM,   When.QK_NORM,        true,
                c -> dims(c.headDim())),
        /** (C) RMSNorm before the MLP. */
        MLP_NORM(    "post_attention_layernorm.weight",  "ffn_norm.weight",    Kind.NORM,   When.ALWAYS,         false,
                c -> dims(c.hiddenSize())),
        /** (I, C). */
        GATE_PROJ(   "mlp.gate_proj.weight",             "ffn_gate.weight",    Kind.MATRIX, When.ALWAYS,         false,
                c -> dims(c.intermediateSize(), c.hiddenSize())),
        /** (I, C). */
        UP_PROJ(     "mlp.up_proj.weight",               "ffn_up.weight",      Kind.MATRIX, When.ALWAYS,         false,
                c -> dims(c.intermediateSize(), c.hiddenSize())),
        /** (C, I). */
        DOWN_PROJ(   "mlp.down_proj.weight",             "ffn_down.weight",    Kind.MATRIX, When.ALWAYS,         false,
                c -> dims(c.hiddenSize(), c.intermediateSize()));

        private static final Pattern HF_NAME = Pattern.compile("model\\.layers\\.(\\d+)\\.(.+)");
        private static final Pattern GGUF_NAME = Pattern.compile("blk\\.(\\d+)\\.(.+)");
        private static final Map<String, Layer> BY_HF_SUFFIX =
                Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(p -> p.hfSuffix, p -> p));
        private static final Map<String, Layer> BY_GGUF_SUFFIX =
                Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(p -> p.ggufSuffix, p -> p));

        /** "self_attn.q_proj.weight": the name within a layer. */
        public final String hfSuffix;
        /** "attn_q.weight". */
        public final String ggufSuffix;
        public final Kind kind;
        public final When when;
        /**
         * Its rows are in RoPE's order within each head (q and k projections, their biases and norms): a file
         * that rotates adjacent pairs instead of halves stores them permuted.
         */
        public final boolean ropeRows;
        private final Function<ModelConfig, long[]> shape;

        Layer(String hfSuffix, String ggufSuffix, Kind kind, When when, boolean ropeRows,
              Function<ModelConfig, long[]> shape) {
            this.hfSuffix = hfSuffix;
            this.ggufSuffix = ggufSuffix;
            this.kind = kind;
            this.when = when;
            this.ropeRows = ropeRows;
            this.shape = shape;
        }

        public long[] shape(ModelConfig c) {
            return shape.apply(c);
        }

        /** "model.layers.3.self_attn.q_proj.weight". */
        public String hfName(int layer) {
            return hfName(Integer.toString(layer));
        }

        private String hfName(String layer) {
            return "model.layers." + layer + "." + hfSuffix;
        }

        /** "blk.3.attn_q.weight". */
        public String ggufName(int layer) {
            return "blk." + layer + "." + ggufSuffix;
        }

        /** The entry of a Hugging Face layer tensor name ("model.layers.3.self_attn.q_proj.weight"), or null. */
        public static Layer ofHfName(String name) {
            Matcher m = HF_NAME.matcher(name);
            return m.matches() ? BY_HF_SUFFIX.get(m.group(2)) : null;
        }

        /** "model.layers.3.self_attn.q_proj": the module a PEFT key or a LoRA target names. */
        public String modulePath(int layer) {
            return hfName(layer).substring(0, hfName(layer).lastIndexOf('.'));
        }
    }

    /** Hands the name and shape of every weight {@code c} requires to {@code out}: embedding, layers, final norm, head. */
    public static void forEachRequired(ModelConfig c, BiConsumer<String, long[]> out) {
        out.accept(Global.EMBED.hfName, Global.EMBED.shape(c));
        for (int l = 0; l < c.numLayers(); l++) {
            for (Layer p : Layer.values()) {
                if (p.when.required(c)) {
                    out.accept(p.hfName(l), p.shape(c));
                }
            }
        }
        for (Global g : new Global[] {Global.FINAL_NORM, Global.LM_HEAD}) {
            if (g.when.required(c)) {
                out.accept(g.hfName, g.shape(c));
            }
        }
    }

    /** The Hugging Face name of a GGUF tensor name, or null when the table has no such weight. */
    public static String hfNameOfGguf(String ggufName) {
        for (Global g : Global.values()) {
            if (g.ggufName.equals(ggufName)) {
                return g.hfName;
            }
        }
        Matcher m = Layer.GGUF_NAME.matcher(ggufName);
        Layer p = m.matches() ? Layer.BY_GGUF_SUFFIX.get(m.group(2)) : null;
        return p == null ? null : p.hfName(m.group(1));
    }

    private static long[] dims(long... dims) {
        return dims;
    }
}
