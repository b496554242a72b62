package dev.seal4j.engine.tensor;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static dev.seal4j.engine.tensor.Simd.B;
import static dev.seal4j.engine.tensor.Simd.F;
import static dev.seal4j.engine.tensor.Simd.L;
import static java.nio.ByteOrder.LITTLE_ENDIAN;

/** ggml Q8_0: blocks of 32 values, each block an f16 scale d followed by 32 int8 q; value = d·q. */
public final class Q8_0Tensor extends Tensor {
    private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(LITTLE_ENDIAN);
    private static final int BLOCK = 32;
    private static final int BYTES = 34;

    Q8_0Tensor(MemorySegment data, long[] shape) {
        super(data, shape);
    }

    @Override
    public DType dtype() {
        return DType.Q8_0;
    }

    private float scale(long block) {
        return Float.float16ToFloat(data.get(SHORT, block * BYTES));
    }

    @Override
    public float get(long i) {
        long block = i / BLOCK;
        return scale(block) * data.get(ValueLayout.JAVA_BYTE, block * BYTES + 2 + i % BLOCK);
    }

    @Override
    public void dequantize(long from, float[] dst, int dstOff, int count) {
        long first = from / BLOCK;
        for (int b = 0; b < count / BLOCK; b++) {
            long off = (first + b) * BYTES;
            float d = scale(first + b);
            int o = dstOff + b * BLOCK;
            if (BLOCK % L == 0) {
                for (int j = 0; j < BLOCK; j += L) {
                    ((FloatVector) ByteVector.fromMemorySegment(B, data, off + 2 + j, LITTLE_ENDIAN)
                            .convertShape(VectorOperators.B2F, F, 0)).mul(d).intoArray(dst, o + j);
                }
            } else {
                for (int j = 0; j < BLOCK; j++) {
                    dst[o + j] = d * data.get(ValueLayout.JAVA_BYTE, off + 2 + j);
                }
            }
        }
    }

    @Override
    public float dot(long from, float[] x, int xOff, int n) {
        long first = from / BLOCK;
        int blocks = n / BLOCK;
        if (BLOCK % L != 0) {
            float sum = 0f;
            for (int b = 0; b < blocks; b++) {
                long off = (first + b) * BYTES;
                float s = 0f;
                for (int j = 0; j < BLOCK; j++) {
                    s += data.get(ValueLayout.JAVA_BYTE, off + 2 + j) * x[xOff + b * BLOCK + j];
                }
                sum += s * scale(first + b);
            }
            return sum;
        }
        FloatVector acc = FloatVector.zero(F);
        for (int b = 0; b < blocks; b++) {
            long off = (first + b) * BYTES;
            int xo = xOff + b * BLOCK;
            FloatVector blockSum = FloatVector.zero(F);
            for (int j = 0; j < BLOCK; j += L) {
                FloatVector q = (FloatVector) ByteVector.fromMemorySegment(B, data, off + 2 + j, LITTLE_ENDIAN)
                        .convertShape(VectorOperators.B2F, F, 0);
                blockSum = q.fma(FloatVector.fromArray(F, x, xo + j), blockSum);
            }
            acc = blockSum.fma(FloatVector.broadcast(F, scale(first + b)), acc);
        }
        return Simd.sum(acc);
    }

    /**
     * Four rows at a time sharing the loads of x; per row the same arithmetic as {@link #dot}: each block's
     * int8·x products summed in a vector, then scaled into the row's accumulator.
     */
    @Override
    public void dotRows(int rowFrom, int rowTo, float[] x, int xOff, float[] out, int outOff) {
        if (BLOCK % L != 0) {
            super.dotRows(rowFrom, rowTo, x, xOff, out, outOff);
            return;
        }
        int blocks = cols() / BLOCK;
        long rowBytes = (long) blocks * BYTES;
        int r = rowFrom;
        for (; r + 4 <= rowTo; r += 4) {
            // offsets into the whole segment: a slice per group of rows was an allocation whenever the JIT
            // did not inline it (498,560 bytes per decoded token of a stories15M-shape file)
            long o0 = r * rowBytes, o1 = o0 + rowBytes, o2 = o1 + rowBytes, o3 = o2 + rowBytes;
            FloatVector a0 = FloatVector.zero(F), a1 = a0, a2 = a0, a3 = a0;
            for (int b = 0; b < blocks; b++) {
                int xo = xOff + b * BLOCK;
                long bo = (long) b * BYTES;
                FloatVector s0 = FloatVector.zero(F), s1 = s0, s2 = s0, s3 = s0;
                for (int j = 0; j < BLOCK; j += L) {
                    FloatVector xv = FloatVector.fromArray(F, x, xo + j);
                    s0 = quants(data, o0 + bo + 2 + j).fma(xv, s0);
                    s1 = quants(data, o1 + bo + 2 + j).fma(xv, s1);
                    s2 = quants(data, o2 + bo + 2 + j).fma(xv, s2);
                    s3 = quants(data, o3 + bo + 2 + j).fma(xv, s3);
                }
                a0 = s0.fma(FloatVector.broadcast(F, halfAt(data, o0 + bo)), a0);
                a1 = s1.fma(FloatVector.broadcast(F, halfAt(data, o1 + bo)), a1);
                a2 = s2.fma(FloatVector.broadcast(F, halfAt(data, o2 + bo)), a2);
                a3 = s3.fma(FloatVector.broadcast(F, halfAt(data, o3 + bo)), a3);
            }
            Simd.sum4(a0, a1, a2, a3, out, outOff + r - rowFrom);
        }
        for (; r < rowTo; r++) {
            out[outOff + r - rowFrom] = dot((long) r * blocks * BLOCK, x, xOff, blocks * BLOCK);
        }
    }

    /** L int8 values at byte offset {@code at} of {@code seg}, as floats. */
    private static FloatVector quants(MemorySegment seg, long at) {
        return (FloatVector) ByteVector.fromMemorySegment(B, seg, at, LITTLE_ENDIAN).convertShape(VectorOperators.B2F, F, 0);
    }

    private static float halfAt(MemorySegment seg, long at) {
        return Float.float16ToFloat(seg.get(SHORT, at));
    }
}
