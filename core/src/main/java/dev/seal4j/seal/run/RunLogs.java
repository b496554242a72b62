package dev.seal4j.seal.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seal4j.engine.BadInputException;
import dev.seal4j.engine.format.Checkpoints;
import dev.seal4j.engine.format.HfModelDir;
import dev.seal4j.engine.format.HfWeights;
import dev.seal4j.engine.model.Checkpoint;
import dev.seal4j.engine.model.ModelWeights;
import dev.seal4j.engine.model.Transformer;
import dev.seal4j.engine.tensor.DType;
import dev.seal4j.seal.outer.Arm;
import dev.seal4j.seal.outer.RecordKey;
import dev.seal4j.seal.outer.RunLog;
import dev.seal4j.seal.outer.Selection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A SEAL run's records in its run directory:
 * <pre>
 *   selfedits.jsonl        every self-edit: key, phase, method, title, sample, prompt, completion, what the domain
 *                          read from it, and (ReST-EM) its rewards
 *   evaluations.jsonl      every recorded candidate result: key, method, then the result's members
 *   sft_round_R.jsonl      the SFT set of each round (sft_no_selection_round_R.jsonl for the control)
 *   generators/round-R/    each round's generator, a Hugging Face directory (F32)
 * </pre>
 * Generators read back stay mapped until the logs are closed.
 *
 * @param <R> the type of the recorded candidate results
 */
public final class RunLogs<R> implements RunLog<R>, AutoCloseable {
    private final RunDirectory run;
    private final Class<R> resultType;
    private final RecordLog selfEdits;
    private final RecordLog evaluations;
    private final Map<String, RecordedSelfEdit> selfEditsByKey = new ConcurrentHashMap<>();
    private final Map<String, R> resultsByKey = new ConcurrentHashMap<>();
    private final List<Checkpoint> opened = new ArrayList<>();

    private RunLogs(RunDirectory run, Class<R> resultType) {
        this.run = run;
        this.resultType = resultType;
        this.selfEdits = run.log("selfedits.jsonl", "key");
        this.evaluations = run.log("evaluations.jsonl", "key");
    }

    /** The run's logs, with what they already hold. */
    public static <R> RunLogs<R> open(RunDirectory run, Class<R> resultType) {
        RunLogs<R> logs = new RunLogs<>(run, resultType);
        for (RecordedLine<RecordedSelfEdit> line : read(logs.selfEdits.file(), RecordedSelfEdit.class)) {
            logs.selfEditsByKey.put(line.key(), line.value());
        }
        for (RecordedLine<R> line : read(logs.evaluations.file(), resultType)) {
            logs.resultsByKey.put(line.key(), line.value());
        }
        return logs;
    }

    private record RecordedLine<T>(String key, T value) {
    }

    private static <T> List<RecordedLine<T>> read(Path file, Class<T> type) {
        List<RecordedLine<T>> out = new ArrayList<>();
        for (JsonNode node : RecordLog.read(file)) {
            try {
                out.add(new RecordedLine<>(node.get("key").asText(), RunJson.LINE.treeToValue(node, type)));
            } catch (IOException e) {
                throw BadInputException.inFile(file, "a record is not a " + type.getSimpleName() + ": "
                        + e.getMessage().lines().findFirst().orElse(""), e);
            }
        }
        return out;
    }

    @Override
    public Optional<RecordedSelfEdit> selfEdit(RecordKey key) {
        return Optional.ofNullable(selfEditsByKey.get(key.text()));
    }

    @Override
    public void addSelfEdit(SelfEditRecord r) {
        ObjectNode line = RunJson.LINE.createObjectNode();
        line.put("key", r.key().text());
        line.put("phase", r.phase());
        line.put("method", r.method());
        line.put("title", r.title());
        line.put("sample", r.sample());
        line.put("prompt", r.prompt());
        line.put("completion", r.completion());
        line.setAll((ObjectNode) RunJson.LINE.valueToTree(r.parsed()));
        if (r.rewards() != null) {
            line.set("rewards", RunJson.LINE.valueToTree(r.rewards()));
        }
        selfEdits.append(line);
        selfEditsByKey.put(r.key().text(), new RecordedSelfEdit(r.completion(), r.rewards()));
    }

    @Override
    public Optional<R> result(RecordKey key) {
        return Optional.ofNullable(resultsByKey.get(key.text()));
    }

    @Override
    public void addResult(RecordKey key, String method, R result) {
        ObjectNode line = RunJson.LINE.createObjectNode();
        line.put("key", key.text());
        line.put("method", method);
        line.setAll((ObjectNode) RunJson.LINE.valueToTree(result));
        evaluations.append(line);
        resultsByKey.put(key.text(), result);
    }

    @Override
    public synchronized Optional<Transformer> generator(Arm arm, int round) {
        Path dir = generatorDirectory(arm, round);
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        Checkpoint checkpoint = Checkpoints.open(dir);
        opened.add(checkpoint);
        return Optional.of(new Transformer(checkpoint.config(), ModelWeights.from(checkpoint)));
    }

    @Override
    public void addGenerator(Arm arm, int round, Transformer generator) {
        HfModelDir.write(generatorDirectory(arm, round), generator.config(), HfWeights.of(generator.weights(), DType.F32),
                HfModelDir.DEFAULT_SHARD_BYTES, List.of());
    }

    private Path generatorDirectory(Arm arm, int round) {
        return run.path().resolve("generators").resolve(arm.generatorDirectory(round));
    }

    @Override
    public void addSftSet(Arm arm, int round, List<Selection.Chosen> chosen) {
        try (RecordLog sft = run.log(arm.sftFile(round), "prompt")) {
            if (sft.doneKeys().isEmpty()) {
                chosen.forEach(sft::append);
            }
        }
    }

    @Override
    public synchronized void close() {
        selfEdits.close();
        evaluations.close();
        opened.forEach(Checkpoint::close);
        opened.clear();
    }
}
