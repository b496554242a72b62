package dev.seal4j.engine.tensor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The quantizers written here, read back by the block readers that {@link GgmlBlockFixtureTest} checks
 * against tools/ggml_quants.py: what comes back is within each format's rounding error of what went in.
 */
class BlockQuantizerTest {

    /** Gaussian values whose spread changes along the row, as weights' do across channels. */
    private static float[] weights(int n, long seed) {
        Random rnd = new Random(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (rnd.nextGaussian() * (0.2 + 3.0 * i / n));
        }
        return x;
    }

    private static float[] roundTrip(DType dtype, float[] x) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment seg = arena.allocate(dtype.byteSize(x.length));
            BlockQuantizer.of(dtype).quantize(x, 0, x.length, seg, 0);
            return Tensor.of(dtype, seg, x.length).toFloatArray();
        }
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"Q8_0", "Q4_0", "Q4_K"})
    void readersGetBackTheValuesWithinTheFormatsRoundingError(DType dtype) {
        float[] x = weights(4096, 1);
        float[] y = roundTrip(dtype, x);
        for (int b = 0; b < x.length / 32; b++) {
            float amax = 0f;
            for (int j = 0; j < 32; j++) {
                amax = Math.max(amax, Math.abs(x[32 * b + j]));
            }
            // Q8_0: half a step of amax/127; Q4_0: the value at −amax's far end clamps by one step of amax/8;
            // Q4_K: half a step of a sub-block's range/15 plus the 6-bit coding of scale and offset
            float bound = switch (dtype) {
                case Q8_0 -> amax / 127f * 0.5f * 1.01f;
                case Q4_0 -> amax / 8f * 1.01f;
                default -> 2 * amax / 15f;
            };
            for (int j = 0; j < 32; j++) {
                int i = 32 * b + j;
                assertTrue(Math.abs(x[i] - y[i]) <= bound, dtype + " value " + i + ": " + x[i] + " came back " + y[i]);
            }
        }
    }

    /** The first three fixture blocks came out of tools/ggml_quants.py's quantizer (the same rule): requantizing gives them back. */
    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"Q8_0", "Q4_0"})
    void requantizesTheFixtureBlocksByteForByte(DType dtype) throws IOException {
        byte[] blocks = resource("/fixtures/quant/" + dtype.name().toLowerCase(java.util.Locale.ROOT) + ".blocks.bin");
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment seg = arena.allocate(blocks.length);
            MemorySegment.copy(blocks, 0, seg, ValueLayout.JAVA_BYTE, 0, blocks.length);
            float[] values = Tensor.of(dtype, seg, blocks.length / dtype.blockBytes * dtype.blockSize).toFloatArray();
            MemorySegment out = arena.allocate(3L * dtype.blockBytes);
            BlockQuantizer.of(dtype).quantize(values, 0, 3 * dtype.blockSize, out, 0);
            assertArrayEquals(Arrays.copyOf(blocks, 3 * dtype.blockBytes), out.toArray(ValueLayout.JAVA_BYTE));
        }
    }

    @Test
    void q4_kSearchBeatsPlainMinMaxCoding() {
        float[] x = weights(256 * 64, 2);
        float[] searched = roundTrip(DType.Q4_K, x);
        double searchedError = 0, minMaxError = 0;
        for (int s = 0; s < x.length / 32; s++) {
            float lo = 0f, hi = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < 32; j++) {
                lo = Math.min(lo, x[32 * s + j]);
                hi = Math.max(hi, x[32 * s + j]);
            }
            float step = (hi - lo) / 15f;   // the unquantized min/max coding, a lower bound of its own error
            for (int j = 0; j < 32; j++) {
                float v = x[32 * s + j];
                float coded = lo + step * Math.round((v - lo) / step);
                minMaxError += (v - coded) * (v - coded);
                searchedError += (v - searched[32 * s + j]) * (v - searched[32 * s + j]);
            }
        }
        assertTrue(searchedError < 0.9 * minMaxError, "squared error " + searchedError + " vs min/max " + minMaxError);
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"Q8_0", "Q4_0", "Q4_K"})
    void constantBlocksComeBackToF16Precision(DType dtype) {
        for (float v : roundTrip(dtype, new float[256])) {
            assertEquals(0f, v, 0f);
        }
        float[] negative = new float[256];
        Arrays.fill(negative, -0.375f);
        for (float v : roundTrip(dtype, negative)) {
            assertEquals(-0.375f, v, 0.375f / 1024, "the scales are f16");
        }
    }

    @Test
    void partialBlocksAreRefused() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment seg = arena.allocate(1024);
            for (DType t : new DType[] {DType.Q8_0, DType.Q4_0, DType.Q4_K}) {
                IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                        () -> BlockQuantizer.of(t).quantize(new float[48], 0, 48, seg, 0));
                assertTrue(e.getMessage().contains("whole blocks"), e.getMessage());
            }
            assertEquals("no quantizer writes Q6_K (supported: Q8_0, Q4_0, Q4_K)",
                    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                            () -> BlockQuantizer.of(DType.Q6_K)).getMessage());
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = BlockQuantizerTest.class.getResourceAsStream(name)) {
            assertNotNull(in, "missing test resource " + name);
            return in.readAllBytes();
        }
    }
}
