package dev.seal4j.engine.tokenizer;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * llama2.c's tokenizer.bin files. Expected ids come from a separate Python transcription of run.c's encode()
 * and were checked against the vocabulary (e.g. Llama 2: 9038 = " Once", 2501 = " upon", 263 = " a",
 * 931 = " time"; 29871 = " " and byte tokens at 3 + byte).
 */
class SentencePieceBpeTest {
    private static final String GOLDEN = "Once upon a time, there was a little girl named Lily. She loved to play outside"
            + " in the park. One day, she saw a big, red ball. She wanted to play with it, but it was too high";

    private static Tokenizer llama2() {
        return SharedFiles.tokenizer("tokenizers/llama2/tokenizer.bin");
    }

    private static Tokenizer tok512() {
        return SharedFiles.tokenizer("models/stories260K/tok512.bin");
    }

    @Test
    void llama2EncodesLikeLlama2c() {
        Tokenizer t = llama2();
        assertEquals(32000, t.vocabSize());
        assertEquals(1, t.bosId());
        assertEquals(List.of(2), t.eosIds());
        assertArrayEquals(new int[] {1, 9038, 2501, 263, 931}, t.encodeWithSpecial("Once upon a time"));
        assertArrayEquals(new int[] {9038, 2501, 263, 931}, t.encode("Once upon a time"));
        assertArrayEquals(new int[] {1, 15043, 29892, 3186, 29991}, t.encodeWithSpecial("Hello, world!"));
        assertArrayEquals(new int[] {1, 29871, 243, 162, 155, 131, 274, 28059}, t.encodeWithSpecial("😀 café"));
        assertArrayEquals(new int[] {1, 259, 1023}, t.encodeWithSpecial("  two"));
        assertArrayEquals(new int[] {1, 263, 13, 29890}, t.encodeWithSpecial("a\nb"));
        assertArrayEquals(new int[] {1}, t.encodeWithSpecial(""));
    }

    @Test
    void tok512EncodesLikeLlama2c() {
        Tokenizer t = tok512();
        assertEquals(512, t.vocabSize());
        assertArrayEquals(new int[] {1, 403, 407, 261, 378}, t.encodeWithSpecial("Once upon a time"));
        assertArrayEquals(new int[] {1, 346, 306, 414, 432, 263, 304, 341, 443}, t.encodeWithSpecial("Hello, world!"));
        assertArrayEquals(new int[] {1, 410, 243, 162, 155, 131, 280, 412, 431, 485}, t.encodeWithSpecial("😀 café"));
        assertArrayEquals(new int[] {1, 410, 410, 259, 424, 414}, t.encodeWithSpecial("  two"));
    }

    @Test
    void aLlama2cModelDirectoryFindsItsTokFile() {
        Tokenizer t = Tokenizers.load(SharedFiles.require("models/stories260K"));
        assertArrayEquals(tok512().encode("Once upon a time"), t.encode("Once upon a time"));
    }

    @Test
    void decodingStripsTheSpaceAfterBosAndMapsByteTokens() {
        Tokenizer t = llama2();
        assertEquals("Once upon a time", t.decode(new int[] {1, 9038, 2501, 263, 931}, true));
        assertEquals("upon a time", t.decode(new int[] {2501, 263, 931}), "a text's first piece loses its space");
        assertEquals(" Once upon", t.decode(new int[] {2, 9038, 2501}, true), "kept after tokens other than BOS");
        assertEquals("😀", t.decode(new int[] {243, 162, 155, 131}));
        assertEquals("\n<s>\nOnce", t.decode(new int[] {1, 9038}), "special tokens print as written in the file");
        assertTrue(t.isSpecial(1) && t.isSpecial(2) && !t.isSpecial(9038));
    }

    @Test
    void storiesGoldenTextRoundTrips() {
        Tokenizer t = tok512();
        int[] ids = t.encodeWithSpecial(GOLDEN);
        assertEquals(1, ids[0]);
        assertEquals(GOLDEN, t.decode(ids, true));
        StreamingDecoder stream = t.newStreamingDecoder(true);
        StringBuilder printed = new StringBuilder();
        Arrays.stream(ids).forEach(id -> printed.append(stream.push(id)));
        assertEquals(GOLDEN, printed.append(stream.flush()).toString());
    }
}
