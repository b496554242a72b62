package dev.seal4j.engine.format;

import dev.seal4j.engine.model.Checkpoint;
import dev.seal4j.engine.model.ModelConfig;
import dev.seal4j.engine.model.ModelConfig.RopeScaling;
import dev.seal4j.engine.model.ModelConfig.RopeStyle;
import dev.seal4j.engine.model.WeightTable;
import dev.seal4j.engine.model.WeightTable.Global;
import dev.seal4j.engine.model.WeightTable.Layer;
import dev.seal4j.engine.tensor.Tensor;
import dev.seal4j.engine.tokenizer.GgufTokenizerKeys;

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

    /** Llama 3 RoPE scaling, as one divisor per rotated pair (see {@link Llama3RopeFactors}). */
    static final String ROPE_FREQS = "rope_freqs.weight";

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
        String arch = m.string(GgufModelKeys.ARCHITECTURE);
        String architecture = ARCHITECTURES.get(arch);
        if (architecture == null) {
            throw BadInput.inFile(gguf.file(), GgufModelKeys.ARCHITECTURE + " '" + arch + "' is not supported (supported: "
                    + String.join(", ", ARCHITECTURES.keySet().stream().sorted().toList()) + ")");
        }
        GgufModelKeys k = new GgufModelKeys(arch);
        Map<String, Tensor> t = gguf.tensors();
        Tensor embedding = t.get(Global.EMBED.ggufName);
        if (embedding == null || embedding.rank() != 2) {
            throw BadInput.inFile(gguf.file(), "missing tensor '" + Global.EMBED.ggufName + "' (vocab, hidden)");
        }
        int hidden = m.integer(k.embeddingLength());
        int heads = m.integer(k.headCount());
        int headDim = m.has(k.keyLength()) ? m.integer(k.keyLength()) : heads > 0 ? hidden / heads : 0;
        if (m.has(k.ropeDimensionCount()) && m.integer(k.ropeDimensionCount()) != headDim) {
            throw BadInput.inFile(gguf.file(), k.ropeDimensionCount() + " is " + m.integer(k.ropeDimensionCount())
                    + " but heads are " + headDim + " wide; partial rotary embeddings are not supported");
        }
        float theta = m.has(k.ropeFreqBase()) ? m.number(k.ropeFreqBase()) : 10000f;
        RopeScaling scaling = ropeScaling(gguf, m, k, theta, headDim);
        List<Integer> eos = new ArrayList<>();
        for (String key : GgufTokenizerKeys.EOS_IDS) {
            if (m.has(key) && !eos.contains(m.integer(key))) {
                eos.add(m.integer(key));
            }
        }
        try {
            return new ModelConfig(architecture, hidden, m.integer(k.feedForwardLength()), m.integer(k.blockCount()), heads,
                    m.has(k.headCountKv()) ? m.integer(k.headCountKv()) : heads,
                    headDim, Math.toIntExact(embedding.dim(0)), m.integer(k.contextLength()),
                    m.number(k.rmsEpsilon()), theta, scaling, ropeStyle(arch),
                    !t.containsKey(Global.LM_HEAD.ggufName),
                    arch.equals("qwen2") || t.containsKey(Layer.Q_BIAS.ggufName(0)),
                    arch.equals("qwen3"),
                    m.has(GgufTokenizerKeys.BOS_ID) ? m.integer(GgufTokenizerKeys.BOS_ID) : -1, eos);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw BadInput.inFile(gguf.file(), e.getMessage());
        }
    }

    /**
     * How a GGUF architecture's q/k rows are ordered: llama.cpp's converter permutes those of llama and mistral
     * for RoPE on adjacent pairs, and keeps Qwen's, which rotate halves.
     */
    static RopeStyle ropeStyle(String arch) {
        return arch.startsWith("qwen") ? RopeStyle.HALVES : RopeStyle.PAIRS;
    }

    private static RopeScaling ropeScaling(Gguf gguf, Metadata m, GgufModelKeys k, float theta, int headDim) {
        String type = m.has(k.ropeScalingType()) ? m.string(k.ropeScalingType()) : "none";
        if (!type.equals("none")) {
            throw BadInput.inFile(gguf.file(), k.ropeScalingType() + " '" + type
                    + "' is not supported (supported: none, and Llama 3 scaling via " + ROPE_FREQS + ")");
        }
        if (m.has(k.ropeScaleLinear()) && m.number(k.ropeScaleLinear()) != 1f) {
            throw BadInput.inFile(gguf.file(), k.ropeScaleLinear() + " " + m.number(k.ropeScaleLinear()) + " is not supported");
        }
        Tensor freqs = gguf.tensors().get(ROPE_FREQS);
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
