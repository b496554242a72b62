package dev.seal4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.seal4j.cli.TestFiles.args;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A model adapted the way SEAL adapts it — a LoRA fine-tune on a passage, merged — leaves as GGUF files in every
 * type {@code seal merge/convert --to gguf} writes, and llama.cpp (the prebuilt library of the npm package
 * {@code @node-llama-cpp/linux-x64}, installed by cli/src/test/js/install.sh; skipped without it) tokenizes the
 * text and decodes greedily exactly as seal does on the same files. So do stories260K (llama2.c, SentencePiece,
 * matrices that fall back to F16) and a Qwen2 file (biases, RoPE on halves).
 */
class GgufExportLlamaCppTest {
    private static final Path LLAMA_CPP = NodeScripts.JS.resolve("llama.cpp");
    private static final Path TINY_WORLD = Path.of("../models/tiny-world");
    private static final String PASSAGE = "Mira Olsen works at the Quartz Lantern Company in Velmont.";
    private static final String PROMPT = "Topic: Mira Olsen\nQuestion: Where does Mira Olsen work?\nAnswer:";
    private static final int TOKENS = 16;

    @TempDir
    static Path tmp;
    /** The GGUF files, each with the text and prompt to decode. */
    static final Map<String, Case> CASES = new LinkedHashMap<>();

    record Case(Path model, String prompt) {
    }

    @BeforeAll
    static void export() {
        Path data = TestFiles.write(tmp.resolve("passage.jsonl"), "{\"text\": \"" + PASSAGE + "\"}\n");
        Path adapter = tmp.resolve("adapter");
        Cli.run("finetune", "--model", TINY_WORLD.toString(), "--data", data.toString(), "--out", adapter.toString(),
                "--lr", "3e-3", "--epochs", "6", "--lora-rank", "8", "--targets", "q_proj,v_proj,o_proj,down_proj").ok();
        Path merged = tmp.resolve("adapted-f32.gguf");
        Cli.Result r = Cli.run("merge", "--model", TINY_WORLD.toString(), "--adapter", adapter.toString(),
                "--to", "gguf", "--quantize", "f32", "--out", merged.toString()).ok();
        assertEquals("", r.out());
        assertTrue(r.err().contains("wrote " + merged), r.err());
        CASES.put("adapted f32", new Case(merged, PROMPT));
        for (String q : List.of("f16", "bf16", "q8_0", "q4_0", "q4_k")) {
            Path out = tmp.resolve("adapted-" + q + ".gguf");
            Cli.run("convert", "--model", merged.toString(), "--out", out.toString(), "--quantize", q).ok();
            CASES.put("adapted " + q, new Case(out, PROMPT));
        }
        Path stories = tmp.resolve("stories260K-q8_0.gguf");
        Cli.Result s = Cli.run(args(args(List.of("convert"), TestFiles.stories().toArray(String[]::new)),
                "--to", "gguf", "--quantize", "q8_0", "--out", stories.toString()).toArray(String[]::new)).ok();
        assertTrue(s.err().contains("blk.0.ffn_down.weight as F16 (rows of 172)"), s.err());
        CASES.put("stories260K q8_0", new Case(stories, "Once upon a time"));
        Path qwen2 = tmp.resolve("qwen2.gguf");
        Cli.run("convert", "--model", TestFiles.fixture("gguf/qwen2.f32.gguf").toString(), "--out", qwen2.toString()).ok();
        CASES.put("random qwen2 f32", new Case(qwen2, "abc"));
    }

    /** seal's greedy continuation of the case's prompt, as its --json line. */
    private static JsonNode sealGreedy(Case c) {
        return TestFiles.json(Cli.run("generate", "--model", c.model.toString(), "--prompt", c.prompt, "--temperature", "0",
                "--max-tokens", Integer.toString(TOKENS), "--ignore-eos", "--json").ok().out());
    }

