package dev.seal4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenizeCommandTest {

    /** The shared reference encodings (an independent implementation) fed straight in as --jsonl. */
    @ParameterizedTest
    @ValueSource(strings = {"qwen3", "llama3"})
    void jsonlMatchesTheReferenceEncodings(String name) throws IOException {
        Path reference = TestFiles.shared("tokenizers/" + name + "/reference_encodings.jsonl");
        Path tokenizer = TestFiles.shared("tokenizers/" + name + "/tokenizer.json");
        Cli.Result r = Cli.run("tokenize", "--tokenizer", tokenizer.toString(), "--jsonl", reference.toString()).ok();
        List<String> expected = Files.readAllLines(reference).stream().filter(l -> !l.isBlank()).toList();
        assertEquals(expected.size(), r.outLines().size());
        for (int i = 0; i < expected.size(); i++) {
            JsonNode want = TestFiles.json(expected.get(i));
            JsonNode got = TestFiles.json(r.outLines().get(i));
            assertEquals(want.get("ids"), got.get("ids"), want.get("text").asText());
            assertEquals(1, got.size(), "only ids");
        }
    }

    @Test
    void textAsIdsOrJsonFromEveryKindOfTokenizerFile(@TempDir Path tmp) {
        Path tok512 = TestFiles.storiesTokenizer();
        assertEquals("403 407 261 378\n", Cli.run("tokenize", "--tokenizer", tok512.toString(), "--text", "Once upon a time").ok().out());
        assertEquals("{\"ids\": [403,407,261,378]}\n",
                Cli.run("tokenize", "--tokenizer", tok512.toString(), "--text", "Once upon a time", "--json").ok().out());
        // the GGUF fixtures' placeholder tokenizer has one token per byte
        Cli.Result gguf = Cli.run("tokenize", "--tokenizer", TestFiles.fixture("gguf/qwen2.f32.gguf").toString(), "--text", "Hi").ok();
        assertEquals("72 105\n", gguf.out());
        Path dir = TestFiles.chatModel(tmp.resolve("m"));
        assertEquals("254 72 105 255\n", Cli.run("tokenize", "--tokenizer", dir.toString(), "--text", "<|im_start|>Hi<|im_end|>").ok().out());
    }

    @Test
    void malformedJsonlNamesTheLine(@TempDir Path tmp) {
        Path tok = TestFiles.storiesTokenizer();
        Path in = TestFiles.write(tmp.resolve("in.jsonl"), "{\"text\": \"a\"}\n\n{\"text\": 3}\n");
        assertEquals("seal: " + in + ":3: expected an object with a string field 'text'",
                Cli.run("tokenize", "--tokenizer", tok.toString(), "--jsonl", in.toString()).badInput());
        Path broken = TestFiles.write(tmp.resolve("broken.jsonl"), "{\"text\": \n");
        assertTrue(Cli.run("tokenize", "--tokenizer", tok.toString(), "--jsonl", broken.toString()).badInput()
                .startsWith("seal: " + broken + ":1: invalid JSON"));
        assertTrue(Cli.run("tokenize", "--tokenizer", tok.toString()).badInput().contains("--text"));
    }
}
