package dev.seal4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static dev.seal4j.cli.TestFiles.STORIES_GOLDEN;
import static dev.seal4j.cli.TestFiles.args;
import static dev.seal4j.cli.TestFiles.stories;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GenerateCommandTest {

    static Cli.Result generate(List<String> model, String... more) {
        return Cli.run(args(args(List.of("generate"), model.toArray(String[]::new)), more).toArray(String[]::new));
    }

    @Test
    void greedyFromBosPrintsLlama2cGoldenText() {
        Cli.Result r = generate(stories(), "--prompt", "", "--temperature", "0", "--max-tokens", "60").ok();
        assertEquals(STORIES_GOLDEN + "\n", r.out(), "stdout is exactly the generated text and one newline");
        assertEquals("", r.err());
    }

    @Test
    void llama2cTokenizerNextToTheCheckpointIsFound() {
        Cli.Result r = generate(List.of("--model", TestFiles.storiesModel().toString()),
                "--prompt", "", "--temperature", "0", "--max-tokens", "60").ok();
        assertEquals(STORIES_GOLDEN + "\n", r.out(), "tok512.bin is the only tok*.bin next to stories260K.bin");
    }

    @Test
    void promptIsNotEchoedAndGreedyContinuesTheGoldenStory() {
        Cli.Result r = generate(stories(), "--prompt", "Once upon a time", "--temperature", "0", "--max-tokens", "10").ok();
        assertTrue(STORIES_GOLDEN.startsWith("Once upon a time" + r.out().strip()), r.out());
    }

    @Test
    void promptFromFile(@TempDir Path tmp) {
        Path prompt = TestFiles.write(tmp.resolve("p.txt"), "Once upon a time");
        Cli.Result fromFile = generate(stories(), "--prompt-file", prompt.toString(), "--temperature", "0", "--max-tokens", "12").ok();
        Cli.Result inline = generate(stories(), "--prompt", "Once upon a time", "--temperature", "0", "--max-tokens", "12").ok();
        assertEquals(inline.out(), fromFile.out());
    }

    @Test
    void stopStringEndsTheTextBeforeIt() {
        Cli.Result r = generate(stories(), "--prompt", "", "--temperature", "0", "--max-tokens", "60", "--stop", "Lily").ok();
        assertEquals(STORIES_GOLDEN.substring(0, STORIES_GOLDEN.indexOf("Lily")) + "\n", r.out());
    }

    @Test
    void sameSeedSameTextOtherSeedOtherText() {
        String[] sampling = {"--prompt", "Once upon a time", "--temperature", "1.0", "--max-tokens", "40"};
        String a = generate(args(stories(), sampling), "--seed", "1").ok().out();
        String b = generate(args(stories(), sampling), "--seed", "1").ok().out();
        String c = generate(args(stories(), sampling), "--seed", "2").ok().out();
        assertEquals(a, b);
        assertNotEquals(a, c);
    }

    @Test
    void samplesAsJsonLines() {
        Cli.Result r = generate(stories(), "--prompt", "", "--temperature", "0", "--max-tokens", "60", "--samples", "2", "--json").ok();
        assertEquals(2, r.outLines().size(), r.out());
        for (int i = 0; i < 2; i++) {
            JsonNode line = TestFiles.json(r.outLines().get(i));
            assertEquals(i + 1, line.get("sample").asInt(), "numbered from 1, as the text output's '--- sample i ---'");
            assertEquals(STORIES_GOLDEN, line.get("text").asText());
            assertEquals(60, line.get("tokens").asInt());
            assertEquals("length", line.get("finish_reason").asText());
            assertEquals("[1]", line.get("prompt_ids").toString(), "an empty prompt starts from BOS");
            assertEquals(60, line.get("token_ids").size());
            assertEquals(60, line.get("logprobs").size());
            // the ids decode to the text, and each greedy token is one the model gave some probability
            int[] ids = TestFiles.JSON.convertValue(line.get("token_ids"), int[].class);
            assertEquals(STORIES_GOLDEN, dev.seal4j.engine.tokenizer.Tokenizers.load(TestFiles.storiesTokenizer())
                    .decode(ids, true).strip());
            line.get("logprobs").forEach(p -> assertTrue(p.floatValue() <= 0f && p.floatValue() > -20f, p.toString()));
        }
    }

    @Test
    void ggufModelUsesTheTokenizerInItsMetadata() {
        Cli.Result r = generate(List.of("--model", TestFiles.fixture("gguf/qwen2.q8_0.gguf").toString()),
                "--prompt", "hello", "--max-tokens", "5", "--ignore-eos").ok();
        assertTrue(r.out().endsWith("\n"));
    }

    @Test
    void chatRendersThePromptWithTheTemplate(@TempDir Path tmp) {
        Path model = TestFiles.chatModel(tmp.resolve("m"));
        generate(List.of("--model", model.toString()), "--chat", "--prompt", "hi", "--max-tokens", "4").ok();
        String line = generate(stories(), "--chat", "--prompt", "hi").badInput();
        assertTrue(line.contains("--chat") && line.contains("chat template"), line);
    }

    @Test
    void badInputIsOneLineAndExitCode2(@TempDir Path tmp) {
        assertEquals("seal: --temperature must be >= 0, got -1.0",
                generate(stories(), "--prompt", "x", "--temperature", "-1").badInput());
        assertTrue(generate(stories(), "--prompt", "x", "--top-p", "0").badInput().contains("--top-p"));
        assertTrue(generate(stories(), "--prompt", "x", "--max-tokens", "many").badInput().contains("--max-tokens"));
        assertTrue(generate(stories(), "--prompt", "x", "--samples", "0").badInput().contains("--samples"));
        assertTrue(generate(stories(), "--prompt", "x", "--prompt-file", "f").badInput().contains("mutually exclusive"));
        Path missing = tmp.resolve("missing.bin");
        assertEquals("seal: " + missing + ": no such file",
                generate(List.of("--model", missing.toString()), "--prompt", "x").badInput());
        Path alone = tmp.resolve("alone/stories260K.bin");
        TestFiles.copy(TestFiles.storiesModel(), alone);
        assertTrue(generate(List.of("--model", alone.toString()), "--prompt", "x").badInput()
                .contains("--tokenizer"), "a llama2.c checkpoint without its tokenizer");
        String tooLong = "Once upon a time there was a cat. ".repeat(100);
        assertTrue(generate(stories(), "--prompt", tooLong).badInput().contains("context"));
        String wrongTokenizer = generate(List.of("--model", TestFiles.fixture("hf/llama").toString(),
                "--tokenizer", TestFiles.storiesTokenizer().toString()), "--prompt", "x").badInput();
        assertTrue(wrongTokenizer.contains("512") && wrongTokenizer.contains("256"), wrongTokenizer);
        String otherAdapter = generate(stories(), "--prompt", "x",
                "--adapter", TestFiles.fixture("training/adamw/llama/adapter_init").toString()).badInput();
        assertTrue(otherAdapter.contains("adapter_init"), otherAdapter);
    }
}
