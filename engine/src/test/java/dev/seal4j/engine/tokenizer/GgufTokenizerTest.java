package dev.seal4j.engine.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seal4j.engine.BadInputException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tokenizers built from GGUF metadata, here written the way llama.cpp's converter writes it from the shared
 * tokenizer files, must encode exactly like the tokenizers loaded from those files.
 */
class GgufTokenizerTest {

    @Test
    void qwen3FromGgufMetadataMatchesReferenceEncodings() throws IOException {
        checkAgainstReferences("qwen3", "qwen2");
    }

    @Test
    void llama3FromGgufMetadataMatchesReferenceEncodings() throws IOException {
        checkAgainstReferences("llama3", "llama-bpe");
    }

    @Test
    void addBosTokenPrependsBos() throws IOException {
        Path dir = SharedFiles.require("tokenizers/llama3");
        Map<String, Object> metadata = byteLevelMetadata(dir, "llama-bpe");
        metadata.put("tokenizer.ggml.add_bos_token", true);
        Tokenizer t = Tokenizers.fromGguf(metadata, null);
        int[] ids = t.encodeWithSpecial("Hello");
        assertEquals(128000, ids[0]);
        assertArrayEquals(t.encode("Hello"), Arrays.copyOfRange(ids, 1, ids.length));
    }

    @Test
    void sentencePieceFromGgufMetadataMatchesTokenizerBin() throws IOException {
        Path bin = SharedFiles.require("models/stories260K/tok512.bin");
        Tokenizer fromBin = Tokenizers.load(bin);
        Tokenizer fromGguf = Tokenizers.fromGguf(sentencePieceMetadata(bin), null);
        for (String text : List.of("Once upon a time, there was a little girl named Lily.", "😀 café", "  two\n\tx", "")) {
            assertArrayEquals(fromBin.encodeWithSpecial(text), fromGguf.encodeWithSpecial(text), text);
            assertEquals(text, fromGguf.decode(fromGguf.encodeWithSpecial(text), true));
        }
        assertArrayEquals(new int[] {1, 2}, fromGguf.encode("<s></s>"), "control tokens written in the text are matched");
    }

    @Test
    void badMetadataIsBadInputNamingTheKey() {
        Map<String, Object> m = new HashMap<>();
        m.put("tokenizer.ggml.model", "gpt2");
        assertTrue(assertThrows(BadInputException.class, () -> Tokenizers.fromGguf(m, Path.of("x.gguf")))
                .getMessage().startsWith("x.gguf: tokenizer.ggml.tokens"));
        m.put("tokenizer.ggml.model", "t5");
        assertTrue(assertThrows(BadInputException.class, () -> Tokenizers.fromGguf(m, null))
                .getMessage().contains("'t5'"));
        m.put("tokenizer.ggml.model", "gpt2");
        m.put("tokenizer.ggml.tokens", List.of("a", "b"));
        m.put("tokenizer.ggml.merges", List.of("a c"));
        assertTrue(assertThrows(BadInputException.class, () -> Tokenizers.fromGguf(m, null))
                .getMessage().contains("'c'"));
    }

    private static void checkAgainstReferences(String model, String pre) throws IOException {
        Path dir = SharedFiles.require("tokenizers/" + model);
        Tokenizer t = Tokenizers.fromGguf(byteLevelMetadata(dir, pre), null);
        for (JsonNode line : SharedFiles.jsonLines(dir.resolve("reference_encodings.jsonl"))) {
            String text = line.get("text").textValue();
            assertArrayEquals(SharedFiles.ints(line.get("ids")), t.encode(text), model + " " + text);
            assertArrayEquals(SharedFiles.ints(line.get("ids_with_special")), t.encodeWithSpecial(text), model + " " + text);
            assertEquals(line.get("decoded").textValue(), t.decode(SharedFiles.ints(line.get("ids"))), model + " " + text);
        }
        Tokenizer fromJson = SharedFiles.tokenizer("tokenizers/" + model);
        assertEquals(fromJson.eosIds().getFirst(), t.eosIds().getFirst());
        assertEquals(fromJson.chatTemplate().orElseThrow().source(), t.chatTemplate().orElseThrow().source());
    }

