package dev.seal4j.engine.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seal4j.engine.tensor.DType;
import dev.seal4j.engine.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SafetensorsTest {
    @TempDir
    Path dir;

    @Test
    void readsAFileBuiltByHandFromTheSpec() throws Exception {
        // header {"__metadata__":{"format":"pt"},"a":F32[2,3],"b":BF16[4]} built here, not by our writer
        float[] a = {1, -2, 3.5f, 0, 1e-3f, 7};
        float[] b = {1, -0.5f, 256, 3};
        String json = "{\"__metadata__\":{\"format\":\"pt\"},"
                + "\"b\":{\"dtype\":\"BF16\",\"shape\":[4],\"data_offsets\":[24,32]},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,24]}}";
        ByteBuffer data = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : a) {
            data.putFloat(v);
        }
        for (float v : b) {
            data.putShort((short) (Float.floatToIntBits(v) >>> 16));
        }
        Path file = dir.resolve("hand.safetensors");
        Files.write(file, concat(lengthPrefix(json.length()), json.getBytes(StandardCharsets.US_ASCII), data.array()));
        try (Arena arena = Arena.ofConfined()) {
            Safetensors st = Safetensors.read(file, arena);
            assertEquals(Map.of("format", "pt"), st.metadata());
            assertEquals(List.of("a", "b"), List.copyOf(st.tensors().keySet()), "file order");
            assertEquals(DType.F32, st.tensors().get("a").dtype());
            assertArrayEquals(new long[] {2, 3}, st.tensors().get("a").shape());
            assertArrayEquals(a, st.tensors().get("a").toFloatArray());
            assertEquals(DType.BF16, st.tensors().get("b").dtype());
            assertArrayEquals(b, st.tensors().get("b").toFloatArray());
            assertTrue(st.tensors().get("a").segment().isMapped(), "a view of the mapped file, not a copy");
        }
    }

    @Test
    void roundTripsEveryDtypeFromFloatsAndFromTensors() {
        Random rnd = new Random(11);
        Path file = dir.resolve("all.safetensors");
        try (Arena arena = Arena.ofConfined()) {
            Map<String, float[]> values = new LinkedHashMap<>();
            Map<String, TensorData> tensors = new LinkedHashMap<>();
            for (DType dtype : List.of(DType.F32, DType.F16, DType.BF16)) {
                float[] v = Fixtures.exactValues(dtype, 6 * 5, rnd);
                values.put("floats." + dtype, v);
                tensors.put("floats." + dtype, TensorData.of(v, dtype, 6, 5));
                float[] w = new float[8]; // quarters in [-16, 16]: exact in every dtype
                for (int i = 0; i < w.length; i++) {
                    w[i] = (rnd.nextInt(129) - 64) / 4f;
                }
                values.put("copy." + dtype, w);
                tensors.put("copy." + dtype, TensorData.of(Fixtures.floats(arena, DType.BF16, w, 2, 4), dtype));
            }
            tensors.put("scalar", TensorData.of(new float[] {42}, DType.F32));
            tensors.put("empty", TensorData.of(new float[0], DType.BF16, 0, 3));
            Safetensors.write(file, tensors, Map.of("format", "pt", "note", "héllo"));

            Safetensors st = Safetensors.read(file, arena);
            assertEquals(Map.of("format", "pt", "note", "héllo"), st.metadata());
            values.forEach((name, v) -> {
                Tensor t = st.tensors().get(name);
                assertArrayEquals(v, t.toFloatArray(), name);
                assertEquals(tensors.get(name).dtype(), t.dtype(), name);
            });
            assertArrayEquals(new long[0], st.tensors().get("scalar").shape());
            assertEquals(42f, st.tensors().get("scalar").get(0));
            assertArrayEquals(new long[] {0, 3}, st.tensors().get("empty").shape());
        }
    }

    @Test
    void writerRoundsToTheNearestNarrowValue() {
        Random rnd = new Random(5);
        float[] v = Fixtures.random(64, rnd);
        Path file = dir.resolve("round.safetensors");
        Safetensors.write(file, Map.of("h", TensorData.of(v, DType.F16, 64), "b", TensorData.of(v, DType.BF16, 64)), Map.of());
        try (Arena arena = Arena.ofConfined()) {
            Safetensors st = Safetensors.read(file, arena);
            for (int i = 0; i < v.length; i++) {
                assertEquals(Float.float16ToFloat(Float.floatToFloat16(v[i])), st.tensors().get("h").get(i));
                assertEquals(Fixtures.roundToBf16(v[i]), st.tensors().get("b").get(i));
            }
        }
    }

    @Test
    void writtenFilesFollowTheLayoutPythonExpects() throws Exception {
        Random rnd = new Random(3);
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        tensors.put("z.first", TensorData.of(Fixtures.random(3, rnd), DType.F32, 3));
        tensors.put("a.second", TensorData.of(Fixtures.random(10, rnd), DType.BF16, 2, 5));
        tensors.put("m.third", TensorData.of(Fixtures.random(7, rnd), DType.F16, 7));
        Path file = dir.resolve("layout.safetensors");
        Safetensors.write(file, tensors, Map.of("format", "pt"));
        byte[] bytes = Files.readAllBytes(file);
        long n = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, n % 8, "header length is a multiple of 8");
        String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
        assertEquals(header.strip(), header.stripTrailing(), "padding is trailing spaces");
        assertTrue(header.startsWith("{"));
        JsonNode root = new ObjectMapper().readTree(header);
        assertEquals("pt", root.get("__metadata__").get("format").asText());
        long expectedBegin = 0;
        Iterator<String> names = tensors.keySet().iterator();
        for (var field : root.properties()) {
            if (field.getKey().equals("__metadata__")) {
                continue;
            }
            assertEquals(names.next(), field.getKey(), "given order");
            JsonNode offsets = field.getValue().get("data_offsets");
            assertEquals(expectedBegin, offsets.get(0).asLong(), "contiguous");
            expectedBegin = offsets.get(1).asLong();
        }
        assertEquals(bytes.length, 8 + n + expectedBegin, "data ends with the file");
    }

    @Test
    void rowOrderPermutesRowsForCopiesAndConversions() {
        Random rnd = new Random(9);
        float[] v = Fixtures.exactValues(DType.BF16, 4 * 3, rnd);
        int[] order = {2, 0, 3, 1};
        Path file = dir.resolve("rows.safetensors");
        try (Arena arena = Arena.ofConfined()) {
            Tensor source = Fixtures.floats(arena, DType.BF16, v, 4, 3);
            Safetensors.write(file, Map.of(
                    "same", TensorData.of(source).withRowOrder(order),
                    "f32", TensorData.of(source, DType.F32).withRowOrder(order)), Map.of());
            Safetensors st = Safetensors.read(file, arena);
            for (String name : List.of("same", "f32")) {
                float[] got = st.tensors().get(name).toFloatArray();
                for (int r = 0; r < 4; r++) {
                    assertArrayEquals(Arrays.copyOfRange(v, order[r] * 3, order[r] * 3 + 3),
                            Arrays.copyOfRange(got, r * 3, r * 3 + 3), name + " row " + r);
                }
            }
        }
    }

    @Test
    void replacesAnExistingFileAndLeavesNoTemporaryFiles() throws Exception {
        Path file = dir.resolve("x.safetensors");
        Safetensors.write(file, Map.of("a", TensorData.of(new float[] {1}, DType.F32, 1)), Map.of());
        Safetensors.write(file, Map.of("a", TensorData.of(new float[] {2}, DType.F32, 1)), Map.of());
        try (Arena arena = Arena.ofConfined()) {
            assertEquals(2f, Safetensors.read(file, arena).tensors().get("a").get(0));
        }
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)),
                    "an ordinary file, not the private mode of temporary files");
        }
    }

    static byte[] lengthPrefix(long n) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(n).array();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
