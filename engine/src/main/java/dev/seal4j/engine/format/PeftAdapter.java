package dev.seal4j.engine.format;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seal4j.engine.BadInputException;
import dev.seal4j.engine.JsonProblem;
import dev.seal4j.engine.model.LoraAdapter;
import dev.seal4j.engine.model.LoraConfig;
import dev.seal4j.engine.model.LoraTarget;
import dev.seal4j.engine.model.ModelWeights;
import dev.seal4j.engine.tensor.DType;
import dev.seal4j.engine.tensor.F32Tensor;
import dev.seal4j.engine.tensor.Tensor;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * LoRA adapters in Hugging Face PEFT's directory format: adapter_config.json (peft_type "LORA", r,
 * lora_alpha, lora_dropout, target_modules, ...) and adapter_model.safetensors with keys like
 * {@code base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight} (A: [r, in], B: [out, r]).
 */
public final class PeftAdapter {
    public static final String CONFIG = "adapter_config.json";
    public static final String WEIGHTS = "adapter_model.safetensors";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern KEY = Pattern.compile(
            "base_model\\.model\\.model\\.layers\\.(\\d+)\\.(self_attn|mlp)\\.([a-z_]+)\\.lora_([AB])(?:\\.default)?\\.weight");

    private PeftAdapter() {
    }

    /** Reads only adapter_config.json. */
    public static LoraConfig readConfig(Path dir) {
        Path file = dir.resolve(CONFIG);
        if (!Files.isRegularFile(file)) {
            throw BadInputException.inFile(dir, "not a PEFT adapter directory (no " + CONFIG + ")");
        }
        JsonNode c;
        try {
            c = JSON.readTree(file.toFile());
        } catch (JacksonException e) {
            throw BadInputException.inFile(file, JsonProblem.describe(e));
        } catch (IOException e) {
            throw BadInputException.inFile(file, "cannot read: " + e.getMessage());
        }
        if (c == null || !c.isObject()) {
            throw BadInputException.inFile(file, "must hold a JSON object");
        }
        String type = c.path("peft_type").asText("");
        if (!type.equals("LORA")) {
            throw BadInputException.inFile(file, "peft_type is '" + type + "'; only LORA adapters are supported");
        }
        if (!c.path("r").canConvertToInt() || !c.path("lora_alpha").isNumber()) {
            throw BadInputException.inFile(file, "fields 'r' and 'lora_alpha' must be numbers");
        }
        if (c.path("use_rslora").asBoolean(false) || c.path("use_dora").asBoolean(false)
                || c.path("fan_in_fan_out").asBoolean(false)) {
            throw BadInputException.inFile(file, "rsLoRA, DoRA and fan_in_fan_out adapters are not supported");
        }
        if (!c.path("bias").asText("none").equals("none")) {
            throw BadInputException.inFile(file, "bias '" + c.path("bias").asText() + "' is not supported (only \"none\")");
        }
        Set<LoraTarget> targets = EnumSet.noneOf(LoraTarget.class);
        JsonNode tm = c.path("target_modules");
        if (tm.isTextual()) {
            throw BadInputException.inFile(file, "target_modules as a regular expression is not supported; list the modules");
        }
        for (JsonNode t : tm) {
            try {
                targets.add(LoraTarget.parse(t.asText()));
            } catch (BadInputException e) {
                throw BadInputException.inFile(file, e.getMessage());
            }
        }
        try {
            return new LoraConfig(c.get("r").asInt(), (float) c.get("lora_alpha").asDouble(),
                    (float) c.path("lora_dropout").asDouble(0), targets);
        } catch (BadInputException e) {
            throw BadInputException.inFile(file, e.getMessage());
        }
    }

