package dev.seal4j.engine.format;

import dev.seal4j.engine.model.Checkpoint;
import dev.seal4j.engine.model.ModelConfig;
import dev.seal4j.engine.model.ModelConfig.RopeScaling;
import dev.seal4j.engine.model.ModelConfig.RopeStyle;
import dev.seal4j.engine.model.WeightTable;
import dev.seal4j.engine.model.WeightTable.Global;
import dev.seal4j.engine.model.WeightTable.Layer;
import dev.seal4j.engine.tensor.Tensor;

import java.lang.foreign.Arena;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A GGUF model as a {@link Checkpoint}: llama.cpp tensor names become Hugging Face names and the
 * {@code {arch}.*} metadata becomes a {@link ModelConfig}. Tensors stay in their stored types (quantized
 * ones included). The llama and mistral architectures rotate adjacent pairs ({@link RopeStyle#PAIRS}:
 * llama.cpp's converter permuted their q/k rows); qwen2 and qwen3 rotate halves. Tied embeddings are
 * recognized by the absence of output.weight.
 */
public final class GgufModel {
    /** GGUF general.architecture → Hugging Face architecture. */
    public static final Map<String, String> ARCHITECTURES = Map.of(
            "llama", "LlamaForCausalLM", "mistral", "MistralForCausalLM",
            "qwen2", "Qwen2ForCausalLM", "qwen3", "Qwen3ForCausalLM");

    private GgufModel() {
    }

    /** Maps {@code file} and reads it as a model; the checkpoint owns the mapping. */
    public static Checkpoint open(Path file) {
        Arena arena = Arena.ofShared();
        try {
            Gguf gguf = Gguf.read(file, arena);
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            gguf.tensors().forEach((name, t) -> {
                if (tensors.put(hfName(name), t) != null) {
                    throw BadInput.inFile(file, "two tensors are named '" + hfName(name) + "' after renaming");
                }
            });
            ModelConfig config = config(gguf);
            CheckpointLayout.check(file, config, tensors);
            return new Checkpoint(file, config, tensors, arena);
        } catch (RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    /** The Hugging Face name of a llama.cpp tensor name ({@link WeightTable}); names without one are kept as they are. */
    public static String hfName(String ggufName) {
        String hf = WeightTable.hfNameOfGguf(ggufName);
        return hf == null ? ggufName : hf;
    }

    /** The model described by the metadata (and, for tied embeddings and biases, the tensors) of {@code gguf}. */
    public static ModelConfig config(Gguf gguf) {
        Metadata m = new Metadata(gguf.file(), gguf.metadata());
        String arch = m.string("general.architecture");
        String architecture = ARCHITECTURES.get(arch);
        if (architecture == null) {
            throw BadInput.inFile(gguf.file(), "general.architecture '" + arch + "' is not supported (supported: "
                    + String.join(", ", ARCHITECTURES.keySet().stream().sorted().toList()) + ")");
        }
        Map<String, Tensor> t = gguf.tensors();
        Tensor embedding = t.get(Global.EMBED.ggufName);
        if (embedding == null || embedding.rank() != 2) {
            throw BadInput.inFile(gguf.file(), "missing tensor '" + Global.EMBED.ggufName + "' (vocab, hidden)");
        }
        int hidden = m.integer(arch + ".embedding_length");
        int heads = m.integer(arch + ".attention.head_count");
        int headDim = m.has(arch + ".attention.key_length") ? m.integer(arch + ".attention.key_length")
                : heads > 0 ? hidden / heads : 0;
        if (m.has(arch + ".rope.dimension_count") && m.integer(arch + ".rope.dimension_count") != headDim) {
            throw BadInput.inFile(gguf.file(), arch + ".rope.dimension_count is "
                    + m.integer(arch + ".rope.dimension_count") + " but heads are " + headDim
                    + " wide; partial rotary embeddings are not supported");
        }
        float theta = m.has(arch + ".rope.freq_base") ? m.number(arch + ".rope.freq_base") : 10000f;
        RopeScaling scaling = ropeScaling(gguf, m, arch, theta, headDim);
        List<Integer> eos = new ArrayList<>();
        for (String key : List.of("tokenizer.ggml.eos_token_id", "tokenizer.ggml.eot_token_id", "tokenizer.ggml.eom_token_id")) {
            if (m.has(key) && !eos.contains(m.integer(key))) {
                eos.add(m.integer(key));
            }
        }
        try {
            return new ModelConfig(architecture, hidden, m.integer(arch + ".feed_forward_length"),
                    m.integer(arch + ".block_count"), heads,
                    m.has(arch + ".attention.head_count_kv") ? m.integer(arch + ".attention.head_count_kv") : heads,
                    headDim, Math.toIntExact(embedding.dim(0)), m.integer(arch + ".context_length"),
                    m.number(arch + ".attention.layer_norm_rms_epsilon"), theta, scaling,
                    arch.startsWith("qwen") ? RopeStyle.HALVES : RopeStyle.PAIRS,
                    !t.containsKey(Global.LM_HEAD.ggufName),
                    arch.equals("qwen2") || t.containsKey(Layer.Q_BIAS.ggufName(0)),
                    arch.equals("qwen3"),
                    m.has("tokenizer.ggml.bos_token_id") ? m.integer("tokenizer.ggml.bos_token_id") : -1, eos);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw BadInput.inFile(gguf.file(), e.getMessage());
        }
    }

    private static RopeScaling ropeScaling(Gguf gguf, Metadata m, String arch, float theta, int headDim) {
        String typeKey = arch + ".rope.scaling.type";
        String type = m.has(typeKey) ? m.string(typeKey) : "none";
        if (!type.equals("none")) {
            throw BadInput.inFile(gguf.file(), typeKey + " '" + type
                    + "' is not supported (supported: none, and Llama 3 scaling via rope_freqs.weight)");
        }
        String linearKey = arch + ".rope.scale_linear";
        if (m.has(linearKey) && m.number(linearKey) != 1f) {
            throw BadInput.inFile(gguf.file(), linearKey + " " + m.number(linearKey) + " is not supported");
        }
        Tensor freqs = gguf.tensors().get("rope_freqs.weight");
        return freqs == null ? null : Llama3RopeFactors.infer(gguf.file(), freqs, theta, headDim);
    }

    /** Typed reads of GGUF metadata; a missing key or wrong type is an error naming the file and key. */
    private record Metadata(Path file, Map<String, Object> values) {
        boolean has(String key) {
            return values.containsKey(key);
        }

        private Object get(String key) {
            Object v = values.get(key);
            if (v == null) {
                throw BadInput.inFile(file, "metadata '" + key + "' is missing");
            }
            return v;
        }

        String string(String key) {
            if (get(key) instanceof String s) {
                return s;
            }
            throw BadInput.inFile(file, "metadata '" + key + "' must be a string");
        }

        int integer(String key) {
            Object v = get(key);
            if ((v instanceof Integer || v instanceof Long) && ((Number) v).longValue() == ((Number) v).intValue()) {
                return ((Number) v).intValue();
            }
            throw BadInput.inFile(file, "metadata '" + key + "' must be an integer that fits 32 bits, got "
                    + describe(v));
        }

        float number(String key) {
            Object v = get(key);
            if (v instanceof Number n && Float.isFinite(n.floatValue())) {
                return n.floatValue();
            }
            throw BadInput.inFile(file, "metadata '" + key + "' must be a finite number, got " + describe(v));
        }

        private static String describe(Object v) {
            return v instanceof Number ? v.toString() : "a value of type " + v.getClass().getSimpleName();
        }
    }
}
