package dev.seal4j.engine.format;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.seal4j.engine.model.Checkpoint;
import dev.seal4j.engine.model.ModelConfig;
import dev.seal4j.engine.tensor.DType;
import dev.seal4j.engine.tensor.Tensor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A Hugging Face model directory: config.json (+ generation_config.json) and the weights, either one
 * model.safetensors or shards model-0000i-of-0000n.safetensors listed by model.safetensors.index.json
 * ({@code weight_map}: tensor name → shard file). Other files (tokenizer.json, ...) are left to their readers.
 */
public final class HfModelDir {
    public static final String CONFIG = "config.json";
    public static final String SINGLE_FILE = "model.safetensors";
    public static final String INDEX = "model.safetensors.index.json";
    /** Shard size transformers uses by default. */
    public static final long DEFAULT_SHARD_BYTES = 5_000_000_000L;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private HfModelDir() {
    }

    /** Maps the weights of {@code dir} and checks them against its config; the checkpoint owns the mapping. */
    public static Checkpoint open(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw BadInput.inFile(dir, Files.exists(dir) ? "is not a directory" : "no such directory");
        }
        ModelConfig config = HfConfig.read(dir);
        Arena arena = Arena.ofShared();
        try {
            Map<String, Tensor> tensors = readTensors(dir, arena);
            CheckpointLayout.check(dir, config, tensors);
            return new Checkpoint(dir, config, tensors, arena);
        } catch (RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    private static Map<String, Tensor> readTensors(Path dir, Arena arena) {
        Path index = dir.resolve(INDEX);
        if (!Files.exists(index)) {
            Path single = dir.resolve(SINGLE_FILE);
            if (!Files.exists(single)) {
                throw BadInput.inFile(dir, "has neither " + SINGLE_FILE + " nor " + INDEX
                        + (Files.exists(dir.resolve("pytorch_model.bin")) ? " (pytorch_model.bin is not supported: save with safe_serialization)" : ""));
            }
            return Safetensors.read(single, arena).tensors();
        }
        Map<String, String> weightMap = weightMap(index);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (String shard : new LinkedHashSet<>(weightMap.values())) {
            Path file = dir.resolve(shard);
            if (!Files.exists(file)) {
                throw BadInput.inFile(index, "lists shard '" + shard + "', which does not exist");
            }
            for (var e : Safetensors.read(file, arena).tensors().entrySet()) {
                if (tensors.putIfAbsent(e.getKey(), e.getValue()) != null) {
                    throw BadInput.inFile(file, "tensor '" + e.getKey() + "' is also in another shard");
                }
            }
        }
        for (var e : weightMap.entrySet()) {
            if (!tensors.containsKey(e.getKey())) {
                throw BadInput.inFile(dir.resolve(e.getValue()), "missing tensor '" + e.getKey() + "' listed in " + INDEX);
            }
        }
        return tensors;
    }

    private static Map<String, String> weightMap(Path index) {
        JsonNode map = HfConfig.readJson(index).get("weight_map");
        if (map == null || !map.isObject()) {
            throw BadInput.inFile(index, "has no weight_map object");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (var e : map.properties()) {
            JsonNode file = e.getValue();
            if (!file.isTextual() || !file.textValue().endsWith(".safetensors") || file.textValue().contains("/")
                    || file.textValue().contains("\\") || file.textValue().startsWith(".")) {
                throw BadInput.inFile(index, "weight_map entry '" + e.getKey()
                        + "' must name a .safetensors file in the same directory, got " + file);
            }
            out.put(e.getKey(), file.textValue());
        }
        return out;
    }

    /** Writes {@code tensors} converted to {@code dtype} (F32, F16 or BF16) with {@code config} as a new model directory. */
    public static void write(Path dir, ModelConfig config, Map<String, Tensor> tensors, DType dtype) {
        Map<String, TensorData> data = new LinkedHashMap<>();
        tensors.forEach((name, t) -> data.put(name, TensorData.of(t, dtype)));
        write(dir, config, data, DEFAULT_SHARD_BYTES, List.of());
    }

    /**
     * Writes a new model directory atomically (built in a temporary sibling, then renamed; an existing
     * non-empty {@code dir} is an error): config.json for {@code config} (torch_dtype from the embedding),
     * the tensors in a fixed order (the config's layout, then any others by name) as one model.safetensors
     * or as shards of at most {@code maxShardBytes} each (a larger tensor gets a shard of its own) plus the
     * index, and copies of {@code extraFiles} (tokenizer.json, ...). The tensors must match the config's layout.
     */
    public static void write(Path dir, ModelConfig config, Map<String, TensorData> tensors, long maxShardBytes,
                             List<Path> extraFiles) {
        CheckpointLayout.checkShapes(dir, config, name -> tensors.containsKey(name) ? tensors.get(name).shape() : null);
        Map<String, TensorData> ordered = canonicalOrder(config, tensors);
        DType dtype = ordered.values().iterator().next().dtype();
        byte[] configJson = HfConfig.toJsonBytes(config, dtype);
        List<Map<String, TensorData>> shards = shard(ordered, maxShardBytes);
        Set<String> names = new LinkedHashSet<>(List.of(CONFIG, SINGLE_FILE, INDEX));
        for (Path extra : extraFiles) {
            if (!names.add(extra.getFileName().toString())) {
                throw new IllegalArgumentException("extra file " + extra + " clashes with a file the writer makes");
            }
        }
        AtomicFiles.writeDirectory(dir, tmp -> {
            AtomicFiles.write(tmp.resolve(CONFIG), configJson);
            if (shards.size() == 1) {
                Safetensors.write(tmp.resolve(SINGLE_FILE), shards.getFirst(), Map.of("format", "pt"));
            } else {
                writeShards(tmp, shards);
            }
            for (Path extra : extraFiles) {
                try {
                    Files.copy(extra, tmp.resolve(extra.getFileName().toString()));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot copy " + extra + ": " + e.getMessage(), e);
                }
            }
        });
    }

    /**
     * The model's tensors in layout order, then any others by name: the same model always gives the same
     * bytes, however the caller's map orders it (content hashes of model versions depend on that).
     */
    private static Map<String, TensorData> canonicalOrder(ModelConfig config, Map<String, TensorData> tensors) {
        Map<String, TensorData> out = new LinkedHashMap<>();
        CheckpointLayout.expectedShapes(config).keySet().forEach(name -> out.put(name, tensors.get(name)));
        tensors.keySet().stream().sorted().forEach(name -> out.putIfAbsent(name, tensors.get(name)));
        return out;
    }

    private static List<Map<String, TensorData>> shard(Map<String, TensorData> tensors, long maxShardBytes) {
        List<Map<String, TensorData>> shards = new ArrayList<>();
        Map<String, TensorData> current = new LinkedHashMap<>();
        long bytes = 0;
        for (var e : tensors.entrySet()) {
            long size = e.getValue().byteSize();
            if (!current.isEmpty() && bytes + size > maxShardBytes) {
                shards.add(current);
                current = new LinkedHashMap<>();
                bytes = 0;
            }
            current.put(e.getKey(), e.getValue());
            bytes += size;
        }
        shards.add(current);
        return shards;
    }

    private static void writeShards(Path dir, List<Map<String, TensorData>> shards) {
        Map<String, String> weightMap = new TreeMap<>();
        long total = 0;
        for (int i = 0; i < shards.size(); i++) {
            String file = String.format("model-%05d-of-%05d.safetensors", i + 1, shards.size());
            Safetensors.write(dir.resolve(file), shards.get(i), Map.of("format", "pt"));
            for (var e : shards.get(i).entrySet()) {
                weightMap.put(e.getKey(), file);
                total += e.getValue().byteSize();
            }
        }
        Map<String, Object> index = new LinkedHashMap<>();
        index.put("metadata", Map.of("total_size", total));
        index.put("weight_map", weightMap);
        try {
            AtomicFiles.write(dir.resolve(INDEX), JSON.writeValueAsBytes(index));
        } catch (JacksonException e) {
            throw new IllegalStateException(e);
        }
    }
}