    /**
     * Reads an adapter for a model. The matrices are copied into fp32 memory of {@code arena} (they are
     * small and may be trained further); every shape is checked against the base weights.
     */
    public static LoraAdapter read(Path dir, ModelWeights base, Arena arena) {
        LoraConfig config = readConfig(dir);
        Path file = dir.resolve(WEIGHTS);
        if (!Files.isRegularFile(file)) {
            throw BadInputException.inFile(dir, "missing " + WEIGHTS);
        }
        int layers = base.layers().size();
        F32Tensor[][] a = new F32Tensor[layers][LoraTarget.values().length];
        F32Tensor[][] b = new F32Tensor[layers][LoraTarget.values().length];
        try (Arena fileArena = Arena.ofConfined()) {
            Safetensors st = Safetensors.read(file, fileArena);
            for (Map.Entry<String, Tensor> e : st.tensors().entrySet()) {
                Matcher m = KEY.matcher(e.getKey());
                if (!m.matches()) {
                    throw BadInputException.inFile(file, "unexpected tensor '" + e.getKey() + "' (not a LoRA A/B weight of a decoder layer)");
                }
                int layer = Integer.parseInt(m.group(1));
                LoraTarget target = LoraTarget.parse(m.group(3));
                if (layer >= layers || !target.module().equals(m.group(2))) {
                    throw BadInputException.inFile(file, "tensor '" + e.getKey() + "' does not fit a model with " + layers + " layers");
                }
                if (!config.targets().contains(target)) {
                    throw BadInputException.inFile(file, "tensor '" + e.getKey() + "' adapts " + target.peftName()
                            + ", which target_modules does not list");
                }
                Tensor t = e.getValue();
                F32Tensor copy = Tensor.allocateF32(arena, t.shape());
                float[] values = t.toFloatArray();
                copy.copyFrom(values, 0, 0, values.length);
                (m.group(4).equals("A") ? a : b)[layer][target.ordinal()] = copy;
            }
        }
        for (int l = 0; l < layers; l++) {
            for (LoraTarget t : config.targets()) {
                if (a[l][t.ordinal()] == null || b[l][t.ordinal()] == null) {
                    throw BadInputException.inFile(file, "missing lora_A/lora_B for layer " + l + " " + t.peftName());
                }
            }
        }
        try {
            return LoraAdapter.of(config, base, a, b);
        } catch (BadInputException e) {
            throw BadInputException.inFile(dir, e.getMessage() + " (the adapter does not fit this model)");
        }
    }

    /**
     * Writes an adapter directory atomically (a temporary sibling, then rename); an existing non-empty
     * {@code dir} is never overwritten.
     */
    public static void write(Path dir, LoraAdapter adapter, String baseModelNameOrPath) {
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        for (LoraAdapter.Matrix m : adapter.matrices()) {
            tensors.put(m.peftKey(), TensorData.of(m.value(), DType.F32));
        }
        byte[] config = configJson(adapter.config(), baseModelNameOrPath);
        AtomicFiles.writeDirectory(dir, tmp -> {
            Safetensors.write(tmp.resolve(WEIGHTS), tensors, Map.of("format", "pt"));
            AtomicFiles.write(tmp.resolve(CONFIG), config);
        });
    }

    private static byte[] configJson(LoraConfig c, String base) {
        ObjectNode o = JSON.createObjectNode();
        o.set("alpha_pattern", JSON.createObjectNode());
        o.put("auto_mapping", (String) null);
        o.put("base_model_name_or_path", base);
        o.put("bias", "none");
        o.put("fan_in_fan_out", false);
        o.put("inference_mode", true);
        o.put("init_lora_weights", true);
        o.put("layers_pattern", (String) null);
        o.put("layers_to_transform", (String) null);
        o.put("lora_alpha", c.alpha());
        o.put("lora_dropout", c.dropout());
        o.set("modules_to_save", null);
        o.put("peft_type", "LORA");
        o.put("r", c.rank());
        o.set("rank_pattern", JSON.createObjectNode());
        o.put("revision", (String) null);
        ArrayNode targets = o.putArray("target_modules");
        new TreeSet<>(c.targets().stream().map(LoraTarget::peftName).toList()).forEach(targets::add);
        o.put("task_type", "CAUSAL_LM");
        o.put("use_dora", false);
        o.put("use_rslora", false);
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(o);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
