package dev.seal4j.engine.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seal4j.engine.BadInputException;
import dev.seal4j.engine.model.Checkpoint;
import dev.seal4j.engine.model.ModelConfig;
import dev.seal4j.engine.tensor.DType;
import dev.seal4j.engine.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HfModelDirTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private static Map<String, Tensor> asTensors(Arena arena, Map<String, TinyModels.Shaped> weights) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        weights.forEach((name, w) -> {
            Tensor t = Tensor.allocateF32(arena, w.shape());
            ((dev.seal4j.engine.tensor.F32Tensor) t).copyFrom(w.values(), 0, 0, w.values().length);
            out.put(name, t);
        });
        return out;
    }

    @Test
    void writesAndReadsBackASingleFileModelInEveryDtype() {
        for (DType dtype : List.of(DType.F32, DType.F16, DType.BF16)) {
            ModelConfig c = TinyModels.llama(false);
            Map<String, TinyModels.Shaped> weights = TinyModels.weights(c, new Random(dtype.ordinal()));
            Path dir = tmp.resolve("model-" + dtype);
            try (Arena arena = Arena.ofConfined()) {
                HfModelDir.write(dir, c, asTensors(arena, weights), dtype);
            }
            assertTrue(Files.exists(dir.resolve("model.safetensors")));
            assertFalse(Files.exists(dir.resolve("model.safetensors.index.json")));
            try (Checkpoint ckpt = HfModelDir.open(dir)) {
                assertEquals(c, ckpt.config());
                weights.forEach((name, w) -> {
                    Tensor t = ckpt.tensor(name);
                    assertEquals(dtype, t.dtype(), name);
                    for (int i = 0; i < w.values().length; i++) {
                        float v = w.values()[i];
                        float expected = switch (dtype) {
                            case F32 -> v;
                            case F16 -> Float.float16ToFloat(Float.floatToFloat16(v));
                            default -> Fixtures.roundToBf16(v);
                        };
                        assertEquals(expected, t.get(i), name + "[" + i + "]");
                    }
                });
            }
        }
    }

    @Test
    void shardsWithAnIndexThatCoversEveryTensor() throws Exception {
        ModelConfig c = TinyModels.llama(true);
        Map<String, TinyModels.Shaped> weights = TinyModels.weights(c, new Random(8));
        Map<String, TensorData> data = new LinkedHashMap<>();
        weights.forEach((name, w) -> data.put(name, TensorData.of(w.values(), DType.F32, w.shape())));
        Path dir = tmp.resolve("sharded");
        Path tokenizer = Files.writeString(tmp.resolve("tokenizer.json"), "{\"model\":{}}");
        HfModelDir.write(dir, c, data, 40_000, List.of(tokenizer));

        JsonNode index = JSON.readTree(dir.resolve("model.safetensors.index.json").toFile());
        Set<String> files = new HashSet<>();
        long total = 0;
        for (var e : index.get("weight_map").properties()) {
            files.add(e.getValue().asText());
            total += 4L * weights.get(e.getKey()).values().length;
        }
        assertEquals(weights.keySet(), iterableToSet(index.get("weight_map").fieldNames()));
        assertEquals(total, index.get("metadata").get("total_size").asLong());
        assertTrue(files.size() > 2, "several shards: " + files);
        for (String f : files) {
            assertTrue(f.matches(String.format("model-\\d{5}-of-%05d\\.safetensors", files.size())), f);
            assertTrue(Files.size(dir.resolve(f)) <= 40_000 + 4096 || fitsOneTensor(dir.resolve(f)), f);
        }
        assertEquals("{\"model\":{}}", Files.readString(dir.resolve("tokenizer.json")));
        try (Checkpoint ckpt = HfModelDir.open(dir)) {
            weights.forEach((name, w) -> assertArrayEquals(w.values(), ckpt.tensor(name).toFloatArray(), name));
        }
    }

    private static boolean fitsOneTensor(Path shard) {
        try (Arena arena = Arena.ofConfined()) {
            return Safetensors.read(shard, arena).tensors().size() == 1;
        }
    }

    private static Set<String> iterableToSet(java.util.Iterator<String> it) {
        Set<String> s = new HashSet<>();
        it.forEachRemaining(s::add);
        return s;
    }

    @Test
    void readsAShardedDirectoryLaidOutByHand() throws Exception {
        ModelConfig c = TinyModels.llama(false);
        Map<String, TinyModels.Shaped> weights = TinyModels.weights(c, new Random(9));
        Path dir = Files.createDirectory(tmp.resolve("by-hand"));
        Map<String, TensorData> first = new LinkedHashMap<>(), second = new LinkedHashMap<>();
        StringBuilder weightMap = new StringBuilder();
        weights.forEach((name, w) -> {
            boolean inFirst = name.contains("layers.0") || name.startsWith("model.embed");
            (inFirst ? first : second).put(name, TensorData.of(w.values(), DType.F32, w.shape()));
            weightMap.append(weightMap.isEmpty() ? "" : ",").append('"').append(name).append("\":\"model-0000")
                    .append(inFirst ? 1 : 2).append("-of-00002.safetensors\"");
        });
        Safetensors.write(dir.resolve("model-00001-of-00002.safetensors"), first, Map.of("format", "pt"));
        Safetensors.write(dir.resolve("model-00002-of-00002.safetensors"), second, Map.of("format", "pt"));
        Files.writeString(dir.resolve("model.safetensors.index.json"),
                "{\"metadata\":{\"total_size\":0},\"weight_map\":{" + weightMap + "}}");
        Files.write(dir.resolve("config.json"), HfConfig.toJsonBytes(c, DType.F32));
        try (Checkpoint ckpt = HfModelDir.open(dir)) {
            assertEquals(weights.keySet(), ckpt.tensors().keySet());
            weights.forEach((name, w) -> assertArrayEquals(w.values(), ckpt.tensor(name).toFloatArray(), name));
        }
        // a name the index lists but no shard holds
        Files.writeString(dir.resolve("model.safetensors.index.json"),
                "{\"weight_map\":{" + weightMap + ",\"extra.weight\":\"model-00002-of-00002.safetensors\"}}");
        BadInputException e = assertThrows(BadInputException.class, () -> HfModelDir.open(dir));
        assertEquals(dir.resolve("model-00002-of-00002.safetensors") + ": missing tensor 'extra.weight' listed in "
                + "model.safetensors.index.json", e.getMessage());
    }

    @Test
    void neverOverwritesAnExistingModelAndLeavesNoTemporaryDirectory() throws Exception {
        ModelConfig c = TinyModels.llama(true);
        Map<String, TensorData> data = new LinkedHashMap<>();
        TinyModels.weights(c, new Random(1)).forEach((n, w) -> data.put(n, TensorData.of(w.values(), DType.F32, w.shape())));
        Path dir = Files.createDirectories(tmp.resolve("out"));
        Files.writeString(dir.resolve("keep.txt"), "mine");
        BadInputException e = assertThrows(BadInputException.class,
                () -> HfModelDir.write(dir, c, data, HfModelDir.DEFAULT_SHARD_BYTES, List.of()));
        assertTrue(e.getMessage().startsWith(dir.toString()), e.getMessage());
        assertEquals(List.of(dir.resolve("keep.txt")), Files.list(dir).toList());

        data.remove("model.norm.weight");
        Path other = tmp.resolve("other");
        BadInputException missing = assertThrows(BadInputException.class,
                () -> HfModelDir.write(other, c, data, HfModelDir.DEFAULT_SHARD_BYTES, List.of()));
        assertEquals(other + ": missing tensor 'model.norm.weight'", missing.getMessage());
        try (var entries = Files.list(tmp)) {
            assertEquals(List.of(dir), entries.toList(), "nothing half-written");
        }
    }

    @Test
    void theSameModelGivesTheSameBytesWhateverTheMapOrder() throws Exception {
        ModelConfig c = TinyModels.llama(false);
        Map<String, TensorData> data = new LinkedHashMap<>();
        TinyModels.weights(c, new Random(6)).forEach((n, w) -> data.put(n, TensorData.of(w.values(), DType.BF16, w.shape())));
        data.put("model.layers.0.extra.weight", TensorData.of(new float[] {1, 2}, DType.BF16, 2));
        List<String> names = new java.util.ArrayList<>(data.keySet());
        java.util.Collections.reverse(names);
        Map<String, TensorData> reversed = new LinkedHashMap<>();
        names.forEach(n -> reversed.put(n, data.get(n)));
        HfModelDir.write(tmp.resolve("a"), c, data, HfModelDir.DEFAULT_SHARD_BYTES, List.of());
        HfModelDir.write(tmp.resolve("b"), c, reversed, HfModelDir.DEFAULT_SHARD_BYTES, List.of());
        for (String f : List.of("config.json", "model.safetensors")) {
            assertArrayEquals(Files.readAllBytes(tmp.resolve("a").resolve(f)), Files.readAllBytes(tmp.resolve("b").resolve(f)), f);
        }
    }

    @Test
    void missingPiecesAreNamed() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("empty"));
        BadInputException noConfig = assertThrows(BadInputException.class, () -> HfModelDir.open(dir));
        assertEquals(dir.resolve("config.json") + ": no such file", noConfig.getMessage());
        Files.write(dir.resolve("config.json"), HfConfig.toJsonBytes(TinyModels.llama(true), DType.F32));
        Files.writeString(dir.resolve("pytorch_model.bin"), "");
        BadInputException noWeights = assertThrows(BadInputException.class, () -> HfModelDir.open(dir));
        assertTrue(noWeights.getMessage().contains("pytorch_model.bin is not supported"), noWeights.getMessage());
    }
}
