package dev.seal4j.engine.format;

import dev.seal4j.engine.BadInputException;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * Reads little-endian values from a mapped file, front to back. Every read is checked against the bytes
 * left, so a short or corrupt file becomes a {@link BadInputException} naming the file, the offset and what
 * was being read ({@link #reading}), never an out-of-bounds error.
 */
final class SegmentCursor {
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(LITTLE_ENDIAN);
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(LITTLE_ENDIAN);
    private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(LITTLE_ENDIAN);
    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(LITTLE_ENDIAN);
    private static final ValueLayout.OfDouble DOUBLE = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(LITTLE_ENDIAN);

    private final Path file;
    private final MemorySegment data;
    private long position;
    private String reading = "header";

    SegmentCursor(Path file, MemorySegment data) {
        this.file = file;
        this.data = data;
    }

    /** Names what is being read, for error messages ("tensor info 3"). */
    void reading(String what) {
        reading = what;
    }

    long position() {
        return position;
    }

    long remaining() {
        return data.byteSize() - position;
    }

    long size() {
        return data.byteSize();
    }

    BadInputException error(String problem) {
        return BadInput.inFile(file, problem);
    }

    /** An error about the thing being read: "tensor info 3: problem". */
    BadInputException errorReading(String problem) {
        return error(reading + ": " + problem);
    }

    private long take(long n) {
        if (n < 0 || n > remaining()) {
            throw error("truncated: " + reading + " needs " + (n < 0 ? "an impossible number of" : n)
                    + " bytes at offset " + position + " but the file is " + data.byteSize() + " bytes");
        }
        long at = position;
        position += n;
        return at;
    }

    int u8() {
        return data.get(ValueLayout.JAVA_BYTE, take(1)) & 0xFF;
    }

    byte i8() {
        return data.get(ValueLayout.JAVA_BYTE, take(1));
    }

    int u16() {
        return data.get(SHORT, take(2)) & 0xFFFF;
    }

    short i16() {
        return data.get(SHORT, take(2));
    }

    int i32() {
        return data.get(INT, take(4));
    }

    long u32() {
        return data.get(INT, take(4)) & 0xFFFF_FFFFL;
    }

    long i64() {
        return data.get(LONG, take(8));
    }

    float f32() {
        return data.get(FLOAT, take(4));
    }

    double f64() {
        return data.get(DOUBLE, take(8));
    }

    /** {@code length} bytes as UTF-8 (malformed sequences become U+FFFD). */
    String utf8(long length) {
        if (length > Integer.MAX_VALUE - 8) {
            throw error(reading + ": string of " + Long.toUnsignedString(length) + " bytes is too long");
        }
        return new String(bytes(length), StandardCharsets.UTF_8);
    }

    /** The next {@code length} bytes, copied; the length is checked against the file before allocating. */
    byte[] bytes(long length) {
        long at = take(length);
        byte[] out = new byte[(int) length];
        MemorySegment.copy(data, ValueLayout.JAVA_BYTE, at, out, 0, out.length);
        return out;
    }

    /**
     * Checks that {@code count} items of at least {@code minBytes} each can still fit in the file, before
     * anything is allocated for them.
     */
    void checkCount(long count, long minBytes, String items) {
        if (count < 0 || count > remaining() / minBytes) {
            throw error(reading + ": " + Long.toUnsignedString(count) + " " + items
                    + " cannot fit in the " + remaining() + " bytes left in the file");
        }
    }
}
