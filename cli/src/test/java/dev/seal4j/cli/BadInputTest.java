package dev.seal4j.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The value checks of issue 15 (defects 2-4, 6-8, 12): each input that once ran out of memory, printed a stack
 * trace, ran on silently with a wrong value or wrote where it must not is refused with one line naming the file,
 * field or flag, exit 2 and nothing written.
 */
class BadInputTest {

    private static Path withConfig(Path tmp, String field, Object value) throws IOException {
        Path model = TestFiles.chatModel(tmp.resolve("m-" + field + "-" + value));
        ObjectNode config = (ObjectNode) TestFiles.JSON.readTree(model.resolve("config.json").toFile());
        config.set(field, TestFiles.JSON.valueToTree(value));
        Files.writeString(model.resolve("config.json"), TestFiles.JSON.writeValueAsString(config));
        return model;
    }

    private static Path builtInModel() {
        return Path.of("../models/tiny-world");
    }

    @Test
    void aTokenIdTooLargeForAnyVocabularyIsRefusedNotAllocated(@TempDir Path tmp) throws IOException {
        Path model = TestFiles.chatModel(tmp.resolve("m"));
        ObjectNode tokenizer = (ObjectNode) TestFiles.JSON.readTree(model.resolve("tokenizer.json").toFile());
        tokenizer.withArray("added_tokens").addObject().put("id", 1_000_000_000).put("content", "<big>").put("special", true);
        Files.writeString(model.resolve("tokenizer.json"), TestFiles.JSON.writeValueAsString(tokenizer));
        String line = Cli.run("tokenize", "--tokenizer", model.toString(), "--text", "hi").badInput();
        assertTrue(line.contains("tokenizer.json: added_tokens[2].id must be from 0 to 16777215, got 1000000000"), line);
    }

    @Test
    void configValuesOutsideTheirRangeAreRefused(@TempDir Path tmp) throws IOException {
        for (Object eps : List.of(-1, 0)) {
            String line = Cli.run("inspect", "--model", withConfig(tmp, "rms_norm_eps", eps).toString()).badInput();
            assertTrue(line.contains("config.json: rms_norm_eps must be a positive number, got " + eps), line);
        }
        for (Object theta : List.of(0, -5, 1e300)) {
            String line = Cli.run("generate", "--model", withConfig(tmp, "rope_theta", theta).toString(), "--prompt", "x",
                    "--max-tokens", "1").badInput();
            assertTrue(line.contains("config.json: rope_theta must be a positive number"), line);
        }
        String line = Cli.run("generate", "--model", withConfig(tmp, "hidden_act", "gelu_foo").toString(), "--prompt", "x").badInput();
        assertTrue(line.contains("config.json: hidden_act 'gelu_foo' is not supported"), line);
    }

    @Test
    void aLoraRankBeyondTheWeightsIsRefusedBeforeAllocating(@TempDir Path tmp) {
        Path model = TestFiles.chatModel(tmp.resolve("m"));
        Path data = TestFiles.write(tmp.resolve("d.jsonl"), "{\"prompt\": \"a\", \"completion\": \"b\"}\n");
        Path out = tmp.resolve("adapter");
        String line = Cli.run("finetune", "--model", model.toString(), "--data", data.toString(), "--lr", "1e-3",
                "--lora-rank", "100000", "--out", out.toString()).badInput();
        assertEquals("seal: LoRA rank 100000 is larger than v_proj's 16 x 32 weight allows (at most 16)", line);
        assertFalse(Files.exists(out));
    }

    @Test
    void aDirectoryGivenAsDataIsNamed(@TempDir Path tmp) {
        Path model = TestFiles.chatModel(tmp.resolve("m"));
        String line = Cli.run("finetune", "--model", model.toString(), "--data", tmp.toString(), "--lr", "1e-3",
                "--out", tmp.resolve("adapter").toString()).badInput();
        assertEquals("seal: " + tmp + ": is a directory, not a file", line);
    }

