package dev.seal4j.engine.format;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seal4j.engine.BadInputException;
import dev.seal4j.engine.JsonProblem;
import dev.seal4j.engine.model.ModelConfig;
import dev.seal4j.engine.model.ModelConfig.RopeScaling;
import dev.seal4j.engine.model.ModelConfig.RopeStyle;
import dev.seal4j.engine.tensor.DType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * config.json of a Hugging Face model directory ↔ {@link ModelConfig}. Missing optional fields take the
 * defaults of the architecture's transformers config class (LlamaConfig, MistralConfig, Qwen2Config,
 * Qwen3Config). Both the transformers 4 layout (rope_theta, rope_scaling) and the transformers 5 layout
 * (rope_parameters) are read. Mistral's sliding_window is accepted but not applied: attention is always full.
 */
public final class HfConfig {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Map<String, String> ARCHITECTURE_BY_MODEL_TYPE = Map.of(
            "llama", "LlamaForCausalLM", "mistral", "MistralForCausalLM",
            "qwen2", "Qwen2ForCausalLM", "qwen3", "Qwen3ForCausalLM");
    private static final Map<String, String> MODEL_TYPE_BY_ARCHITECTURE = Map.of(
            "LlamaForCausalLM", "llama", "MistralForCausalLM", "mistral",
            "Qwen2ForCausalLM", "qwen2", "Qwen3ForCausalLM", "qwen3");
    private static final String SUPPORTED = String.join(", ", ModelConfig.SUPPORTED_ARCHITECTURES);
    /** hidden_act values of the supported architectures: SiLU is also known as swish. */
    private static final Set<String> SWIGLU_ACTIVATIONS = Set.of("silu", "swish");

    private HfConfig() {
    }

    /** Reads {@code dir/config.json}, and the eos ids of {@code dir/generation_config.json} when present. */
    public static ModelConfig read(Path dir) {
        Path configFile = dir.resolve("config.json");
        JsonNode config = readJson(configFile);
        Path generationFile = dir.resolve("generation_config.json");
        JsonNode generation = Files.exists(generationFile) ? readJson(generationFile) : null;
        return parse(configFile, config, generation);
    }

