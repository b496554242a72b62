package dev.seal4j.engine.tensor;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * F32 → ggml Q4_0 ({@link Q4_0Tensor}'s layout): per block of 32 values, the value of largest magnitude m
 * sets d = f16(m / −8), so that it maps to q = 0 exactly; every other value to q = ⌊x/d + 8.5⌋ clamped to
 * 0..15 (tools/ggml_quants.py does the same; ggml divides by d before rounding it to f16). An all-zero block
 * gets d = 0 and q = 8.
 */
public final class Q4_0Quantizer {
    private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(LITTLE_ENDIAN);
    private static final int BLOCK = DType.Q4_0.blockSize;
    private static final int BYTES = DType.Q4_0.blockBytes;

    private Q4_0Quantizer() {
    }

    /** Writes x[off .. off+count) (count a multiple of 32) as Q4_0 blocks at byte {@code at} of {@code dst}. */
    public static void quantize(float[] x, int off, int count, MemorySegment dst, long at) {
        if (count % BLOCK != 0) {
            throw new IllegalArgumentException("Q4_0 quantizes whole blocks of " + BLOCK + " values, got " + count);
        }
        for (int b = 0; b < count / BLOCK; b++) {
            int src = off + b * BLOCK;
            long block = at + (long) b * BYTES;
            float signedMax = 0f;
            for (int j = 0; j < BLOCK; j++) {
                if (Math.abs(x[src + j]) > Math.abs(signedMax)) {
                    signedMax = x[src + j];
                }
            }
            short half = Float.floatToFloat16(signedMax / -8f);
            float d = Float.float16ToFloat(half);
            float inv = d != 0f ? 1f / d : 0f;
            dst.set(SHORT, block, half);
            for (int j = 0; j < BLOCK / 2; j++) {
                int lo = level(x[src + j] * inv), hi = level(x[src + j + BLOCK / 2] * inv);
                dst.set(ValueLayout.JAVA_BYTE, block + 2 + j, (byte) (lo | hi << 4));
            }
        }
    }

    private static int level(float scaled) {
        return (int) Math.clamp(Math.floor(scaled + 8.5f), 0, 15);
    }
}
