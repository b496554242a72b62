package dev.seal4j.engine.tokenizer;

import java.util.Random;

/** Seeded random strings over the kinds of characters that break tokenizers. */
final class RandomText {
    private static final String[] PIECES = {" ", "  ", "\n", "\n\n", "\r\n", "\t", "\u00a0", "\u3000", "\u200b",
            "\u200d", "\ufe0f", "'s", "'LL", "’t", "123", "4567", "...", "!?", "<|im_end|>", "<|endoftext|>", "<think>",
            "<|begin_of_text|>", "<s>", "e\u0301", "\u0308", "ß", "İ", "ſ"};
    private static final int[][] RANGES = {
            {0x20, 0x7E}, {0x20, 0x7E}, {0x20, 0x7E}, {0xA0, 0x24F}, {0x300, 0x36F}, {0x370, 0x52F}, {0x590, 0x6FF},
            {0x900, 0x97F}, {0x3040, 0x30FF}, {0x4E00, 0x9FFF}, {0xAC00, 0xD7A3}, {0x1F300, 0x1FAFF},
            {0x1D400, 0x1D7FF}, {0x0, 0x1F}, {0xE000, 0xF8FF}, {0x10000, 0x10FFFF}};

    private RandomText() {
    }

    /** Up to {@code maxLength} pieces: single code points from many scripts (never lone surrogates) and tricky runs. */
    static String next(Random rnd, int maxLength) {
        StringBuilder sb = new StringBuilder();
        int n = rnd.nextInt(maxLength + 1);
        for (int i = 0; i < n; i++) {
            if (rnd.nextInt(5) == 0) {
                sb.append(PIECES[rnd.nextInt(PIECES.length)]);
            } else {
                int[] range = RANGES[rnd.nextInt(RANGES.length)];
                int cp = range[0] + rnd.nextInt(range[1] - range[0] + 1);
                sb.appendCodePoint(Character.isSurrogate((char) cp) && cp < 0x10000 ? 'x' : cp);
            }
        }
        return sb.toString();
    }
}
