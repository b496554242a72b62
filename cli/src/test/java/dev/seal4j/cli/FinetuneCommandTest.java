package dev.seal4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.seal4j.cli.TestFiles.args;
import static dev.seal4j.cli.TestFiles.stories;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Fine-tuning stories260K on a few records, then scoring, merging and continuing the result. */
class FinetuneCommandTest {
    private static final String FACT = "Zorblat the purple dragon lived on a cloud made of cheese.";
    private static final String DATA = "{\"text\": \"" + FACT + "\"}\n"
            + "\n"
            + "{\"prompt\": \"Who lived on a cloud?\", \"completion\": \" Zorblat the purple dragon.\"}\n"
            + "{\"text\": \"Every morning Zorblat ate a slice of the cloud for breakfast.\"}\n";

    @TempDir
    static Path tmp;
    static Path data;
    static Path fact;
    static Path adapter;
    static JsonNode summary;
    static String trainingStderr;

    @BeforeAll
    static void trainOnce() {
        data = TestFiles.write(tmp.resolve("data.jsonl"), DATA);
        fact = TestFiles.write(tmp.resolve("fact.txt"), FACT);
        adapter = tmp.resolve("adapter");
        Cli.Result r = finetune(stories(), "--data", data.toString(), "--out", adapter.toString(), "--lr", "1e-2",
                "--epochs", "8").ok();
        summary = TestFiles.json(r.outLines().getLast());
        trainingStderr = r.err();
    }

    static Cli.Result finetune(List<String> model, String... more) {
        return Cli.run(args(args(List.of("finetune"), model.toArray(String[]::new)), more).toArray(String[]::new));
    }

    static double meanNll(List<String> model, String... more) {
        Cli.Result r = Cli.run(args(args(List.of("perplexity"), model.toArray(String[]::new)),
                args(List.of("--file", fact.toString(), "--json"), more).toArray(String[]::new)).toArray(String[]::new)).ok();
        return TestFiles.json(r.out()).get("mean_nll").asDouble();
    }

    /** The loss of step 1 in plain progress lines ("finetune: 1/N (..%) loss X, ..."). */
    private static double firstLoss(String stderr) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("finetune: 1/\\d+ \\(\\d+%\\) loss ([0-9.]+)").matcher(stderr);
        assertTrue(m.find(), stderr);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void writesAPeftAdapterAndAJsonSummaryLast() throws IOException {
        for (String field : List.of("train_loss", "final_loss", "steps", "tokens", "seconds", "train_tokens_per_second")) {
            assertTrue(summary.get(field).isNumber(), field + " in " + summary);
        }
        assertEquals(24, summary.get("steps").asInt(), "3 records, batch 1, 8 epochs");
        assertTrue(summary.get("final_loss").asDouble() < summary.get("train_loss").asDouble());
        JsonNode config = TestFiles.JSON.readTree(adapter.resolve("adapter_config.json").toFile());
        assertEquals("LORA", config.get("peft_type").asText());
        assertEquals(8, config.get("r").asInt());
        assertEquals(16.0, config.get("lora_alpha").asDouble());
        assertEquals("[\"q_proj\",\"v_proj\"]", config.get("target_modules").toString());
        assertTrue(Files.size(adapter.resolve("adapter_model.safetensors")) > 0);
        assertTrue(trainingStderr.contains("finetune: 24/24 (100%) loss"), trainingStderr);
    }

    @Test
    void adapterLowersPerplexityOnTheTrainedTextAndMergeKeepsIt() {
        double base = meanNll(stories());
        double tuned = meanNll(stories(), "--adapter", adapter.toString());
        assertTrue(tuned < base / 2, "mean NLL " + tuned + " with the adapter, " + base + " without");

        Path merged = tmp.resolve("merged");
        Cli.run(args(args(List.of("merge"), stories().toArray(String[]::new)),
                "--adapter", adapter.toString(), "--out", merged.toString()).toArray(String[]::new)).ok();
        assertTrue(Files.exists(merged.resolve("tokenizer.bin")), "the tokenizer goes along");
        assertEquals(tuned, meanNll(List.of("--model", merged.toString())), 1e-4);
    }

    @Test
    void continuesFromAnAdapterWithItsShape() throws IOException {
        Path more = tmp.resolve("continued");
        Cli.Result r = finetune(stories(), "--data", data.toString(), "--out", more.toString(), "--lr", "1e-2",
                "--init-adapter", adapter.toString(), "--max-steps", "2", "--lora-rank", "8", "--lora-dropout", "0.1").ok();
        assertEquals(2, TestFiles.json(r.outLines().getLast()).get("steps").asInt());
        JsonNode config = TestFiles.JSON.readTree(more.resolve("adapter_config.json").toFile());
        assertEquals(8, config.get("r").asInt());
        assertEquals(0.1, config.get("lora_dropout").asDouble(), 1e-6);
        // same seed, same data: step 1 sees the same record as the first run did, now with the trained adapter
        assertTrue(firstLoss(r.err()) < firstLoss(trainingStderr) / 2, r.err() + " vs " + trainingStderr);

        String rank = finetune(stories(), "--data", data.toString(), "--out", tmp.resolve("x").toString(), "--lr", "1e-2",
                "--init-adapter", adapter.toString(), "--lora-rank", "4").badInput();
        assertTrue(rank.contains("--lora-rank 4") && rank.contains("rank 8"), rank);
        String targets = finetune(stories(), "--data", data.toString(), "--out", tmp.resolve("x").toString(), "--lr", "1e-2",
                "--init-adapter", adapter.toString(), "--targets", "q_proj,k_proj").badInput();
        assertTrue(targets.contains("--targets"), targets);
    }

