package dev.seal4j.engine.format;

import dev.seal4j.engine.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Files past 2 GiB: offsets are longs everywhere. The files are sparse (a header, a 3 GiB hole of zeros,
 * a small tensor at the end), so they cost no disk and no time.
 */
class LargeFileTest {
    private static final long HOLE = 3L << 30; // 3 GiB of F32 zeros
    private static final float[] TAIL = {1.5f, -2, 3.25f, 4};

    @TempDir
    Path dir;

    private static void writeSparse(Path file, byte[] header, long tailAt) throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.write(header);
            f.seek(tailAt);
            ByteBuffer tail = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
            for (float v : TAIL) {
                tail.putFloat(v);
            }
            f.write(tail.array());
        }
    }

    private static void assertTensors(Map<String, Tensor> tensors) {
        Tensor zeros = tensors.get("zeros");
        assertEquals(HOLE / 4, zeros.size());
        assertEquals(0f, zeros.get(HOLE / 4 - 1));
        assertArrayEquals(TAIL, tensors.get("tail").toFloatArray());
    }

    @Test
    void safetensorsPastTwoGigabytes() throws Exception {
        String json = "{\"zeros\":{\"dtype\":\"F32\",\"shape\":[" + HOLE / 4 + "],\"data_offsets\":[0," + HOLE + "]},"
                + "\"tail\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[" + HOLE + "," + (HOLE + 16) + "]}}";
        byte[] header = SafetensorsTest.concat(SafetensorsTest.lengthPrefix(json.length()), json.getBytes(StandardCharsets.US_ASCII));
        Path file = dir.resolve("large.safetensors");
        writeSparse(file, header, header.length + HOLE);
        try (Arena arena = Arena.ofConfined()) {
            assertTensors(Safetensors.read(file, arena).tensors());
        }
    }

    @Test
    void ggufPastTwoGigabytes() throws Exception {
        ByteBuffer b = ByteBuffer.allocate(128).order(ByteOrder.LITTLE_ENDIAN);
        b.put("GGUF".getBytes(StandardCharsets.US_ASCII)).putInt(3).putLong(2).putLong(0);
        GgufTest.putString(b, "zeros");
        b.putInt(1).putLong(HOLE / 4).putInt(0).putLong(0);
        GgufTest.putString(b, "tail");
        b.putInt(1).putLong(4).putInt(0).putLong(HOLE);
        int dataStart = (b.position() + 31) / 32 * 32;
        byte[] header = new byte[b.position()];
        b.flip().get(header);
        Path file = dir.resolve("large.gguf");
        writeSparse(file, header, dataStart + HOLE);
        try (Arena arena = Arena.ofConfined()) {
            assertTensors(Gguf.read(file, arena).tensors());
        }
    }
}