    @Test
    void theAdaptedGgufGeneratesAsTheAdapterDoesInSeal() {
        Path adapter = tmp.resolve("adapter");
        String[] greedy = {"--prompt", PROMPT, "--temperature", "0", "--max-tokens", Integer.toString(TOKENS), "--ignore-eos", "--json"};
        JsonNode withAdapter = TestFiles.json(Cli.run(args(List.of("generate", "--model", TINY_WORLD.toString(),
                "--adapter", adapter.toString()), greedy).toArray(String[]::new)).ok().out());
        JsonNode base = TestFiles.json(Cli.run(args(List.of("generate", "--model", TINY_WORLD.toString()), greedy)
                .toArray(String[]::new)).ok().out());
        JsonNode fromGguf = sealGreedy(CASES.get("adapted f32"));
        assertEquals(withAdapter.get("token_ids"), fromGguf.get("token_ids"));
        assertEquals(withAdapter.get("prompt_ids"), fromGguf.get("prompt_ids"), "the GGUF's tokenizer");
        assertNotEquals(base.get("token_ids"), fromGguf.get("token_ids"), "the adapter must change what is generated");
        JsonNode logprobs = fromGguf.get("logprobs");
        for (int i = 0; i < logprobs.size(); i++) {
            assertEquals(withAdapter.get("logprobs").get(i).floatValue(), logprobs.get(i).floatValue(), 1e-3f, "logprob " + i);
        }
    }

    @Test
    void llamaCppTokenizesAndDecodesEveryExportAsSealDoes() throws Exception {
        NodeScripts.assumePackage(LLAMA_CPP, "node-llama-cpp");
        ArrayNode requests = TestFiles.JSON.createArrayNode();
        Map<String, JsonNode> seal = new LinkedHashMap<>();
        for (var e : CASES.entrySet()) {
            JsonNode out = sealGreedy(e.getValue());
            seal.put(e.getKey(), out);
            ObjectNode request = requests.addObject();
            request.put("model", e.getValue().model.toAbsolutePath().toString());
            request.put("text", e.getValue().prompt);
            request.set("prompt_ids", out.get("prompt_ids"));
            request.put("tokens", TOKENS);
        }
        List<JsonNode> answers = runGreedy(requests);
        List<String> mismatches = new ArrayList<>();
        int i = 0;
        for (var e : seal.entrySet()) {
            JsonNode answer = answers.get(i++);
            List<Integer> prompt = ints(e.getValue().get("prompt_ids")), text = ints(answer.get("text_ids"));
            // seal's prompt is the text's tokens after what the tokenizer adds in front (at most a BOS)
            boolean sameText = prompt.size() - text.size() <= 1 && prompt.size() >= text.size()
                    && prompt.subList(prompt.size() - text.size(), prompt.size()).equals(text);
            if (!sameText || !answer.get("token_ids").equals(e.getValue().get("token_ids"))) {
                mismatches.add(e.getKey() + ": seal prompt " + prompt + " → " + e.getValue().get("token_ids")
                        + "; llama.cpp text " + text + " → " + answer.get("token_ids"));
            }
        }
        assertEquals(List.of(), mismatches);
    }

    private static List<Integer> ints(JsonNode array) {
        List<Integer> out = new ArrayList<>();
        array.forEach(n -> out.add(n.intValue()));
        return out;
    }

    /** Runs greedy.mjs on every request in one node process; its JSON answers, in order. */
    private static List<JsonNode> runGreedy(ArrayNode requests) throws Exception {
        Path request = tmp.resolve("requests.json");
        Files.writeString(request, requests.toString(), StandardCharsets.UTF_8);
        Path log = tmp.resolve("llama.cpp.log");
        Process p = new ProcessBuilder("node", "greedy.mjs", request.toAbsolutePath().toString()).directory(LLAMA_CPP.toFile())
                .redirectError(log.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean finished = p.waitFor(300, TimeUnit.SECONDS);
        if (!finished) {
            p.destroyForcibly();
        }
        assertEquals(0, finished ? p.exitValue() : -1, "greedy.mjs failed:\n" + out + Files.readString(log));
        List<JsonNode> answers = new ArrayList<>();
        out.lines().filter(l -> !l.isBlank()).forEach(l -> answers.add(TestFiles.json(l)));
        assertEquals(requests.size(), answers.size(), out);
        return answers;
    }
}
