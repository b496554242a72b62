package dev.seal4j.engine.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seal4j.engine.BadInputException;
import dev.seal4j.engine.format.AtomicFiles;
import dev.seal4j.engine.format.Checkpoints;
import dev.seal4j.engine.format.HfModelDir;
import dev.seal4j.engine.format.HfWeights;
import dev.seal4j.engine.format.Safetensors;
import dev.seal4j.engine.format.TensorData;
import dev.seal4j.engine.model.Checkpoint;
import dev.seal4j.engine.model.ModelConfig;
import dev.seal4j.engine.model.ModelWeights;
import dev.seal4j.engine.model.Parameter;
import dev.seal4j.engine.tensor.DType;
import dev.seal4j.engine.tensor.Tensor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Everything needed to continue full training exactly where it stopped: fp32 master weights (an HF model
 * directory, {@code model/}), AdamW's moments ({@code optimizer.safetensors}) and a JSON state (step,
 * data position, anything the caller records). A checkpoint is a directory {@code step-00001234} written
 * atomically, so a killed process leaves either the whole checkpoint or none; the newest complete one wins.
 */
public final class TrainingCheckpoint {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NAME = Pattern.compile("step-(\\d{8})");

    private TrainingCheckpoint() {
    }

    /** Writes {@code folder/step-NNNNNNNN}; {@code state} is stored as state.json (plus "optimizer_steps"). */
    public static Path save(Path folder, long step, ModelConfig config, ModelWeights weights, AdamW optimizer,
                            List<Parameter> params, ObjectNode state, List<Path> extraFiles) {
        Path dir = folder.resolve(String.format("step-%08d", step));
        Map<String, TensorData> moments = new LinkedHashMap<>();
        float[][] m = optimizer.firstMoments(), v = optimizer.secondMoments();
        for (int i = 0; i < params.size(); i++) {
            moments.put("m." + params.get(i).name(), TensorData.of(m[i], DType.F32, m[i].length));
            moments.put("v." + params.get(i).name(), TensorData.of(v[i], DType.F32, v[i].length));
        }
        ObjectNode s = state.deepCopy();
        s.put("step", step);
        s.put("optimizer_steps", optimizer.steps());
        byte[] stateJson;
        try {
            stateJson = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(s);
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        AtomicFiles.writeDirectory(dir, tmp -> {
            HfModelDir.write(tmp.resolve("model"), config, HfWeights.of(weights, DType.F32), HfModelDir.DEFAULT_SHARD_BYTES, extraFiles);
            Safetensors.write(tmp.resolve("optimizer.safetensors"), moments, Map.of());
            AtomicFiles.write(tmp.resolve("state.json"), stateJson);
        });
        return dir;
    }

    /** The newest checkpoint in {@code folder}, if any. */
    public static Optional<Path> latest(Path folder) {
        if (!Files.isDirectory(folder)) {
            return Optional.empty();
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(p -> NAME.matcher(p.getFileName().toString()).matches())
                    .filter(p -> Files.isRegularFile(p.resolve("state.json")))
                    .max(Comparator.comparing(p -> p.getFileName().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes all but the newest {@code keep} checkpoints. */
    public static void prune(Path folder, int keep) {
        try (Stream<Path> entries = Files.list(folder)) {
            List<Path> all = entries.filter(p -> NAME.matcher(p.getFileName().toString()).matches())
                    .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
            for (Path old : all.subList(0, Math.max(0, all.size() - keep))) {
                try (Stream<Path> tree = Files.walk(old)) {
                    for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The model of a checkpoint (its weights, mapped) for {@link ModelWeights#trainableCopy}. */
    public static Checkpoint openModel(Path dir) {
        return Checkpoints.open(dir.resolve("model"));
    }

    public static ObjectNode readState(Path dir) {
        try {
            return (ObjectNode) JSON.readTree(dir.resolve("state.json").toFile());
        } catch (IOException | ClassCastException e) {
            throw BadInputException.inFile(dir.resolve("state.json"), "unreadable training state: " + e.getMessage());
        }
    }

    /** Restores AdamW's moments and step count for the given parameters (in the order they were saved). */
    public static void restoreOptimizer(Path dir, AdamW optimizer, List<Parameter> params) {
        try (Arena arena = Arena.ofConfined()) {
            Map<String, Tensor> t = Safetensors.read(dir.resolve("optimizer.safetensors"), arena).tensors();
            float[][] m = new float[params.size()][], v = new float[params.size()][];
            for (int i = 0; i < params.size(); i++) {
                String name = params.get(i).name();
                Tensor tm = t.get("m." + name), tv = t.get("v." + name);
                if (tm == null || tv == null || tm.size() != params.get(i).size()) {
                    throw BadInputException.inFile(dir, "optimizer state does not match parameter " + name);
                }
                m[i] = tm.toFloatArray();
                v[i] = tv.toFloatArray();
            }
            optimizer.restore(m, v, readState(dir).path("optimizer_steps").asLong());
        }
    }
}