    @Test
    void worldFlagsAreCheckedBeforeAnythingRuns(@TempDir Path tmp) throws IOException {
        for (String people : List.of("-1", "0")) {
            assertEquals("seal: --people must be >= 1, got " + people,
                    Cli.run("world", "eval", "--model", builtInModel().toString(), "--people", people).badInput());
        }
        String help = Cli.run("world", "eval", "--help").ok().out().replaceAll("\\s+", " ");
        assertTrue(help.contains("percentages (fractions with --json)") && help.contains("in nats per token"), help);

        Path existing = TestFiles.write(tmp.resolve("eval.json"), "keep me");
        assertEquals("seal: --out " + existing + ": already exists; choose a new path",
                Cli.run("world", "export", "--world-seed", "1", "--split", "eval", "--out", existing.toString()).badInput());
        assertEquals("keep me", Files.readString(existing));
        Path fresh = tmp.resolve("fresh.json");
        Cli.run("world", "export", "--world-seed", "1", "--split", "eval", "--out", fresh.toString()).ok();
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh)),
                "an export is an ordinary readable file, like every other output");
    }

    @Test
    void pretrainNeitherWritesIntoAnotherFolderNorTakesANegativeStepCount(@TempDir Path tmp) throws IOException {
        Path used = TestFiles.write(tmp.resolve("used/notes.txt"), "mine").getParent();
        assertEquals("seal: --out " + used + ": already exists and is not empty; choose a new path",
                Cli.run("pretrain", "--recipe", "small", "--out", used.toString()).badInput());
        try (var files = Files.list(used)) {
            assertEquals(List.of(used.resolve("notes.txt")), files.toList());
        }
        assertEquals("seal: --max-steps-now must be >= 0 (0: run to the end), got -1",
                Cli.run("pretrain", "--recipe", "small", "--out", tmp.resolve("new").toString(), "--max-steps-now", "-1").badInput());
        assertFalse(Files.exists(tmp.resolve("new")));
    }

    @Test
    void brokenJsonInWorldAndAdapterFilesIsOneLine(@TempDir Path tmp) throws IOException {
        Path world = tmp.resolve("world");
        Files.createDirectories(world);
        for (String f : List.of("config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json")) {
            Files.copy(builtInModel().resolve(f), world.resolve(f));
        }
        Files.writeString(world.resolve("world.json"), "{\n  \"world\": nope\n}");
        String line = Cli.run("world", "eval", "--model", world.toString()).badInput();
        assertTrue(line.startsWith("seal: " + world.resolve("world.json") + ": invalid JSON: Unrecognized token 'nope'"), line);
        assertTrue(line.endsWith(" at line 2, column 12"), line);
        Files.writeString(world.resolve("world.json"), "{\"world\": {\"seed\": 1,\n  \"shape\": [1, 2]}}");
        assertEquals("seal: " + world.resolve("world.json") + ": world.shape: expected an object at line 2, column 12",
                Cli.run("world", "eval", "--model", world.toString()).badInput(), "a wrong type is named by its path");

        Path model = TestFiles.chatModel(tmp.resolve("m"));
        Path adapter = Files.createDirectories(tmp.resolve("adapter"));
        Files.writeString(adapter.resolve("adapter_config.json"), "{\"peft_type\": \"LORA\",\n \"r\": 8 8}");
        line = Cli.run("generate", "--model", model.toString(), "--adapter", adapter.toString(), "--prompt", "x").badInput();
        assertTrue(line.startsWith("seal: " + adapter.resolve("adapter_config.json") + ": invalid JSON: "), line);
        assertFalse(line.contains("Source"), line);
    }

    @Test
    void valuesThatOnceRanOnAreRefused(@TempDir Path tmp) {
        Path model = TestFiles.chatModel(tmp.resolve("m"));
        Path data = TestFiles.write(tmp.resolve("d.jsonl"), "{\"prompt\": \"a\", \"completion\": \"b\"}\n");
        for (String flag : List.of("--max-grad-norm", "--weight-decay")) {
            for (String value : List.of("NaN", "Infinity", "-1")) {
                String line = Cli.run("finetune", "--model", model.toString(), "--data", data.toString(), "--lr", "1e-3",
                        flag, value, "--out", tmp.resolve("a").toString()).badInput();
                assertTrue(line.startsWith("seal: " + flag + " must be a finite number >= 0"), line);
            }
        }
        Path both = TestFiles.write(tmp.resolve("both.jsonl"), "{\"text\": \"t\", \"prompt\": \"a\", \"completion\": \"b\"}\n");
        assertEquals("seal: " + both + ":1: has 'prompt'/'completion' and 'text'; a record is one of {text}, "
                        + "{prompt, completion} or {messages}",
                Cli.run("finetune", "--model", model.toString(), "--data", both.toString(), "--lr", "1e-3",
                        "--out", tmp.resolve("a").toString()).badInput());
        assertFalse(Files.exists(tmp.resolve("a")));
    }

    @Test
    void outputsForPeopleStayOnOneLine(@TempDir Path tmp) throws IOException {
        Path model = TestFiles.chatModel(tmp.resolve("m"));
        ObjectNode config = (ObjectNode) TestFiles.JSON.readTree(model.resolve("tokenizer_config.json").toFile());
        config.put("bos_token", "\n");
        Files.writeString(model.resolve("tokenizer_config.json"), TestFiles.JSON.writeValueAsString(config));
        Cli.Result r = Cli.run("inspect", "--model", model.toString()).ok();
        assertTrue(r.outLines().stream().allMatch(l -> l.matches("[a-z ]+: .*")), r.out());

        Cli.Result runs = Cli.run("runs", "list", "--dir", tmp.resolve("runs").toString()).ok();
        assertEquals("no runs in " + tmp.resolve("runs") + "\n", runs.out(), "a fresh checkout has no runs yet");
    }
}
