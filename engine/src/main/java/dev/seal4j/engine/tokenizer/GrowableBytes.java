package dev.seal4j.engine.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A byte array that grows as bytes are appended; the decoders collect token bytes in one. */
final class GrowableBytes {
    private byte[] bytes;
    private int length;

    GrowableBytes(int capacity) {
        bytes = new byte[Math.max(16, capacity)];
    }

    void append(byte[] more) {
        if (length + more.length > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more.length));
        }
        System.arraycopy(more, 0, bytes, length, more.length);
        length += more.length;
    }

    int length() {
        return length;
    }

    byte get(int i) {
        return bytes[i];
    }

    /** Bytes [from, to) as UTF-8; malformed sequences become U+FFFD. */
    String decodeUtf8(int from, int to) {
        return new String(bytes, from, to - from, StandardCharsets.UTF_8);
    }

    /** Drops the first {@code n} bytes. */
    void removeFirst(int n) {
        System.arraycopy(bytes, n, bytes, 0, length - n);
        length -= n;
    }
}
