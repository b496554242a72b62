package dev.seal4j.engine.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every line of the shared reference encodings (made by transformers.js) must match exactly. */
class ByteLevelBpeReferenceTest {

    @ParameterizedTest
    @ValueSource(strings = {"qwen3", "llama3"})
    void matchesReferenceEncodings(String model) {
        Path dir = SharedFiles.require("tokenizers/" + model);
        Tokenizer tokenizer = SharedFiles.tokenizer("tokenizers/" + model);
        for (JsonNode line : SharedFiles.jsonLines(dir.resolve("reference_encodings.jsonl"))) {
            String text = line.get("text").textValue();
            int[] ids = SharedFiles.ints(line.get("ids"));
            String what = model + " " + text;
            assertEquals(Arrays.toString(ids), Arrays.toString(tokenizer.encode(text)), what);
            assertArrayEquals(SharedFiles.ints(line.get("ids_with_special")), tokenizer.encodeWithSpecial(text), what);
            assertEquals(line.get("decoded").textValue(), tokenizer.decode(ids), what);
        }
    }
}
