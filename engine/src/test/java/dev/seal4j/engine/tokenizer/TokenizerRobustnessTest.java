package dev.seal4j.engine.tokenizer;

import dev.seal4j.engine.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Property-style checks with seeded random inputs: round trips, streaming, and bad files. */
class TokenizerRobustnessTest {
    private static final List<String> TOKENIZERS = List.of("tokenizers/qwen3", "tokenizers/llama3",
            "tokenizers/llama2/tokenizer.bin", "models/stories260K/tok512.bin");

    @ParameterizedTest
    @ValueSource(strings = {"tokenizers/qwen3", "tokenizers/llama3", "tokenizers/llama2/tokenizer.bin",
            "models/stories260K/tok512.bin"})
    void randomTextRoundTrips(String which) {
        Tokenizer t = SharedFiles.tokenizer(which);
        boolean nfc = which.endsWith("qwen3");         // Qwen's normalizer composes characters (NFC)
        Random rnd = new Random(which.hashCode());
        for (int i = 0; i < 400; i++) {
            String text = RandomText.next(rnd, 40);
            String expected = nfc ? Normalizer.normalize(text, Normalizer.Form.NFC) : text;
            int[] ids = t.encodeWithSpecial(text);
            assertEquals(expected, t.decode(ids, t instanceof SentencePieceBpe), "round trip of " + escape(text));
            for (int id : ids) {
                assertTrue(id >= 0 && id < t.vocabSize());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tokenizers/qwen3", "tokenizers/llama3", "tokenizers/llama2/tokenizer.bin",
            "models/stories260K/tok512.bin"})
    void streamingDecoderPrintsWholeCharactersAndAddsUpToDecode(String which) {
        Tokenizer t = SharedFiles.tokenizer(which);
        Random rnd = new Random(~which.hashCode());
        for (int i = 0; i < 300; i++) {
            boolean skipSpecial = rnd.nextBoolean();
            int[] encoded = t.encode(RandomText.next(rnd, 30));
            assertStreamsLikeDecode(t, encoded, skipSpecial, piece -> {
                assertFalse(piece.contains("\uFFFD"), "a character of valid text was split: " + escape(piece));
                assertTrue(hasNoLoneSurrogate(piece));
            });
            int[] arbitrary = rnd.ints(rnd.nextInt(20), -2, t.vocabSize() + 2).toArray();   // any bytes at all
            assertStreamsLikeDecode(t, arbitrary, skipSpecial, piece -> assertTrue(hasNoLoneSurrogate(piece)));
        }
    }

    @Test
    void streamingHoldsBackAnUnfinishedCharacter() {
        Tokenizer t = SharedFiles.tokenizer("models/stories260K/tok512.bin");
        int[] ids = t.encode("😀");                   // " " then four byte tokens <0xF0><0x9F><0x98><0x80>
        StreamingDecoder d = t.newStreamingDecoder();
        assertEquals("", d.push(ids[0]), "a leading space right at the start is dropped");
        assertEquals("", d.push(ids[1]));
        assertEquals("", d.push(ids[2]));
        assertEquals("", d.push(ids[3]));
        assertEquals("😀", d.push(ids[4]));
        assertEquals("", d.flush());
        d.push(ids[1]);
        assertEquals("\uFFFD", d.flush(), "an unfinished character at the end becomes U+FFFD");
    }

    @Test
    void garbageFilesAreBadInput(@TempDir Path dir) {
        Random rnd = new Random(3);
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            for (int i = 0; i < 300; i++) {
                byte[] bytes = new byte[rnd.nextInt(i < 50 ? 16 : 3000)];
                rnd.nextBytes(bytes);
                if (i % 3 == 0) {                      // make it start like JSON, so the parser has to dig in
                    System.arraycopy("{\"model\": {".getBytes(StandardCharsets.UTF_8), 0, bytes, 0, Math.min(11, bytes.length));
                }
                assertBadInput(write(dir.resolve("tokenizer.bin"), bytes));
                assertBadInput(write(dir.resolve("tokenizer.json"), bytes));
            }
        });
    }

    @Test
    void truncatedTokenizerBinIsBadInputUnlessCutBetweenTokens(@TempDir Path dir) throws IOException {
        for (String which : List.of("models/stories260K/tok512.bin", "tokenizers/llama2/tokenizer.bin")) {
            byte[] whole = Files.readAllBytes(SharedFiles.require(which));
            Random rnd = new Random(which.length());
            for (int i = 0; i < 40; i++) {
                int cut = rnd.nextInt(whole.length);
                Path file = write(dir.resolve("tokenizer.bin"), Arrays.copyOf(whole, cut));
                try {
                    Tokenizer t = Tokenizers.load(file);
                    assertEquals(cut, llama2cFileSize(t), "loaded a cut that is not at a token boundary: " + cut);
                } catch (BadInputException e) {
                    assertOneLineNaming(file, e);
                }
            }
        }
    }

    @Test
    void truncatedTokenizerJsonIsBadInput(@TempDir Path dir) throws IOException {
        Path trained = dir.resolve("trained");
        BpeTrainer.train(BpeTrainerTest.corpus(100), BpeTrainer.Options.of(300, List.of("<|endoftext|>")))
                .save(trained, new TrainedBpe.Config("<|endoftext|>", "<|endoftext|>", false, "{{ messages }}"));
        byte[] small = Files.readAllBytes(trained.resolve("tokenizer.json"));
        Random rnd = new Random(5);
        Path file = dir.resolve("tokenizer.json");
        for (int i = 0; i < 100; i++) {
            assertBadInput(write(file, Arrays.copyOf(small, rnd.nextInt(small.length))));
        }
        byte[] big = Files.readAllBytes(SharedFiles.require("tokenizers/qwen3/tokenizer.json"));
        for (int i = 0; i < 2; i++) {
            assertBadInput(write(file, Arrays.copyOf(big, rnd.nextInt(big.length))));
        }
    }

    @Test
    void wellFormedButWrongTokenizerJsonIsBadInputNamingTheField(@TempDir Path dir) throws IOException {
        Path trained = dir.resolve("trained");
        BpeTrainer.train(BpeTrainerTest.corpus(100), BpeTrainer.Options.of(300, List.of("<|endoftext|>")))
                .save(trained, TrainedBpe.Config.NONE);
        String json = Files.readString(trained.resolve("tokenizer.json"));
        String[][] edits = {
                {"\"type\": \"BPE\"", "\"type\": \"WordPiece\"", "model.type 'WordPiece'"},
                {"\"vocab\": {", "\"vocab\": [], \"x\": {", "model.vocab must be an object"},
                {"\"merges\": [", "\"merges\": [[\"Ġ\", \"nosuchtoken\"], ", "'nosuchtoken', which is not in the vocabulary"},
                {"\"merges\": [", "\"merges\": [\"a b c\", ", "model.merges[0]"},
                {"\"Regex\": \"", "\"Regex\": \"(unclosed", "pre_tokenizer.pretokenizers[0].pattern.Regex"},
                {"\"normalizer\": null", "\"normalizer\": {\"type\": \"Lowercase\"}", "normalizer.type 'Lowercase'"},
                {"\"decoder\": {", "\"decoder\": {\"type\": \"WordPiece\"}, \"old_decoder\": {", "decoder 'WordPiece'"},
                {"\"id\": 0,", "\"id\": -4,", "added_tokens[0].id"},
                {"\"id\": 0,", "\"id\": \"zero\",", "added_tokens[0].id must be an integer"},
        };
        for (String[] edit : edits) {
            assertTrue(json.contains(edit[0]), edit[0]);
            Path file = write(dir.resolve("tokenizer.json"), json.replaceFirst(java.util.regex.Pattern.quote(edit[0]),
                    java.util.regex.Matcher.quoteReplacement(edit[1])).getBytes(StandardCharsets.UTF_8));
            BadInputException e = assertThrows(BadInputException.class, () -> Tokenizers.load(file), edit[1]);
            assertOneLineNaming(file, e);
            assertTrue(e.getMessage().contains(edit[2]), e.getMessage());
        }
    }

    @Test
    void missingFilesAreBadInput(@TempDir Path dir) {
        assertOneLineNaming(dir, assertThrows(BadInputException.class, () -> Tokenizers.load(dir)));
        Path none = dir.resolve("nope.json");
        assertOneLineNaming(none, assertThrows(BadInputException.class, () -> Tokenizers.load(none)));
    }

    private static void assertStreamsLikeDecode(Tokenizer t, int[] ids, boolean skipSpecial, Consumer<String> checkPiece) {
        StreamingDecoder d = t.newStreamingDecoder(skipSpecial);
        StringBuilder streamed = new StringBuilder();
        for (int id : ids) {
            String piece = d.push(id);
            checkPiece.accept(piece);
            streamed.append(piece);
        }
        streamed.append(d.flush());
        assertEquals(t.decode(ids, skipSpecial), streamed.toString(), Arrays.toString(ids));
    }

    /** What a llama2.c file holding exactly this tokenizer's tokens measures: header + (score, length, bytes) each. */
    private static long llama2cFileSize(Tokenizer t) {
        long size = 4;
        for (int id = 0; id < t.vocabSize(); id++) {
            size += 8 + t.tokenText(id).getBytes(StandardCharsets.UTF_8).length;
        }
        return size;
    }

    private static void assertBadInput(Path file) {
        assertOneLineNaming(file, assertThrows(BadInputException.class, () -> Tokenizers.load(file)));
    }

    private static void assertOneLineNaming(Path file, BadInputException e) {
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    private static Path write(Path file, byte[] bytes) throws IOException {
        return Files.write(file, bytes);
    }

    private static boolean hasNoLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && (i + 1 == s.length() || !Character.isLowSurrogate(s.charAt(++i)))) {
                return false;
            }
            if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        s.codePoints().forEach(c -> sb.append(c < 0x7F && c >= 0x20 ? Character.toString(c) : String.format("\\u{%x}", c)));
        return sb.toString();
    }
}
