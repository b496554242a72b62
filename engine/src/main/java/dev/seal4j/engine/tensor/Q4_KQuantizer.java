package dev.seal4j.engine.tensor;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * F32 → ggml Q4_K ({@link Q4_KTensor}'s layout): each super-block of 256 values is 8 sub-blocks of 32, each
 * approximated as x ≈ scale·q − offset with q in 0..15 and offset ≥ 0. Per sub-block, the (scale, offset)
 * pair is the best of a small search: 4-bit codes are drawn for step sizes around (max − min)/15, a
 * least-squares line is fitted through each code assignment, and the fit with the smallest squared error
 * wins. The super-block then stores d = f16(max scale / 63) and dmin = f16(max offset / 63), each sub-block
 * its scale and offset as 6-bit multiples of those, and the values are coded once more against the scales
 * as stored.
 */
public final class Q4_KQuantizer {
    private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(LITTLE_ENDIAN);
    private static final int BLOCK = DType.Q4_K.blockSize;
    private static final int BYTES = DType.Q4_K.blockBytes;
    private static final int SUB = 32;
    private static final int SUBS = BLOCK / SUB;
    /** Step sizes tried per sub-block: (max − min) / (15 + k·0.1) for k in −STEPS..STEPS. */
    private static final int STEPS = 10;

    private Q4_KQuantizer() {
    }

    /** Writes x[off .. off+count) (count a multiple of 256) as Q4_K blocks at byte {@code at} of {@code dst}. */
    public static void quantize(float[] x, int off, int count, MemorySegment dst, long at) {
        if (count % BLOCK != 0) {
            throw new IllegalArgumentException("Q4_K quantizes whole blocks of " + BLOCK + " values, got " + count);
        }
        float[] scales = new float[SUBS], offsets = new float[SUBS];
        int[] codes = new int[SUB];
        for (int b = 0; b < count / BLOCK; b++) {
            int src = off + b * BLOCK;
            long block = at + (long) b * BYTES;
            float maxScale = 0f, maxOffset = 0f;
            for (int s = 0; s < SUBS; s++) {
                fit(x, src + s * SUB, codes, scales, offsets, s);
                maxScale = Math.max(maxScale, scales[s]);
                maxOffset = Math.max(maxOffset, offsets[s]);
            }
            short dHalf = Float.floatToFloat16(maxScale / 63f), dminHalf = Float.floatToFloat16(maxOffset / 63f);
            float d = Float.float16ToFloat(dHalf), dmin = Float.float16ToFloat(dminHalf);
            int[] sc = new int[SUBS], m = new int[SUBS];
            for (int s = 0; s < SUBS; s++) {
                sc[s] = sixBits(scales[s], d);
                m[s] = sixBits(offsets[s], dmin);
            }
            dst.set(SHORT, block, dHalf);
            dst.set(SHORT, block + 2, dminHalf);
            for (int s = 0; s < 4; s++) { // scales[0..3], mins[4..7] hold sub-blocks 0..3 and the top bits of 4..7
                dst.set(ValueLayout.JAVA_BYTE, block + 4 + s, (byte) (sc[s] | (sc[s + 4] >>> 4) << 6));
                dst.set(ValueLayout.JAVA_BYTE, block + 8 + s, (byte) (m[s] | (m[s + 4] >>> 4) << 6));
                dst.set(ValueLayout.JAVA_BYTE, block + 12 + s, (byte) ((sc[s + 4] & 15) | (m[s + 4] & 15) << 4));
            }
            for (int c = 0; c < 4; c++) { // 32 bytes: sub-block 2c in the low nibbles, 2c + 1 in the high ones
                for (int l = 0; l < SUB; l++) {
                    int lo = code(x[src + 64 * c + l], d * sc[2 * c], dmin * m[2 * c]);
                    int hi = code(x[src + 64 * c + 32 + l], d * sc[2 * c + 1], dmin * m[2 * c + 1]);
                    dst.set(ValueLayout.JAVA_BYTE, block + 16 + 32L * c + l, (byte) (lo | hi << 4));
                }
            }
        }
    }

    /** The best (scales[s], offsets[s]) for the 32 values at x[from..]: x ≈ scale·q − offset, offset ≥ 0. */
    private static void fit(float[] x, int from, int[] codes, float[] scales, float[] offsets, int s) {
        float lo = 0f, hi = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < SUB; j++) {
            lo = Math.min(lo, x[from + j]);
            hi = Math.max(hi, x[from + j]);
        }
        scales[s] = (hi - lo) / 15f;
        offsets[s] = -lo;
        if (hi == lo) {
            return;
        }
        double bestError = error(x, from, scales[s], offsets[s]);
        for (int k = -STEPS; k <= STEPS; k++) {
            float inverse = (15f + 0.1f * k) / (hi - lo);
            double sq = 0, sqx = 0, sx = 0, sqq = 0;
            for (int j = 0; j < SUB; j++) {
                int q = (int) Math.clamp(Math.rint((x[from + j] - lo) * inverse), 0, 15);
                codes[j] = q;
                sq += q;
                sqq += (double) q * q;
                sx += x[from + j];
                sqx += (double) q * x[from + j];
            }
            double det = SUB * sqq - sq * sq;
            if (det <= 0) {
                continue;
            }
            double scale = (SUB * sqx - sq * sx) / det, intercept = (sx - scale * sq) / SUB;
            if (intercept > 0) { // the offset must not be negative: fit a line through the origin instead
                intercept = 0;
                scale = sqx / sqq;
            }
            if (scale <= 0) {
                continue;
            }
            double e = error(x, from, (float) scale, (float) -intercept);
            if (e < bestError) {
                bestError = e;
                scales[s] = (float) scale;
                offsets[s] = (float) -intercept;
            }
        }
    }

    /** Squared error of coding x[from .. from+32) with this scale and offset. */
    private static double error(float[] x, int from, float scale, float offset) {
        double e = 0;
        for (int j = 0; j < SUB; j++) {
            double diff = scale * code(x[from + j], scale, offset) - offset - x[from + j];
            e += diff * diff;
        }
        return e;
    }

    /** q in 0..15 nearest to (v + offset) / step; 0 when the step is 0. */
    private static int code(float v, float step, float offset) {
        return step == 0f ? 0 : (int) Math.clamp(Math.rint((v + offset) / step), 0, 15);
    }

    /** value / unit as a 6-bit integer. */
    private static int sixBits(float value, float unit) {
        return unit == 0f ? 0 : (int) Math.clamp(Math.rint(value / unit), 0, 63);
    }
}
