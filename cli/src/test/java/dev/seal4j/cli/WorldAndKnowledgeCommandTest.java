package dev.seal4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The world and experiment commands end to end on a tiny model pretrained by {@code seal pretrain --recipe
 * small}: export, eval, knowledge runs, and the run catalog with resume.
 */
class WorldAndKnowledgeCommandTest {
    @TempDir
    static Path tmp;
    static Path model;

    @BeforeAll
    static void pretrain() {
        Cli.run("pretrain", "--recipe", "small", "--world-seed", "4", "--out", tmp.resolve("pre").toString()).ok();
        model = tmp.resolve("pre/model");
        assertTrue(Files.isRegularFile(model.resolve("world.json")), "the pretrained model records its world");
    }

    @Test
    void exportWritesSquadStyleJsonWithDistractorsAndTeacherImplications() throws Exception {
        Path out = tmp.resolve("eval.json");
        Cli.run("world", "export", "--model", model.toString(), "--split", "eval", "--out", out.toString()).ok();
        JsonNode data = TestFiles.JSON.readTree(out.toFile());
        assertTrue(data.size() >= 2);
        JsonNode q = data.get(0).get("questions").get(0);
        assertTrue(q.has("question") && q.has("answer") && q.has("distractor"));
        assertTrue(data.get(0).get("teacher_implications").asText().contains("1."));
        Path other = tmp.resolve("eval-7.json");
        Cli.run("world", "export", "--model", model.toString(), "--split", "eval", "--eval-seed", "7", "--out", other.toString()).ok();
        JsonNode fresh = TestFiles.JSON.readTree(other.toFile());
        assertTrue(!fresh.get(0).get("title").equals(data.get(0).get("title")), "another eval seed draws other people");
        Cli.run("world", "export", "--model", model.toString(), "--split", "nope", "--out", other.toString()).badInput();
    }

    @Test
    void evalPrintsEveryAbilityAsOneJsonLine() throws Exception {
        Cli.Result r = Cli.run("world", "eval", "--model", model.toString(), "--people", "2", "--json").ok();
        JsonNode figures = TestFiles.JSON.readTree(r.out());
        for (String k : List.of("qa_with_context", "qa_no_context_pretrain", "qa_no_context_eval_before",
                "selfedit_parse_rate", "selfedit_fact_precision", "leakage", "passage_only_net", "teacher_net")) {
            double v = figures.get(k).asDouble(-1);
            assertTrue(v >= 0 && v <= 1, k + " = " + v);
        }
        Cli.run("world", "eval", "--model", tmp.toString()).badInput(); // not a built-in world model
        for (String line : Cli.run("world", "eval", "--model", model.toString(), "--people", "1").ok().outLines()) {
            String key = line.split(" +")[0];
            assertTrue(figures.has(key), line);
            assertTrue(key.endsWith("_nll") ? line.matches(".* -?[0-9]+\\.[0-9]{3} nats") : line.matches(".* -?[0-9]+\\.[0-9]%"),
                    "an NLL is in nats, a rate in percent: " + line);
        }
    }

    @Test
    void demoRunsTheWholeTableNextToThePapersAndReplaysPretrainingPeople() throws Exception {
        Path run = tmp.resolve("demo");
        Cli.Result r = Cli.run("demo", "--quick", "--model", model.toString(), "--out", run.toString()).ok();
        for (String m : List.of("base", "passage_only", "base_self_edits", "teacher", "seal_round_1", "seal_round_2", "in_context")) {
            assertTrue(r.out().contains("| " + m + " |"), m + " in the table:\n" + r.out());
            JsonNode x = TestFiles.JSON.readTree(run.resolve("results.json").toFile()).get("methods").get(m);
            assertTrue(x.has("accuracy") && x.has("stderr") && x.has("n") && x.has("leakage") && x.has("net_accuracy"), m);
        }
        assertTrue(r.out().contains("SEAL paper") && r.out().contains("47.0"), "the paper's figures beside ours");
        assertTrue(Files.isRegularFile(run.resolve("replay.json")), "the inner loop replays pretraining biographies");
        assertTrue(Files.isRegularFile(run.resolve("accuracy.png")));
        Cli.run("demo", "--quick", "--model", model.toString(), "--out", run.toString()).badInput(); // runs are never overwritten
    }

    @Test
    void knowledgeRunIsListedShownAndResumable() throws Exception {
        Path eval = tmp.resolve("k-eval.json"), train = tmp.resolve("k-train.json"), replay = tmp.resolve("k-replay.json");
        Cli.run("world", "export", "--model", model.toString(), "--split", "eval", "--out", eval.toString()).ok();
        Cli.run("world", "export", "--model", model.toString(), "--split", "train", "--out", train.toString()).ok();
        Cli.run("world", "export", "--model", model.toString(), "--split", "pretrain", "--out", replay.toString()).ok();
        Path runs = tmp.resolve("runs");
        Cli.Result r = Cli.run("knowledge", "--model", model.toString(), "--data", eval.toString(), "--train-data", train.toString(),
                "--runs-dir", runs.toString(), "--eval-passages", "2", "--rounds", "1", "--contexts", "2", "--samples", "2",
                "--repeats", "1", "--epochs", "1", "--lora-rank", "2", "--lora-alpha", "4", "--self-edit-tokens", "16",
                "--answer-tokens", "4", "--generator-rank", "2", "--generator-epochs", "1", "--no-generator-eos",
                "--replay", "1", "--replay-data", replay.toString()).ok();
        assertTrue(r.out().contains("seal_round_1") && r.out().contains("passage_only"), r.out());
        List<Path> dirs;
        try (var s = Files.list(runs)) {
            dirs = s.toList();
        }
        assertEquals(1, dirs.size());
        Path run = dirs.getFirst();
        assertTrue(Files.readString(run.resolve("config.yaml")).contains("end_with_eos: false"), "--no-generator-eos is recorded");
        JsonNode results = TestFiles.JSON.readTree(run.resolve("results.json").toFile());
        for (String m : List.of("base", "passage_only", "base_self_edits", "teacher", "seal_round_1", "in_context")) {
            JsonNode x = results.get("methods").get(m);
            assertTrue(x.has("accuracy") && x.has("stderr") && x.has("n") && x.has("leakage") && x.has("net_accuracy"), m);
        }
        String listing = Cli.run("runs", "list", "--dir", runs.toString()).ok().out();
        assertTrue(listing.contains(run.getFileName().toString()) && listing.contains("finished"), listing);
        assertTrue(Cli.run("runs", "show", run.toString()).ok().out().contains("selfedits.jsonl"));
        Cli.run("runs", "resume", run.toString()).badInput(); // finished: nothing to resume
        Cli.run("knowledge", "--model", model.toString(), "--data", eval.toString(), "--out", run.toString()).badInput();
        String noReplayData = Cli.run("knowledge", "--model", model.toString(), "--data", eval.toString(), "--replay", "2",
                "--out", tmp.resolve("r2").toString()).badInput();
        assertEquals("seal: --replay 2 needs --replay-data F.json (the texts to replay)", noReplayData);
        assertEquals("seal: --workers must be >= 1, got 0", Cli.run("knowledge", "--model", model.toString(), "--data", eval.toString(),
                "--workers", "0", "--out", tmp.resolve("r3").toString()).badInput());
        assertFalse(Files.exists(tmp.resolve("r3")), "nothing written");
    }
}