    /** GGUF metadata for a byte-level BPE tokenizer, from tokenizer.json and tokenizer_config.json. */
    private static Map<String, Object> byteLevelMetadata(Path dir, String pre) throws IOException {
        JsonNode json = SharedFiles.JSON.readTree(dir.resolve("tokenizer.json").toFile());
        JsonNode config = SharedFiles.JSON.readTree(dir.resolve("tokenizer_config.json").toFile());
        Map<Integer, String> tokens = new HashMap<>();
        Map<Integer, Integer> types = new HashMap<>();
        json.get("model").get("vocab").properties().forEach(e -> tokens.put(e.getValue().intValue(), e.getKey()));
        for (JsonNode added : json.get("added_tokens")) {
            tokens.put(added.get("id").intValue(), added.get("content").textValue());
            types.put(added.get("id").intValue(), added.get("special").booleanValue() ? 3 : 4);
        }
        List<String> tokenList = new ArrayList<>();
        List<Integer> typeList = new ArrayList<>();
        for (int id = 0; id < tokens.size(); id++) {
            tokenList.add(tokens.get(id));
            typeList.add(types.getOrDefault(id, 1));
        }
        List<String> merges = new ArrayList<>();
        for (JsonNode m : json.get("model").get("merges")) {
            merges.add(m.isArray() ? m.get(0).textValue() + " " + m.get(1).textValue() : m.textValue());
        }
        Map<String, Object> metadata = new HashMap<>();
        metadata.put("tokenizer.ggml.model", "gpt2");
        metadata.put("tokenizer.ggml.pre", pre);
        metadata.put("tokenizer.ggml.tokens", tokenList);
        metadata.put("tokenizer.ggml.token_type", typeList);
        metadata.put("tokenizer.ggml.merges", merges);
        metadata.put("tokenizer.ggml.eos_token_id", (long) tokenList.indexOf(config.get("eos_token").textValue()));
        metadata.put("tokenizer.ggml.add_bos_token", false);
        metadata.put("tokenizer.chat_template", config.get("chat_template").textValue());
        if (config.hasNonNull("bos_token")) {
            metadata.put("tokenizer.ggml.bos_token_id", tokenList.indexOf(config.get("bos_token").textValue()));
        }
        return metadata;
    }

    /** GGUF metadata for a SentencePiece tokenizer, read from a llama2.c tokenizer.bin. */
    private static Map<String, Object> sentencePieceMetadata(Path bin) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(bin)).order(ByteOrder.LITTLE_ENDIAN);
        in.getInt();
        List<String> tokens = new ArrayList<>();
        List<Float> scores = new ArrayList<>();
        List<Integer> types = new ArrayList<>();
        while (in.hasRemaining()) {
            scores.add(in.getFloat());
            byte[] bytes = new byte[in.getInt()];
            in.get(bytes);
            String piece = new String(bytes, StandardCharsets.UTF_8);
            int id = tokens.size();
            types.add(id == 0 ? 2 : id <= 2 ? 3 : piece.matches("<0x[0-9A-F]{2}>") ? 6 : 1);
            tokens.add(id == 1 ? "<s>" : id == 2 ? "</s>" : piece.replace(' ', '\u2581'));
        }
        Map<String, Object> metadata = new HashMap<>();
        metadata.put("tokenizer.ggml.model", "llama");
        metadata.put("tokenizer.ggml.tokens", tokens);
        metadata.put("tokenizer.ggml.scores", scores);
        metadata.put("tokenizer.ggml.token_type", types);
        metadata.put("tokenizer.ggml.bos_token_id", 1);
        metadata.put("tokenizer.ggml.eos_token_id", 2);
        metadata.put("tokenizer.ggml.unknown_token_id", 0);
        return metadata;
    }
}
