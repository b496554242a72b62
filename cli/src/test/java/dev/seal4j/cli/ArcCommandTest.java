package dev.seal4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seal4j.seal.arc.ArcData;
import dev.seal4j.seal.arc.GridWorld;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code seal arc} end to end on a random-weight model (the plumbing, not the accuracy): every method, a
 * ReST-EM round, results with standard errors, every prediction recorded, bad input refused before anything is
 * written; and {@code seal arc export} writes grid-world tasks as ARC JSON.
 */
class ArcCommandTest {
    @TempDir
    static Path tmp;
    static Path model;
    /** Two 3 × 3 demonstrations per task, so the random model's prompts fit its context. */
    static final GridWorld SMALL = new GridWorld(1, 3, 3, 6, 2);

    @BeforeAll
    static void data() {
        model = TestFiles.longChatModel(tmp.resolve("model"));
        ArcData.write(SMALL.tasks(GridWorld.Split.EVAL, 2, 0), tmp.resolve("eval.json"), tmp.resolve("eval-sol.json"));
        ArcData.write(SMALL.tasks(GridWorld.Split.TRAIN, 2, 0), tmp.resolve("train.json"), tmp.resolve("train-sol.json"));
    }

    private static List<String> arc(Path out, String... more) {
        return TestFiles.args(List.of("arc", "--model", model.toString(), "--tasks", tmp.resolve("eval.json").toString(),
                "--solutions", tmp.resolve("eval-sol.json").toString(), "--out", out.toString(), "--samples", "2",
                "--self-edit-tokens", "12", "--lora-rank", "2", "--lora-alpha", "4", "--max-examples", "4", "--step-budget", "8"), more);
    }

    @Test
    void everyMethodRunsAndEveryPredictionIsRecorded() throws Exception {
        Path run = tmp.resolve("run");
        Cli.Result r = Cli.run(arc(run, "--train-tasks", tmp.resolve("train.json").toString(), "--train-solutions",
                tmp.resolve("train-sol.json").toString(), "--methods", "icl,ttt_base_self_edits,seal,no_selection,oracle_ttt",
                "--rounds", "1", "--contexts", "2", "--train-samples", "2", "--generator-rank", "2", "--generator-epochs", "1",
                "--oracle", "{\"data_generation\": {}, \"training\": {\"strategy\": \"train_using_output_tokens\", "
                        + "\"learning_rate\": 1e-3, \"num_train_epochs\": 1}}")
                .toArray(String[]::new)).ok();
        JsonNode results = TestFiles.JSON.readTree(run.resolve("results.json").toFile());
        for (String m : List.of("icl", "ttt_base_self_edits", "seal_round_1", "no_selection_round_1", "oracle_ttt")) {
            JsonNode x = results.get("methods").get(m);
            assertTrue(x.has("accuracy") && x.has("stderr") && x.get("n").asInt() == 2, m + " in " + results);
            assertTrue(r.out().contains("| " + m + " |"), r.out());
        }
        List<JsonNode> evaluations = KnowledgeRunGoldenTest.jsonLines(run.resolve("evaluations.jsonl"));
        assertEquals(2 + 2 * 2 + 2 * 2 + 2 * 2 + 2 + 2, evaluations.size(), "icl, 3 self-edit methods × 2 samples, oracle, baselines");
        for (JsonNode e : evaluations) {
            assertEquals(8, e.get("tests").get(0).get("views").size(), "every view's answer: " + e);
        }
        JsonNode oracle = evaluations.stream().filter(e -> e.get("method").asText().equals("oracle_ttt")).findFirst().orElseThrow();
        assertTrue(oracle.get("untrained").isNull() && oracle.get("steps").asInt() > 0, "the oracle trains: " + oracle);
        for (JsonNode e : KnowledgeRunGoldenTest.jsonLines(run.resolve("selfedits.jsonl"))) {
            assertTrue(e.has("config") && e.has("rejected"), "each self-edit's reading is recorded: " + e);
        }
        Cli.run("runs", "resume", run.toString()).badInput(); // finished
    }

    @Test
    void badInputIsRefusedBeforeAnythingIsWritten() throws Exception {
        Path out = tmp.resolve("bad");
        assertEquals("seal: --methods seal and no_selection need --train-tasks and --train-solutions (tasks for ReST-EM)",
                Cli.run(arc(out, "--methods", "seal").toArray(String[]::new)).badInput());
        assertTrue(Cli.run(arc(out, "--oracle", "{\"training\": 1}").toArray(String[]::new)).badInput()
                .startsWith("seal: --oracle: "));
        Files.writeString(tmp.resolve("ragged.json"), "{\"t\": {\"train\": [{\"input\": [[1,2],[3]], \"output\": [[1]]}], "
                + "\"test\": [{\"input\": [[1]]}]}}");
        Files.writeString(tmp.resolve("ragged-sol.json"), "{\"t\": [[[5]]]}");
        List<String> args = new ArrayList<>(arc(out));
        args.set(args.indexOf("--tasks") + 1, tmp.resolve("ragged.json").toString());
        args.set(args.indexOf("--solutions") + 1, tmp.resolve("ragged-sol.json").toString());
        assertEquals("seal: " + tmp.resolve("ragged.json") + ": task t, train[0].input: row 1 has 1 cells, row 0 has 2",
                Cli.run(args.toArray(String[]::new)).badInput());
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void exportWritesGridWorldTasksAsArcJson() {
        Path tasks = tmp.resolve("x.json"), solutions = tmp.resolve("x-sol.json");
        Cli.run("arc", "export", "--split", "eval", "--count", "5", "--eval-seed", "3", "--tasks", tasks.toString(),
                "--solutions", solutions.toString()).ok();
        assertEquals(GridWorld.standard(1).tasks(GridWorld.Split.EVAL, 5, 3), ArcData.read(tasks, solutions));
        Cli.run("arc", "export", "--split", "nope", "--count", "5", "--tasks", tasks.toString(), "--solutions", solutions.toString()).badInput();
    }
}
