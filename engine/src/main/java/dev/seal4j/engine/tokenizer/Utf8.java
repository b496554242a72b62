package dev.seal4j.engine.tokenizer;

/** UTF-8 facts the decoders need. */
final class Utf8 {
    private Utf8() {
    }

    /**
     * The length of the longest prefix of {@code bytes} that does not end inside a character that later bytes
     * could still complete. Held-back bytes always start with a lead byte, so decoding the prefix and the rest
     * separately gives the same text as decoding them together.
     */
    static int completePrefixLength(GrowableBytes bytes) {
        int n = bytes.length();
        for (int start = n - 1; start >= Math.max(0, n - 3); start--) {
            int b = bytes.get(start) & 0xFF;
            if (b < 0x80) {
                return n;                 // ASCII: everything up to here is complete
            }
            if (b >= 0xC0) {              // a lead byte: is it the start of a still-possible character?
                return isValidIncompletePrefix(bytes, start, n) ? start : n;
            }
        }
        return n;
    }

    /** True when bytes [start, end) are a proper prefix of some valid UTF-8 encoding of one character. */
    private static boolean isValidIncompletePrefix(GrowableBytes bytes, int start, int end) {
        int lead = bytes.get(start) & 0xFF;
        int need = sequenceLength(lead);
        if (need == 0 || end - start >= need) {
            return false;
        }
        for (int i = start + 1; i < end; i++) {
            int b = bytes.get(i) & 0xFF;
            int lo = 0x80;
            int hi = 0xBF;
            if (i == start + 1) {         // second-byte ranges that exclude overlongs, surrogates, > U+10FFFF
                if (lead == 0xE0) {
                    lo = 0xA0;
                } else if (lead == 0xED) {
                    hi = 0x9F;
                } else if (lead == 0xF0) {
                    lo = 0x90;
                } else if (lead == 0xF4) {
                    hi = 0x8F;
                }
            }
            if (b < lo || b > hi) {
                return false;
            }
        }
        return true;
    }

    /** Bytes in a character starting with {@code lead}, or 0 when it cannot start one. */
    static int sequenceLength(int lead) {
        if (lead >= 0xC2 && lead <= 0xDF) {
            return 2;
        }
        if (lead >= 0xE0 && lead <= 0xEF) {
            return 3;
        }
        if (lead >= 0xF0 && lead <= 0xF4) {
            return 4;
        }
        return 0;
    }
}
