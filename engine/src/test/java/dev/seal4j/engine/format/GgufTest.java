package dev.seal4j.engine.format;

import dev.seal4j.engine.tensor.DType;
import dev.seal4j.engine.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

class GgufTest {
    @TempDir
    Path dir;

    /** A GGUF file laid out byte by byte from the spec: a 2×4 F32 matrix (ne = [4, 2]) and a Q8_0 vector. */
    static byte[] handBuilt(int version) {
        ByteBuffer b = ByteBuffer.allocate(512).order(ByteOrder.LITTLE_ENDIAN);
        b.put("GGUF".getBytes(StandardCharsets.US_ASCII)).putInt(version).putLong(2).putLong(2);
        putString(b, "general.architecture");
        b.putInt(8);
        putString(b, "llama");
        putString(b, "general.name");
        b.putInt(8);
        putString(b, "tiny");
        putString(b, "m");
        b.putInt(2).putLong(4).putLong(2).putInt(0).putLong(0);
        putString(b, "v");
        b.putInt(1).putLong(32).putInt(8).putLong(32);
        b.position((b.position() + 31) / 32 * 32);
        for (int i = 0; i < 8; i++) {
            b.putFloat(i * 1.5f - 2);
        }
        b.putShort(Float.floatToFloat16(0.5f));
        for (int i = 0; i < 32; i++) {
            b.put((byte) (i - 16));
        }
        byte[] out = new byte[b.position()];
        b.flip().get(out);
        return out;
    }

