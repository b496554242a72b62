package dev.seal4j.engine.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seal4j.engine.BadInputException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tokenizers written as GGUF metadata and read back encode as the originals do, under the pre-tokenizer names
 * llama.cpp uses. (That llama.cpp itself tokenizes such a file the same way is checked by the CLI's GGUF
 * export test against the npm package's llama.cpp.)
 */
class GgufTokenizerWriterTest {
    private static final List<String> TEXTS = List.of("Hello, world!", "  two spaces\n\tand a tab", "numbers 1234567 and 3.14",
            "café naïve 😀 日本語", "it's we'll THEY'RE", "<|endoftext|> after a special token", "");

    private static void assertSameEncodings(Tokenizer expected, Tokenizer actual, List<String> texts) {
        for (String text : texts) {
            assertArrayEquals(expected.encode(text), actual.encode(text), text);
            assertArrayEquals(expected.encodeWithSpecial(text), actual.encodeWithSpecial(text), text);
            int[] ids = expected.encode(text);
            assertEquals(expected.decode(ids), actual.decode(ids), text);
        }
        assertEquals(expected.bosId(), actual.bosId());
        assertEquals(expected.eosIds(), actual.eosIds());
        assertEquals(expected.chatTemplate().map(ChatTemplate::sources), actual.chatTemplate().map(ChatTemplate::sources));
    }

    private static Tokenizer roundTrip(Tokenizer t, int vocabSize, String pre) {
        Map<String, Object> metadata = Tokenizers.toGguf(t, vocabSize);
        assertEquals(pre, metadata.get("tokenizer.ggml.pre"));
        return Tokenizers.fromGguf(metadata, null);
    }

    @Test
    void builtInModelsTokenizerIsGpt2sSplit() {
        Tokenizer t = Tokenizers.load(Path.of("../models/tiny-world"));
        Tokenizer back = roundTrip(t, t.vocabSize(), "gpt-2");
        assertSameEncodings(t, back, TEXTS);
    }

    @Test
    void qwen3AndLlama3KeepTheirReferenceEncodings() {
        for (String[] c : new String[][] {{"qwen3", "qwen2"}, {"llama3", "llama-bpe"}}) {
            Tokenizer t = SharedFiles.tokenizer("tokenizers/" + c[0]);
            Tokenizer back = roundTrip(t, t.vocabSize() + 7, c[1]);
            List<String> texts = new ArrayList<>(TEXTS);
            for (JsonNode line : SharedFiles.jsonLines(SharedFiles.require("tokenizers/" + c[0]).resolve("reference_encodings.jsonl"))) {
                texts.add(line.get("text").textValue());
            }
            assertSameEncodings(t, back, texts);
            assertEquals("[PAD" + (t.vocabSize() + 6) + "]", back.tokenText(t.vocabSize() + 6), "padded to the model's rows");
        }
    }

    @Test
    void sentencePieceKeepsScoresSpacesAndControlTokens() {
        Tokenizer t = SharedFiles.tokenizer("models/stories260K/tok512.bin");
        Map<String, Object> metadata = Tokenizers.toGguf(t, 512);
        assertEquals("llama", metadata.get("tokenizer.ggml.model"));
        assertTrue(((List<?>) metadata.get("tokenizer.ggml.tokens")).stream().noneMatch(s -> ((String) s).contains(" ")),
                "spaces are written as SentencePiece's U+2581");
        assertSameEncodings(t, Tokenizers.fromGguf(metadata, null), List.of("Once upon a time, there was a little girl.",
                " leading", "😀 café", "<s>x</s>", ""));
    }

    @Test
    void llamaCppsDefaultSplitIsFourRegexesInTurn() {
        List<String> pieces = new ArrayList<>();
        GgufPreTokenizer.DEFAULT.preTokenizer().split("abc,def 12345", pieces::add);
        // punctuation runs first, then GPT-2's split without its last "\s+", then digit runs, then triples of digits
        assertEquals(List.of("abc", ",", "def", " ", "123", "45"), pieces);
    }

    @Test
    void namesLlamaCppDoesNotKnowAreRefusedWithTheSpellingItDoes() {
        Tokenizer t = Tokenizers.load(Path.of("../models/tiny-world"));
        Map<String, Object> metadata = new HashMap<>(Tokenizers.toGguf(t, t.vocabSize()));
        metadata.put("tokenizer.ggml.pre", "gpt2");
        String message = assertThrows(BadInputException.class, () -> Tokenizers.fromGguf(metadata, Path.of("m.gguf"))).getMessage();
        assertTrue(message.startsWith("m.gguf: tokenizer.ggml.pre 'gpt2' is not a pre-tokenizer"), message);
        assertTrue(message.contains("spelled 'gpt-2'"), message);
    }

    @Test
    void aSplitLlamaCppHasNoNameForIsRefused() {
        Tokenizer gpt2 = Tokenizers.load(Path.of("../models/tiny-world"));
        ByteLevelBpeSpec spec = ((ByteLevelBpe) gpt2).spec();
        Tokenizer prefixed = new ByteLevelBpe(new ByteLevelBpeSpec(spec.vocab(), spec.merges(), false, spec.addedTokens(),
                spec.normalizer(), new PreTokenizer.ByteLevel(true, true), spec.postProcessor(), spec.bosId(), spec.eosIds(),
                spec.chatTemplate()));
        String message = assertThrows(BadInputException.class, () -> Tokenizers.toGguf(prefixed, 4096)).getMessage();
        assertTrue(message.contains("no tokenizer.ggml.pre name"), message);
    }
}
