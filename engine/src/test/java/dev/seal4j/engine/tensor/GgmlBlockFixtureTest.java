package dev.seal4j.engine.tensor;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The ggml block layouts against tools/make_fixtures.py: raw blocks (quantized data, zeros, and random
 * bytes that set every bit of every field) and the values its independent numpy dequantizer gives them.
 */
class GgmlBlockFixtureTest {

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"Q8_0", "Q4_0", "Q4_K", "Q6_K"})
    void dequantizesEveryFixtureBlockExactly(DType dtype) throws IOException {
        String base = "/fixtures/quant/" + dtype.name().toLowerCase(Locale.ROOT);
        byte[] blocks = resource(base + ".blocks.bin");
        float[] expected = floats(resource(base + ".values.f32"));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment seg = arena.allocate(blocks.length);
            MemorySegment.copy(blocks, 0, seg, ValueLayout.JAVA_BYTE, 0, blocks.length);
            float[] actual = Tensor.of(dtype, seg, expected.length).toFloatArray();
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], actual[i], 0f, dtype + " value " + i + " (block " + i / dtype.blockSize + ")");
            }
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = GgmlBlockFixtureTest.class.getResourceAsStream(name)) {
            assertNotNull(in, "missing test resource " + name + " (regenerate with tools/make_fixtures.py)");
            return in.readAllBytes();
        }
    }

    private static float[] floats(byte[] littleEndian) {
        float[] out = new float[littleEndian.length / Float.BYTES];
        ByteBuffer.wrap(littleEndian).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }
}
