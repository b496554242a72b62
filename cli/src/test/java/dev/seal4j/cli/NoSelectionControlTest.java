package dev.seal4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The no_selection control: the same ReST-EM rounds as seal, but the generator learns from its first self-edit
 * per context, unrewarded. In round 1 both arms sample the same self-edits, so the control differs from seal
 * only by the reward's selection.
 */
class NoSelectionControlTest {
    private static final Path MODEL = Path.of("..", "models", "tiny-world").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    @Test
    void theControlLearnsFromTheFirstOfTheSameSelfEditsWithoutApplyingThem() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(MODEL), "models/tiny-world is committed");
        Path run = tmp.resolve("run");
        Cli.Result r = Cli.run("knowledge", "--model", MODEL.toString(), "--data", KnowledgeRunGoldenTest.data("eval.json"),
                "--train-data", KnowledgeRunGoldenTest.data("train.json"), "--out", run.toString(),
                "--methods", "seal,no_selection", "--eval-passages", "1", "--rounds", "1", "--contexts", "2", "--samples", "2",
                "--repeats", "1", "--self-edit-tokens", "24", "--lora-rank", "2", "--lora-alpha", "4", "--epochs", "1",
                "--answer-tokens", "4", "--generator-rank", "2", "--generator-alpha", "4", "--generator-epochs", "1",
                "--no-generator-eos", "--seed", "9").ok();
        Map<String, JsonNode> selfEdits = new HashMap<>();
        for (JsonNode e : KnowledgeRunGoldenTest.jsonLines(run.resolve("selfedits.jsonl"))) {
            selfEdits.put(e.get("key").asText(), e);
        }
        for (int context = 0; context < 2; context++) {
            JsonNode control = selfEdits.get("no_selection|1|" + context + "|0");
            assertEquals(selfEdits.get("train|1|" + context + "|0").get("completion"), control.get("completion"),
                    "round 1 samples the same self-edits in both arms");
            assertEquals("no_selection_round_1", control.get("method").asText());
            assertNull(control.get("rewards"), "the control's self-edits are not rewarded");
            assertFalse(selfEdits.containsKey("no_selection|1|" + context + "|1"), "the control keeps one per context");
        }
        List<String> learned = new ArrayList<>();
        for (JsonNode example : KnowledgeRunGoldenTest.jsonLines(run.resolve("sft_no_selection_round_1.jsonl"))) {
            learned.add(example.get("completion").asText());
            assertEquals(0, example.get("index").asInt());
        }
        assertEquals(List.of(selfEdits.get("no_selection|1|0|0").get("completion").asText(),
                selfEdits.get("no_selection|1|1|0").get("completion").asText()), learned);
        assertTrue(Files.isDirectory(run.resolve("generators/no_selection-round-1")));
        for (JsonNode evaluation : KnowledgeRunGoldenTest.jsonLines(run.resolve("evaluations.jsonl"))) {
            assertFalse(evaluation.get("key").asText().startsWith("no_selection|"), "nothing of the control is applied in training");
        }
        JsonNode results = TestFiles.JSON.readTree(run.resolve("results.json").toFile());
        for (String m : List.of("seal_round_1", "no_selection_round_1")) {
            assertTrue(results.get("methods").has(m), m);
        }
        boolean compared = false;
        for (JsonNode c : results.get("comparisons")) {
            compared |= c.get("method").asText().equals("seal_round_1") && c.get("baseline").asText().equals("no_selection_round_1");
        }
        assertTrue(compared, "seal_round_R − no_selection_round_R is reported with its interval");
        assertTrue(r.out().contains("no_selection_round_1"), r.out());
    }
}
