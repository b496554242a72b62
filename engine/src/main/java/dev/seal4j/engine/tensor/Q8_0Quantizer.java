package dev.seal4j.engine.tensor;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * F32 → ggml Q8_0: per block of 32 values, d = f16(max|x| / 127) and q = round(x / d) clamped to ±127
 * (ties to even, as tools/ggml_quants.py; ggml's own quantizer rounds ties away from zero). An all-zero
 * block gets d = 0 and q = 0.
 */
public final class Q8_0Quantizer {
    private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(LITTLE_ENDIAN);
    private static final int BLOCK = DType.Q8_0.blockSize;
    private static final int BYTES = DType.Q8_0.blockBytes;

    private Q8_0Quantizer() {
    }

    /** Writes x[off .. off+count) (count a multiple of 32) as Q8_0 blocks at byte {@code at} of {@code dst}. */
    public static void quantize(float[] x, int off, int count, MemorySegment dst, long at) {
        if (count % BLOCK != 0) {
            throw new IllegalArgumentException("Q8_0 quantizes whole blocks of " + BLOCK + " values, got " + count);
        }
        for (int b = 0; b < count / BLOCK; b++) {
            int src = off + b * BLOCK;
            long block = at + (long) b * BYTES;
            float amax = 0f;
            for (int j = 0; j < BLOCK; j++) {
                amax = Math.max(amax, Math.abs(x[src + j]));
            }
            short half = Float.floatToFloat16(amax / 127f);
            float d = Float.float16ToFloat(half);
            float inv = d != 0f ? 1f / d : 0f;
            dst.set(SHORT, block, half);
            for (int j = 0; j < BLOCK; j++) {
                float q = Math.clamp((float) Math.rint(x[src + j] * inv), -127f, 127f);
                dst.set(ValueLayout.JAVA_BYTE, block + 2 + j, (byte) q);
            }
        }
    }

    /** A new Q8_0 tensor in {@code arena} holding x (row-major, the given shape; rows whole blocks). */
    public static Tensor quantize(Arena arena, float[] x, long... shape) {
        MemorySegment seg = arena.allocate(DType.Q8_0.byteSize(x.length), 64);
        quantize(x, 0, x.length, seg, 0);
        return Tensor.of(DType.Q8_0, seg, shape);
    }
}