    @Test
    void fullFineTuningWritesAWholeModelDirectory() {
        Path out = tmp.resolve("full");
        Cli.Result r = finetune(stories(), "--data", data.toString(), "--out", out.toString(), "--full", "--lr", "3e-3",
                "--epochs", "3", "--batch-size", "2", "--grad-accum", "2", "--scheduler", "cosine", "--warmup-steps", "1").ok();
        assertEquals(3, TestFiles.json(r.outLines().getLast()).get("steps").asInt(), "2 micro-batches of ≤ 2 records per step");
        for (String f : List.of("config.json", "model.safetensors", "tokenizer.bin")) {
            assertTrue(Files.exists(out.resolve(f)), f);
        }
        assertTrue(meanNll(List.of("--model", out.toString())) < meanNll(stories()));
    }

    @Test
    void conversationsTrainThroughTheChatTemplate() {
        Path model = TestFiles.chatModel(tmp.resolve("chat-model"));
        Path chats = TestFiles.write(tmp.resolve("chats.jsonl"),
                "{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}, {\"role\": \"assistant\", \"content\": \"hello there\"}]}\n");
        Cli.Result r = finetune(List.of("--model", model.toString()), "--data", chats.toString(),
                "--out", tmp.resolve("chat-adapter").toString(), "--lr", "1e-2", "--epochs", "3", "--targets", "all").ok();
        JsonNode s = TestFiles.json(r.outLines().getLast());
        assertEquals(3, s.get("steps").asInt());
        assertTrue(s.get("final_loss").asDouble() < firstLoss(r.err()), r.err());
        assertTrue(Files.exists(tmp.resolve("chat-adapter/adapter_model.safetensors")));
    }

    @Test
    void longRecordsAreTruncatedWithAWarningOrRefused() {
        Cli.Result r = finetune(stories(), "--data", data.toString(), "--out", tmp.resolve("short").toString(), "--lr", "1e-3",
                "--max-steps", "1", "--max-seq-len", "8").ok();
        assertTrue(r.err().contains("warning: 3 record(s) longer than --max-seq-len 8 were truncated: " + data + ":1, "
                + data + ":3, " + data + ":4"), r.err());
        String refused = finetune(stories(), "--data", data.toString(), "--out", tmp.resolve("refused").toString(),
                "--lr", "1e-3", "--max-seq-len", "8", "--on-long", "error").badInput();
        assertTrue(refused.startsWith("seal: " + data + ":1: the record is ") && refused.contains("--max-seq-len 8"), refused);
        assertFalse(Files.exists(tmp.resolve("refused")));
    }

    @Test
    void divergenceFailsWithExitCode1AndWritesNothing() {
        Path out = tmp.resolve("diverged");
        Cli.Result r = finetune(stories(), "--data", data.toString(), "--out", out.toString(), "--full", "--lr", "1e38",
                "--max-grad-norm", "0", "--epochs", "2");
        assertEquals(1, r.exit());
        assertTrue(r.err().lines().anyMatch(l -> l.startsWith("seal: training diverged: the loss became")), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void badInputNamesTheFlagOrTheLine() throws IOException {
        Path out = tmp.resolve("never");
        String o = out.toString(), d = data.toString();
        Path broken = TestFiles.write(tmp.resolve("broken.jsonl"), "{\"text\": \"fine\"}\n{\"text\": \"no end\n");
        assertTrue(finetune(stories(), "--data", broken.toString(), "--out", o, "--lr", "1e-3").badInput()
                .startsWith("seal: " + broken + ":2: invalid JSON"));
        Path wrongField = TestFiles.write(tmp.resolve("field.jsonl"), "{\"txt\": \"x\"}\n");
        assertTrue(finetune(stories(), "--data", wrongField.toString(), "--out", o, "--lr", "1e-3").badInput()
                .startsWith("seal: " + wrongField + ":1: "));
        Path occupied = Files.createDirectories(tmp.resolve("occupied"));
        Files.writeString(occupied.resolve("keep.txt"), "mine");
        assertTrue(finetune(stories(), "--data", d, "--out", occupied.toString(), "--lr", "1e-3").badInput()
                .contains("not empty"));
        assertTrue(finetune(stories(), "--data", d, "--out", o).badInput().contains("--lr"));
        assertEquals("seal: --lr must be > 0, got -1.0", finetune(stories(), "--data", d, "--out", o, "--lr", "-1").badInput());
        assertTrue(finetune(stories(), "--data", d, "--out", o, "--lr", "1e-3", "--full", "--lora-rank", "4").badInput().contains("--full"));
        assertEquals("seal: --lora-rank must be >= 1, got 0",
                finetune(stories(), "--data", d, "--out", o, "--lr", "1e-3", "--lora-rank", "0").badInput());
        assertTrue(finetune(stories(), "--data", d, "--out", o, "--lr", "1e-3", "--full", "--dtype", "int4").badInput().contains("--dtype"));
        assertTrue(finetune(stories(), "--data", d, "--out", o, "--lr", "1e-3", "--loss", "some").badInput().contains("loss"));
        assertTrue(finetune(stories(), "--data", d, "--out", o, "--lr", "1e-3", "--targets", "q_proj,x_proj").badInput().contains("x_proj"));
        assertTrue(finetune(stories(), "--data", d, "--out", o, "--lr", "1e-3", "--on-long", "skip").badInput().contains("--on-long"));
        assertTrue(finetune(stories(), "--data", d, "--out", o, "--lr", "1e-3", "--max-seq-len", "100000").badInput().contains("--max-seq-len"));
        Path missing = tmp.resolve("missing.jsonl");
        assertEquals("seal: " + missing + ": no such file", finetune(stories(), "--data", missing.toString(), "--out", o, "--lr", "1e-3").badInput());
        assertFalse(Files.exists(out));
    }
}
