package dev.seal4j.engine.tensor;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;

import java.lang.foreign.MemorySegment;

import static dev.seal4j.engine.tensor.Simd.B;
import static dev.seal4j.engine.tensor.Simd.F;
import static dev.seal4j.engine.tensor.Simd.I;
import static dev.seal4j.engine.tensor.Simd.L;
import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * ggml Q4_K: super-blocks of 256 values in 8 sub-blocks of 32. Layout (144 bytes): f16 d, f16 dmin,
 * 12 bytes packing eight 6-bit scales and eight 6-bit mins, 128 bytes of 4-bit values.
 * value = d·scale_s·q − dmin·min_s. Sub-blocks 2c and 2c+1 are the low and high nibbles of bytes
 * 32c .. 32c+31 of the values.
 */
public final class Q4_KTensor extends BlockTensor {
    private static final int BLOCK = 256;
    private static final int BYTES = 144;
    /** Per thread: the sums of x over each sub-block of 32 (the mins' share of a row's dot product). */
    private static final ThreadLocal<float[]> X_SUMS = ThreadLocal.withInitial(() -> new float[0]);
    /** Per thread: a row's accumulator, stored to be summed lane by lane. */
    private static final ThreadLocal<float[]> LANES = ThreadLocal.withInitial(() -> new float[L]);

    Q4_KTensor(MemorySegment data, long[] shape) {
        super(data, shape);
    }

    @Override
    public DType dtype() {
        return DType.Q4_K;
    }

    @Override
    void dequantizeBlock(long block, float[] dst, int off) {
        if (L > 32) { // vectors wider than a sub-block (1024 bits): nothing to gain here
            dequantizeBlockScalar(block, dst, off);
            return;
        }
        long base = block * BYTES;
        float d = f16(base);
        float dmin = f16(base + 2);
        long scales = base + 4;
        long qs = base + 16;
        for (int c = 0; c < 4; c++) { // 64 values per step: low nibbles then high nibbles of 32 bytes
            int s0 = 2 * c, s1 = 2 * c + 1;
            float d0 = d * scale(scales, s0), m0 = dmin * min(scales, s0);
            float d1 = d * scale(scales, s1), m1 = dmin * min(scales, s1);
            for (int l = 0; l < 32; l += L) {
                IntVector q = nibblePairs(qs + 32L * c + l);
                lowNibbles(q).mul(d0).sub(m0).intoArray(dst, off + 64 * c + l);
                highNibbles(q).mul(d1).sub(m1).intoArray(dst, off + 64 * c + 32 + l);
            }
        }
    }

    /**
     * One row at a time: per sub-block the 4-bit values times x summed in a vector, scaled by d·scale into
     * the row's accumulator; the mins enter as dmin·min·Σx over the sub-block, Σx computed once per call.
     */
    @Override
    public void dotRows(int rowFrom, int rowTo, float[] x, int xOff, float[] out, int outOff) {
        if (L > 32) {
            super.dotRows(rowFrom, rowTo, x, xOff, out, outOff);
            return;
        }
        int blocks = cols() / BLOCK;
        float[] xSums = xSums(x, xOff, blocks * 8);
        float[] lanes = LANES.get();
        for (int r = rowFrom; r < rowTo; r++) {
            FloatVector acc = FloatVector.zero(F);
            float mins = 0f;
            for (int b = 0; b < blocks; b++) {
                long base = ((long) r * blocks + b) * BYTES;
                float d = f16(base);
                float dmin = f16(base + 2);
                long scales = base + 4;
                long qs = base + 16;
                int xb = xOff + b * BLOCK;
                for (int c = 0; c < 4; c++) {
                    FloatVector lo = FloatVector.zero(F), hi = lo;
                    for (int l = 0; l < 32; l += L) {
                        IntVector q = nibblePairs(qs + 32L * c + l);
                        lo = lowNibbles(q).fma(FloatVector.fromArray(F, x, xb + 64 * c + l), lo);
                        hi = highNibbles(q).fma(FloatVector.fromArray(F, x, xb + 64 * c + 32 + l), hi);
                    }
                    int s0 = 2 * c, s1 = 2 * c + 1;
                    acc = lo.fma(FloatVector.broadcast(F, d * scale(scales, s0)), acc);
                    acc = hi.fma(FloatVector.broadcast(F, d * scale(scales, s1)), acc);
                    mins += dmin * min(scales, s0) * xSums[8 * b + s0] + dmin * min(scales, s1) * xSums[8 * b + s1];
                }
            }
            acc.intoArray(lanes, 0);
            out[outOff + r - rowFrom] = Simd.sumLanes(lanes) - mins;
        }
    }

    /** {@link #dequantizeBlock} a value at a time, with the same operations. */
    private void dequantizeBlockScalar(long block, float[] dst, int off) {
        long base = block * BYTES;
        float d = f16(base);
        float dmin = f16(base + 2);
        for (int c = 0; c < 4; c++) {
            float d0 = d * scale(base + 4, 2 * c), m0 = dmin * min(base + 4, 2 * c);
            float d1 = d * scale(base + 4, 2 * c + 1), m1 = dmin * min(base + 4, 2 * c + 1);
            for (int l = 0; l < 32; l++) {
                int q = u8(base + 16 + 32L * c + l);
                dst[off + 64 * c + l] = d0 * (q & 0xF) - m0;
                dst[off + 64 * c + 32 + l] = d1 * (q >>> 4) - m1;
            }
        }
    }

    /** This thread's scratch holding Σ x over each of the {@code subBlocks} runs of 32 values from xOff. */
    private static float[] xSums(float[] x, int xOff, int subBlocks) {
        float[] sums = X_SUMS.get();
        if (sums.length < subBlocks) {
            sums = new float[subBlocks];
            X_SUMS.set(sums);
        }
        for (int s = 0; s < subBlocks; s++) {
            float sum = 0f;
            for (int l = 0; l < 32; l++) {
                sum += x[xOff + 32 * s + l];
            }
            sums[s] = sum;
        }
        return sums;
    }

    /** L bytes of packed values at byte offset {@code at}, one per int lane. */
    private IntVector nibblePairs(long at) {
        return (IntVector) ByteVector.fromMemorySegment(B, data, at, LITTLE_ENDIAN).convertShape(VectorOperators.B2I, I, 0);
    }

    private static FloatVector lowNibbles(IntVector q) {
        return (FloatVector) q.and(0xF).convert(VectorOperators.I2F, 0);
    }

    private static FloatVector highNibbles(IntVector q) {
        return (FloatVector) q.lanewise(VectorOperators.LSHR, 4).and(0xF).convert(VectorOperators.I2F, 0);
    }

    /** 6-bit scale of sub-block s (0..7). */
    private int scale(long scales, int s) {
        return s < 4 ? u8(scales + s) & 63 : (u8(scales + s + 4) & 0xF) | ((u8(scales + s - 4) >>> 6) << 4);
    }

    /** 6-bit min of sub-block s (0..7). */
    private int min(long scales, int s) {
        return s < 4 ? u8(scales + s + 4) & 63 : (u8(scales + s + 4) >>> 4) | ((u8(scales + s) >>> 6) << 4);
    }
}