    static void putString(ByteBuffer b, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        b.putLong(bytes.length).put(bytes);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void readsAFileBuiltByHandFromTheSpec(int version) throws Exception {
        Path file = dir.resolve("hand.gguf");
        Files.write(file, handBuilt(version));
        try (Arena arena = Arena.ofConfined()) {
            Gguf g = Gguf.read(file, arena);
            assertEquals(version, g.version());
            assertEquals(Map.of("general.architecture", "llama", "general.name", "tiny"), g.metadata());
            Tensor m = g.tensors().get("m");
            assertArrayEquals(new long[] {2, 4}, m.shape(), "ggml ne [4, 2] is our shape (2, 4)");
            assertArrayEquals(new float[] {-2, -0.5f, 1, 2.5f, 4, 5.5f, 7, 8.5f}, m.toFloatArray());
            Tensor v = g.tensors().get("v");
            assertEquals(DType.Q8_0, v.dtype());
            for (int i = 0; i < 32; i++) {
                assertEquals(0.5f * (i - 16), v.get(i));
            }
        }
    }

    @Test
    void roundTripsMetadataOfEveryType() {
        Path file = dir.resolve("meta.gguf");
        new GgufWriter()
                .put("u8", GgufValueType.UINT8, 250)
                .put("i8", GgufValueType.INT8, -7)
                .put("u16", GgufValueType.UINT16, 65000)
                .put("i16", GgufValueType.INT16, -32000)
                .putUInt32("u32", 4_000_000_000L)
                .put("i32", GgufValueType.INT32, -2_000_000_000)
                .putFloat32("f32", 1e-5f)
                .put("bool", GgufValueType.BOOL, true)
                .putString("string", "héllo ▁world")
                .put("u64", GgufValueType.UINT64, 1L << 40)
                .put("i64", GgufValueType.INT64, -(1L << 40))
                .put("f64", GgufValueType.FLOAT64, Math.PI)
                .putArray("tokens", GgufValueType.STRING, List.of("<s>", "</s>", "▁a", ""))
                .putArray("scores", GgufValueType.FLOAT32, new float[] {0, -1.5f, 2})
                .putArray("types", GgufValueType.INT32, new int[] {1, 3, 6})
                .putArray("bytes", GgufValueType.UINT8, new int[] {0, 255})
                .putArray("ids", GgufValueType.UINT32, new long[] {1, 4_000_000_000L})
                .putArray("flags", GgufValueType.BOOL, new boolean[] {true, false})
                .putArray("doubles", GgufValueType.FLOAT64, new double[] {0.25})
                .putArray("nested", GgufValueType.ARRAY, List.of(
                        new GgufWriter.ArrayValue(GgufValueType.STRING, List.of("a b", "c")),
                        new GgufWriter.ArrayValue(GgufValueType.STRING, List.of())))
                .write(file);
        Map<String, Object> m = Gguf.readMetadata(file);
        assertEquals(250, m.get("u8"));
        assertEquals(-7, m.get("i8"));
        assertEquals(65000, m.get("u16"));
        assertEquals(-32000, m.get("i16"));
        assertEquals(4_000_000_000L, m.get("u32"));
        assertEquals(-2_000_000_000, m.get("i32"));
        assertEquals(1e-5f, m.get("f32"));
        assertEquals(true, m.get("bool"));
        assertEquals("héllo ▁world", m.get("string"));
        assertEquals(1L << 40, m.get("u64"));
        assertEquals(-(1L << 40), m.get("i64"));
        assertEquals(Math.PI, m.get("f64"));
        assertEquals(List.of("<s>", "</s>", "▁a", ""), m.get("tokens"));
        assertArrayEquals(new float[] {0, -1.5f, 2}, (float[]) m.get("scores"));
        assertArrayEquals(new int[] {1, 3, 6}, (int[]) m.get("types"));
        assertArrayEquals(new int[] {0, 255}, (int[]) m.get("bytes"));
        assertArrayEquals(new long[] {1, 4_000_000_000L}, (long[]) m.get("ids"));
        assertArrayEquals(new boolean[] {true, false}, (boolean[]) m.get("flags"));
        assertArrayEquals(new double[] {0.25}, (double[]) m.get("doubles"));
        assertEquals(List.of(List.of("a b", "c"), List.of()), m.get("nested"));
        assertEquals(List.of("u8", "i8", "u16", "i16", "u32", "i32", "f32", "bool", "string", "u64", "i64", "f64",
                "tokens", "scores", "types", "bytes", "ids", "flags", "doubles", "nested"), List.copyOf(m.keySet()));
    }

    @ParameterizedTest
    @ValueSource(ints = {32, 64, 1})
    void roundTripsTensorsOfEveryDtypeAtTheAlignment(int alignment) {
        Random rnd = new Random(alignment);
        Path file = dir.resolve("tensors.gguf");
        try (Arena arena = Arena.ofConfined()) {
            Map<String, Tensor> written = new LinkedHashMap<>();
            for (DType dtype : DType.values()) {
                long rows = 3, cols = dtype.blockSize * 2L;
                byte[] bytes = new byte[(int) dtype.byteSize(rows * cols)];
                if (dtype.isQuantized()) {
                    rnd.nextBytes(bytes); // any bytes are a valid block; the reader must hand back the same ones
                } else {
                    float[] v = Fixtures.exactValues(dtype, (int) (rows * cols), rnd);
                    bytes = bytesOf(Fixtures.floats(arena, dtype, v, rows, cols));
                }
                written.put("t." + dtype, Fixtures.tensor(arena, dtype, bytes, rows, cols));
            }
            written.put("vector", Fixtures.floats(arena, DType.F32, new float[] {1, 2, 3}, 3));
            written.put("cube", Fixtures.floats(arena, DType.F16, new float[] {1, 2, 3, 4, 5, 6, 7, 8}, 2, 2, 2));
            GgufWriter w = new GgufWriter().putString("general.architecture", "test");
            if (alignment != 32) {
                w.putUInt32(Gguf.ALIGNMENT_KEY, alignment);
            }
            written.forEach((name, t) -> w.tensor(name, TensorData.of(t)));
            w.write(file);

            Gguf g = Gguf.read(file, arena);
            assertEquals(List.copyOf(written.keySet()), List.copyOf(g.tensors().keySet()));
            written.forEach((name, t) -> {
                Tensor r = g.tensors().get(name);
                assertEquals(t.dtype(), r.dtype(), name);
                assertArrayEquals(t.shape(), r.shape(), name);
                assertEquals(-1, MemorySegment.mismatch(t.segment(), 0, t.segment().byteSize(), r.segment(), 0,
                        r.segment().byteSize()), name + " bytes");
                assertEquals(0, r.segment().address() % alignment, name + " aligned (the mapping starts on a page)");
            });
        }
    }

    @Test
    void q4_0BlocksReadBackAsTheirDefinition() {
        // one block: d = 0.25, byte j = (j % 16) | (15 - j % 16) << 4 → value j = d(j − 8), value j+16 = d(7 − j)
        ByteBuffer b = ByteBuffer.allocate(18).order(ByteOrder.LITTLE_ENDIAN).putShort(Float.floatToFloat16(0.25f));
        for (int j = 0; j < 16; j++) {
            b.put((byte) (j | (15 - j) << 4));
        }
        Path file = dir.resolve("q4.gguf");
        try (Arena arena = Arena.ofConfined()) {
            new GgufWriter().tensor("q", TensorData.of(Fixtures.tensor(arena, DType.Q4_0, b.array(), 1, 32))).write(file);
            Tensor q = Gguf.read(file, arena).tensors().get("q");
            for (int j = 0; j < 16; j++) {
                assertEquals(0.25f * (j - 8), q.get(j));
                assertEquals(0.25f * (7 - j), q.get(j + 16));
            }
        }
    }

    @Test
    void metadataValuesAreHeapObjectsThatOutliveTheMapping() {
        Path file = dir.resolve("m.gguf");
        new GgufWriter().putArray("tokenizer.ggml.tokens", GgufValueType.STRING, List.of("a", "b")).write(file);
        Map<String, Object> m = Gguf.readMetadata(file); // the arena is closed by now
        assertInstanceOf(List.class, m.get("tokenizer.ggml.tokens"));
        assertEquals("b", ((List<?>) m.get("tokenizer.ggml.tokens")).get(1));
    }

    private static byte[] bytesOf(Tensor t) {
        return t.segment().toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
    }
}
