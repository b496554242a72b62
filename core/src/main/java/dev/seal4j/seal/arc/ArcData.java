package dev.seal4j.seal.arc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seal4j.engine.BadInputException;
import dev.seal4j.engine.format.AtomicFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * ARC's JSON files: challenges ({@code {id: {"train": [{"input", "output"}], "test": [{"input"}]}}}) and
 * solutions ({@code {id: [output, ...]}}, one output per test input), as the ARC-AGI releases and the SEAL
 * paper's filtered subsets ship them. A malformed file gets one line naming the file, the task and the grid.
 */
public final class ArcData {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ArcData() {
    }

    /** The tasks of a challenges file with their solutions, in the file's order. */
    public static List<ArcTask> read(Path challenges, Path solutions) {
        JsonNode tasks = tree(challenges);
        JsonNode answers = tree(solutions);
        if (!tasks.isObject() || tasks.isEmpty()) {
            throw BadInputException.inFile(challenges, "expected a JSON object of tasks by id, with at least one task");
        }
        if (!answers.isObject()) {
            throw BadInputException.inFile(solutions, "expected a JSON object of solutions by task id");
        }
        List<ArcTask> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = tasks.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String id = e.getKey();
            JsonNode solution = answers.get(id);
            if (solution == null || !solution.isArray()) {
                throw BadInputException.inFile(solutions, "no solutions for task " + id);
            }
            out.add(task(challenges, solutions, id, e.getValue(), solution));
        }
        return out;
    }

    private static ArcTask task(Path challenges, Path solutions, String id, JsonNode task, JsonNode solution) {
        List<ArcPair> train = new ArrayList<>();
        JsonNode demos = task.path("train");
        if (!demos.isArray() || demos.isEmpty()) {
            throw BadInputException.inFile(challenges, "task " + id + ": \"train\" must be a non-empty list of demonstrations");
        }
        for (int i = 0; i < demos.size(); i++) {
            train.add(new ArcPair(grid(challenges, id, "train[" + i + "].input", demos.get(i).get("input")),
                    grid(challenges, id, "train[" + i + "].output", demos.get(i).get("output"))));
        }
        JsonNode tests = task.path("test");
        if (!tests.isArray() || tests.isEmpty()) {
            throw BadInputException.inFile(challenges, "task " + id + ": \"test\" must be a non-empty list of test inputs");
        }
        if (solution.size() != tests.size()) {
            throw BadInputException.inFile(solutions, "task " + id + " has " + tests.size() + " test inputs but "
                    + solution.size() + " solutions");
        }
        List<ArcPair> test = new ArrayList<>();
        for (int i = 0; i < tests.size(); i++) {
            test.add(new ArcPair(grid(challenges, id, "test[" + i + "].input", tests.get(i).get("input")),
                    grid(solutions, id, "solution " + i, solution.get(i))));
        }
        return new ArcTask(id, train, test);
    }

    private static Grid grid(Path file, String id, String where, JsonNode node) {
        if (node == null || !node.isArray()) {
            throw BadInputException.inFile(file, "task " + id + ", " + where + ": expected a grid (a list of rows of colours 0-9)");
        }
        List<List<Integer>> rows = new ArrayList<>();
        for (JsonNode row : node) {
            if (!row.isArray()) {
                throw BadInputException.inFile(file, "task " + id + ", " + where + ": a row is not a list of colours");
            }
            List<Integer> cells = new ArrayList<>();
            for (JsonNode cell : row) {
                cells.add(cell.isIntegralNumber() && cell.canConvertToInt() ? cell.asInt() : null);
            }
            rows.add(cells);
        }
        try {
            return Grid.of(rows);
        } catch (BadInputException e) {
            throw BadInputException.inFile(file, "task " + id + ", " + where + ": " + e.getMessage());
        }
    }

    private static JsonNode tree(Path file) {
        if (!Files.isRegularFile(file)) {
            throw BadInputException.inFile(file, Files.isDirectory(file) ? "is a directory, not an ARC JSON file" : "no such file");
        }
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw BadInputException.inFile(file, "not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    /** Writes tasks as a challenges file and a solutions file (each atomically). */
    public static void write(List<ArcTask> tasks, Path challenges, Path solutions) {
        ObjectNode c = JSON.createObjectNode(), s = JSON.createObjectNode();
        for (ArcTask t : tasks) {
            ObjectNode task = c.putObject(t.id());
            ArrayNode train = task.putArray("train");
            t.train().forEach(p -> train.addObject().<ObjectNode>set("input", JSON.valueToTree(p.input().toRows()))
                    .set("output", JSON.valueToTree(p.output().toRows())));
            ArrayNode test = task.putArray("test");
            ArrayNode solution = s.putArray(t.id());
            t.test().forEach(p -> {
                test.addObject().set("input", JSON.valueToTree(p.input().toRows()));
                solution.add(JSON.<JsonNode>valueToTree(p.output().toRows()));
            });
        }
        try {
            AtomicFiles.write(challenges, JSON.writeValueAsBytes(c));
            AtomicFiles.write(solutions, JSON.writeValueAsBytes(s));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
