package dev.seal4j.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.seal4j.cli.TestFiles.STORIES_GOLDEN;
import static dev.seal4j.cli.TestFiles.args;
import static dev.seal4j.cli.TestFiles.stories;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConvertCommandTest {

    @Test
    void stories260KAsAHuggingFaceDirectoryGivesTheGoldenText(@TempDir Path tmp) {
        Path out = tmp.resolve("stories-hf");
        Cli.Result r = Cli.run(args(args(List.of("convert"), stories().toArray(String[]::new)), "--out", out.toString())
                .toArray(String[]::new)).ok();
        assertEquals("", r.out());
        for (String f : List.of("config.json", "model.safetensors", "tokenizer.bin")) {
            assertTrue(Files.exists(out.resolve(f)), f);
        }
        Cli.Result g = Cli.run("generate", "--model", out.toString(), "--prompt", "", "--temperature", "0", "--max-tokens", "60").ok();
        assertEquals(STORIES_GOLDEN + "\n", g.out());
        // and as bf16, the tokenizer named explicitly
        Path bf16 = tmp.resolve("bf16");
        Cli.run("convert", "--model", out.toString(), "--out", bf16.toString(), "--dtype", "bf16").ok();
        String inspect = Cli.run("inspect", "--model", bf16.toString(), "--json").ok().out();
        assertTrue(TestFiles.json(inspect).get("dtypes").has("BF16"), inspect);
    }

    @Test
    void quantizedGgufConvertsToTheSameGreedyTokens(@TempDir Path tmp) {
        Path gguf = TestFiles.fixture("gguf/llama_untied.q8_0.gguf");
        Path out = tmp.resolve("hf");
        Cli.Result r = Cli.run("convert", "--model", gguf.toString(), "--out", out.toString()).ok();
        assertTrue(r.err().contains("warning") && r.err().contains("--tokenizer " + gguf), r.err());
        String[] greedy = {"--prompt", "abc", "--temperature", "0", "--max-tokens", "12", "--ignore-eos", "--json"};
        var fromGguf = TestFiles.json(Cli.run(args(List.of("generate", "--model", gguf.toString()), greedy)
                .toArray(String[]::new)).ok().out());
        var fromHf = TestFiles.json(Cli.run(args(List.of("generate", "--model", out.toString(), "--tokenizer", gguf.toString()),
                greedy).toArray(String[]::new)).ok().out());
        assertEquals(fromGguf.get("token_ids"), fromHf.get("token_ids"));
        assertEquals(fromGguf.get("text"), fromHf.get("text"));
    }

    @Test
    void badInput(@TempDir Path tmp) {
        Path out = tmp.resolve("o");
        assertTrue(Cli.run("convert", "--model", TestFiles.fixture("hf/llama").toString(), "--out", out.toString(), "--dtype", "q8")
                .badInput().contains("--dtype"));
        Cli.run("convert", "--model", TestFiles.fixture("hf/llama").toString(), "--out", out.toString()).ok();
        assertTrue(Cli.run("convert", "--model", TestFiles.fixture("hf/llama").toString(), "--out", out.toString())
                .badInput().contains("--out"));
        String adapterMismatch = Cli.run("merge", "--model", TestFiles.fixture("hf/mistral").toString(),
                "--adapter", TestFiles.fixture("training/adamw/llama/adapter_init").toString(), "--out", tmp.resolve("m").toString()).badInput();
        assertTrue(adapterMismatch.contains("does not fit"), adapterMismatch);
    }

    @Test
    void ggufOutputRefusesBadFlagsAndExistingFilesBeforeAnyWork(@TempDir Path tmp) throws Exception {
        String model = TestFiles.fixture("gguf/qwen2.f32.gguf").toString();
        Path out = tmp.resolve("m.gguf");
        assertTrue(Cli.run("convert", "--model", model, "--out", out.toString(), "--quantize", "q5_k").badInput()
                .contains("--quantize must be one of f32, f16, bf16, q8_0, q4_0, q4_k, got 'q5_k'"));
        assertTrue(Cli.run("convert", "--model", model, "--out", out.toString(), "--dtype", "bf16").badInput()
                .contains("--dtype is for Hugging Face output"));
        assertTrue(Cli.run("convert", "--model", model, "--out", tmp.resolve("d").toString(), "--quantize", "q8_0").badInput()
                .contains("--quantize is for GGUF output"));
        assertTrue(Cli.run("convert", "--model", model, "--out", out.toString(), "--to", "onnx").badInput().contains("--to"));
        String noTokenizer = Cli.run("convert", "--model", TestFiles.fixture("hf/llama").toString(), "--to", "gguf",
                "--out", tmp.resolve("x").toString()).badInput();
        assertTrue(noTokenizer.contains("pass --tokenizer"), noTokenizer);
        Cli.Result ok = Cli.run("convert", "--model", model, "--out", out.toString(), "--quantize", "q8_0").ok();
        assertTrue(ok.err().contains("tensors: ") && ok.err().contains("Q8_0"), ok.err());
        byte[] written = Files.readAllBytes(out);
        assertTrue(Cli.run("convert", "--model", model, "--out", out.toString()).badInput().contains("already exists"));
        assertTrue(java.util.Arrays.equals(written, Files.readAllBytes(out)), "an existing output is never touched");
        try (var left = Files.list(tmp)) {
            assertEquals(List.of("m.gguf"), left.map(p -> p.getFileName().toString()).toList(), "no temporary files left");
        }
    }
}
