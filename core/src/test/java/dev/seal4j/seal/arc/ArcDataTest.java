package dev.seal4j.seal.arc;

import dev.seal4j.engine.BadInputException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ARC JSON in and out; malformed files refused in one line naming the file, the task and the grid. */
class ArcDataTest {
    @TempDir
    Path tmp;

    @Test
    void gridWorldTasksRoundTripThroughArcJson() {
        List<ArcTask> tasks = GridWorld.standard(1).tasks(GridWorld.Split.TRAIN, 5, 2);
        Path c = tmp.resolve("c.json"), s = tmp.resolve("s.json");
        ArcData.write(tasks, c, s);
        assertEquals(tasks, ArcData.read(c, s));
    }

    @Test
    void thePapersFilteredSubsetsRead() {
        Path arc = Path.of(System.getProperty("seal4j.shared", "../shared")).resolve("data/arc");
        Assumptions.assumeTrue(Files.isDirectory(arc), "../shared is absent");
        List<ArcTask> eval = ArcData.read(arc.resolve("arc-agi_evaluation_challenges_filtered_1B_eval_set.json"),
                arc.resolve("arc-agi_evaluation_solutions_filtered_1B_eval_set.json"));
        List<ArcTask> train = ArcData.read(arc.resolve("arc-agi_training_challenges_filtered_1B_training_set.json"),
                arc.resolve("arc-agi_training_solutions_filtered_1B_training_set.json"));
        assertEquals(10, eval.size());
        assertEquals(12, train.size());
        assertTrue(eval.stream().allMatch(t -> t.train().size() >= 2 && !t.test().isEmpty()));
    }

    private String bad(String challenges, String solutions) throws IOException {
        Path c = Files.writeString(tmp.resolve("bad-c.json"), challenges), s = Files.writeString(tmp.resolve("bad-s.json"), solutions);
        return assertThrows(BadInputException.class, () -> ArcData.read(c, s)).getMessage().replace(tmp + "/", "");
    }

    @Test
    void malformedFilesAreRefusedInOneLine() throws IOException {
        String ok = "{\"t1\": {\"train\": [{\"input\": [[1, 2], [3, 4]], \"output\": [[1]]}], \"test\": [{\"input\": [[0]]}]}}";
        assertEquals("bad-c.json: task t1, train[0].input: row 1 has 1 cells, row 0 has 2",
                bad(ok.replace("[3, 4]", "[3]"), "{\"t1\": [[[5]]]}"));
        assertEquals("bad-c.json: task t1, train[0].input: row 0, column 1: a cell is a colour 0 to 9, got 12",
                bad(ok.replace("[1, 2]", "[1, 12]"), "{\"t1\": [[[5]]]}"));
        assertEquals("bad-s.json: no solutions for task t1", bad(ok, "{}"));
        assertEquals("bad-s.json: task t1 has 1 test inputs but 2 solutions", bad(ok, "{\"t1\": [[[5]], [[6]]]}"));
        assertEquals("bad-c.json: task t1: \"train\" must be a non-empty list of demonstrations",
                bad("{\"t1\": {\"train\": [], \"test\": [{\"input\": [[0]]}]}}", "{\"t1\": [[[5]]]}"));
        assertTrue(bad("{not json", "{}").startsWith("bad-c.json: not JSON"));
        assertEquals("bad-c.json: task t1, train[0].output: expected a grid (a list of rows of colours 0-9)",
                bad(ok.replace("\"output\": [[1]]", "\"output\": 7"), "{\"t1\": [[[5]]]}"));
        assertEquals("bad-c.json: task t1, train[0].input: a grid is 1 to 30 cells on each side, got 31 × 1",
                bad(ok.replace("[[1, 2], [3, 4]]", "[" + "[1],".repeat(30) + "[1]]"), "{\"t1\": [[[5]]]}"));
        Files.createDirectories(tmp.resolve("dir"));
        assertEquals(tmp.resolve("dir") + ": is a directory, not an ARC JSON file",
                assertThrows(BadInputException.class, () -> ArcData.read(tmp.resolve("dir"), tmp.resolve("dir"))).getMessage());
    }
}