    static JsonNode readJson(Path file) {
        try {
            JsonNode node = JSON.readTree(Files.readAllBytes(file));
            if (node == null || !node.isObject()) {
                throw BadInput.inFile(file, "must hold a JSON object");
            }
            return node;
        } catch (NoSuchFileException e) {
            throw BadInput.inFile(file, "no such file");
        } catch (JacksonException e) {
            throw BadInput.inFile(file, JsonProblem.describe(e));
        } catch (IOException e) {
            throw BadInput.inFile(file, "cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * The model described by a parsed config.json ({@code file} names it in errors); {@code generation} is
     * generation_config.json or null.
     */
    public static ModelConfig parse(Path file, JsonNode config, JsonNode generation) {
        Fields f = new Fields(file, config);
        String architecture = architecture(f);
        String type = MODEL_TYPE_BY_ARCHITECTURE.get(architecture);
        boolean qwen = type.startsWith("qwen");
        int hidden = f.requiredInt("hidden_size");
        int heads = f.requiredInt("num_attention_heads");
        if (heads <= 0 || hidden % heads != 0 && !f.has("head_dim")) {
            throw f.error("num_attention_heads", "must be a positive divisor of hidden_size (" + hidden + ")");
        }
        int headDim = f.optionalInt("head_dim", type.equals("qwen3") ? 128 : hidden / heads);
        JsonNode ropeParameters = f.has("rope_parameters") ? f.object("rope_parameters") : null;
        double ropeTheta = f.has("rope_theta") ? f.positiveDouble("rope_theta")
                : ropeParameters != null && ropeParameters.has("rope_theta")
                        ? new Fields(file, ropeParameters, "rope_parameters.").positiveDouble("rope_theta") : 10000;
        String activation = f.optionalString("hidden_act", "silu");
        if (!SWIGLU_ACTIVATIONS.contains(activation)) {
            throw f.error("hidden_act", "'" + activation + "' is not supported: these architectures use SwiGLU with silu");
        }
        // an explicit null means "none"; an absent field takes the config class's default
        int bos = f.node.has("bos_token_id") ? f.optionalInt("bos_token_id", -1) : qwen ? -1 : 1;
        Set<Integer> eos = new LinkedHashSet<>();
        if (generation != null) {
            eos.addAll(new Fields(file.resolveSibling("generation_config.json"), generation).intList("eos_token_id"));
        }
        eos.addAll(f.node.has("eos_token_id") || qwen ? f.intList("eos_token_id") : List.of(2));
        try {
            return new ModelConfig(architecture, hidden, f.requiredInt("intermediate_size"),
                    f.requiredInt("num_hidden_layers"), heads, f.optionalInt("num_key_value_heads", heads), headDim,
                    f.requiredInt("vocab_size"),
                    f.optionalInt("max_position_embeddings", switch (type) {
                        case "llama" -> 2048;
                        case "mistral" -> 4096 * 32;
                        default -> 32768;
                    }),
                    (float) (f.has("rms_norm_eps") ? f.positiveDouble("rms_norm_eps") : 1e-6), (float) ropeTheta, ropeScaling(f, ropeParameters),
                    RopeStyle.HALVES, f.optionalBoolean("tie_word_embeddings", false),
                    switch (type) {
                        case "qwen2" -> true;
                        case "mistral" -> false;
                        default -> f.optionalBoolean("attention_bias", false);
                    },
                    type.equals("qwen3"), bos, new ArrayList<>(eos));
        } catch (IllegalArgumentException e) {
            throw BadInput.inFile(file, e.getMessage());
        }
    }

    private static String architecture(Fields f) {
        if (f.has("architectures")) {
            JsonNode list = f.node.get("architectures");
            if (!list.isArray() || list.isEmpty() || !list.get(0).isTextual()) {
                throw f.error("architectures", "must be a non-empty list of names");
            }
            String name = list.get(0).textValue();
            if (!MODEL_TYPE_BY_ARCHITECTURE.containsKey(name)) {
                throw f.error("architectures", "'" + name + "' is not supported (supported: " + SUPPORTED + ")");
            }
            return name;
        }
        String type = f.optionalString("model_type", null);
        if (type == null) {
            throw f.error("architectures", "is missing and so is model_type; cannot tell the architecture");
        }
        String name = ARCHITECTURE_BY_MODEL_TYPE.get(type);
        if (name == null) {
            throw f.error("model_type", "'" + type + "' is not supported (supported: "
                    + String.join(", ", ARCHITECTURE_BY_MODEL_TYPE.keySet().stream().sorted().toList()) + ")");
        }
        return name;
    }

    /** rope_scaling (transformers 4) or rope_parameters (transformers 5); only "llama3" scaling is supported. */
    private static RopeScaling ropeScaling(Fields f, JsonNode ropeParameters) {
        JsonNode node = f.has("rope_scaling") ? f.object("rope_scaling") : ropeParameters;
        if (node == null) {
            return null;
        }
        String prefix = node == ropeParameters ? "rope_parameters." : "rope_scaling.";
        Fields s = new Fields(f.file, node, prefix);
        String type = s.optionalString("rope_type", s.optionalString("type", "default"));
        return switch (type) {
            case "default" -> null;
            case "llama3" -> {
                float factor = (float) s.positiveDouble("factor");
                float low = (float) s.positiveDouble("low_freq_factor");
                float high = (float) s.positiveDouble("high_freq_factor");
                int original = s.requiredInt("original_max_position_embeddings");
                if (factor < 1) {
                    throw s.error("factor", "must be at least 1, got " + factor);
                }
                if (!(high > low)) {
                    throw s.error("high_freq_factor", "must be larger than low_freq_factor (" + low + "), got " + high);
                }
                if (original <= 0) {
                    throw s.error("original_max_position_embeddings", "must be positive, got " + original);
                }
                yield new RopeScaling(factor, low, high, original);
            }
            default -> throw s.error("rope_type", "'" + type + "' is not supported (supported: default, llama3)");
        };
    }

    /**
     * config.json for {@code config}, as transformers writes it, with weights stored as {@code dtype}.
     * Hugging Face models rotate halves, so the config must be in {@link RopeStyle#HALVES} (convert first).
     */
    public static ObjectNode toJson(ModelConfig config, DType dtype) {
        if (config.ropeStyle() != RopeStyle.HALVES) {
            throw new IllegalArgumentException("Hugging Face models rotate halves; permute q/k rows first (HfConverter)");
        }
        String type = MODEL_TYPE_BY_ARCHITECTURE.get(config.architecture());
        if (type.equals("qwen2") && !config.attentionBias() || type.equals("mistral") && config.attentionBias()) {
            throw new IllegalArgumentException(config.architecture() + " cannot have attentionBias=" + config.attentionBias());
        }
        if (type.equals("qwen3") != config.qkNorm()) {
            throw new IllegalArgumentException(config.architecture() + " cannot have qkNorm=" + config.qkNorm());
        }
        ObjectNode o = JSON.createObjectNode();
        o.putArray("architectures").add(config.architecture());
        o.put("model_type", type);
        o.put("hidden_size", config.hiddenSize());
        o.put("intermediate_size", config.intermediateSize());
        o.put("num_hidden_layers", config.numLayers());
        o.put("num_attention_heads", config.numHeads());
        o.put("num_key_value_heads", config.numKvHeads());
        o.put("head_dim", config.headDim());
        o.put("vocab_size", config.vocabSize());
        o.put("max_position_embeddings", config.contextLength());
        o.put("rms_norm_eps", exact(config.rmsNormEps()));
        o.put("rope_theta", exact(config.ropeTheta()));
        RopeScaling rs = config.ropeScaling();
        if (rs == null) {
            o.putNull("rope_scaling");
        } else {
            ObjectNode s = o.putObject("rope_scaling");
            s.put("rope_type", "llama3");
            s.put("factor", exact(rs.factor()));
            s.put("low_freq_factor", exact(rs.lowFreqFactor()));
            s.put("high_freq_factor", exact(rs.highFreqFactor()));
            s.put("original_max_position_embeddings", rs.originalContextLength());
        }
        o.put("tie_word_embeddings", config.tieWordEmbeddings());
        if (type.equals("llama") || type.equals("qwen3")) {
            o.put("attention_bias", config.attentionBias());
        }
        if (!type.equals("llama")) {
            o.putNull("sliding_window");
        }
        o.put("hidden_act", "silu");
        if (config.bosTokenId() >= 0) {
            o.put("bos_token_id", config.bosTokenId());
        } else {
            o.putNull("bos_token_id");
        }
        List<Integer> eos = config.eosTokenIds();
        if (eos.size() == 1) {
            o.put("eos_token_id", eos.getFirst());
        } else {
            eos.forEach(o.putArray("eos_token_id")::add);
        }
        o.put("torch_dtype", switch (dtype) {
            case F32 -> "float32";
            case F16 -> "float16";
            case BF16 -> "bfloat16";
            default -> throw new IllegalArgumentException("Hugging Face weights cannot be " + dtype);
        });
        return o;
    }

    /** JSON text of {@link #toJson}. */
    static byte[] toJsonBytes(ModelConfig config, DType dtype) {
        try {
            return JSON.writeValueAsBytes(toJson(config, dtype));
        } catch (JacksonException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The double whose shortest decimal form is the float's, so 1e-5f is written as 1.0E-5. */
    private static double exact(float f) {
        return Double.parseDouble(Float.toString(f));
    }

    /** Typed access to the fields of one JSON object; a wrong type is an error naming the file and field. */
    private static final class Fields {
        final Path file;
        final JsonNode node;
        final String prefix;

        Fields(Path file, JsonNode node) {
            this(file, node, "");
        }

        Fields(Path file, JsonNode node, String prefix) {
            this.file = file;
            this.node = node;
            this.prefix = prefix;
        }

        BadInputException error(String field, String problem) {
            return BadInput.inFile(file, prefix + field + " " + problem);
        }

        /** Present and not null. */
        boolean has(String field) {
            return node.hasNonNull(field);
        }

        int requiredInt(String field) {
            if (!has(field)) {
                throw error(field, "is missing");
            }
            JsonNode v = node.get(field);
            if (!v.isIntegralNumber() || !v.canConvertToInt()) {
                throw error(field, "must be an integer, got " + v);
            }
            return v.intValue();
        }

        int optionalInt(String field, int otherwise) {
            return has(field) ? requiredInt(field) : otherwise;
        }

        double requiredDouble(String field) {
            if (!has(field)) {
                throw error(field, "is missing");
            }
            JsonNode v = node.get(field);
            if (!v.isNumber() || !Double.isFinite(v.doubleValue())) {
                throw error(field, "must be a number, got " + v);
            }
            return v.doubleValue();
        }

        /** A finite number above zero that stays above zero as a float. */
        double positiveDouble(String field) {
            double v = requiredDouble(field);
            if (!(v > 0) || (float) v == 0 || Float.isInfinite((float) v)) {
                throw error(field, "must be a positive number, got " + node.get(field));
            }
            return v;
        }

        boolean optionalBoolean(String field, boolean otherwise) {
            if (!has(field)) {
                return otherwise;
            }
            JsonNode v = node.get(field);
            if (!v.isBoolean()) {
                throw error(field, "must be true or false, got " + v);
            }
            return v.booleanValue();
        }

        String optionalString(String field, String otherwise) {
            if (!has(field)) {
                return otherwise;
            }
            JsonNode v = node.get(field);
            if (!v.isTextual()) {
                throw error(field, "must be a string, got " + v);
            }
            return v.textValue();
        }

        JsonNode object(String field) {
            JsonNode v = node.get(field);
            if (!v.isObject()) {
                throw error(field, "must be an object, got " + v);
            }
            return v;
        }

        /** An int, a list of ints, or absent/null (empty). */
        List<Integer> intList(String field) {
            if (!has(field)) {
                return List.of();
            }
            JsonNode v = node.get(field);
            if (v.isIntegralNumber() && v.canConvertToInt()) {
                return List.of(v.intValue());
            }
            List<Integer> out = new ArrayList<>();
            if (v.isArray()) {
                for (JsonNode e : v) {
                    if (!e.isIntegralNumber() || !e.canConvertToInt()) {
                        throw error(field, "must be an integer or a list of integers, got " + v);
                    }
                    out.add(e.intValue());
                }
                return out;
            }
            throw error(field, "must be an integer or a list of integers, got " + v);
        }
    }
}
