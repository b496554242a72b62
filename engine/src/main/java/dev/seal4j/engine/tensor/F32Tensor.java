package dev.seal4j.engine.tensor;

import jdk.incubator.vector.FloatVector;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static dev.seal4j.engine.tensor.Simd.F;
import static dev.seal4j.engine.tensor.Simd.L;
import static java.nio.ByteOrder.LITTLE_ENDIAN;

/** 32-bit floats. Also the type of trainable weights, which are written through {@link #set} and {@link #copyFrom}. */
public final class F32Tensor extends Tensor {
    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(LITTLE_ENDIAN);

    F32Tensor(MemorySegment data, long[] shape) {
        super(data, shape);
    }

    @Override
    public DType dtype() {
        return DType.F32;
    }

    @Override
    public float get(long i) {
        return data.get(FLOAT, i * Float.BYTES);
    }

    public void set(long i, float v) {
        data.set(FLOAT, i * Float.BYTES, v);
    }

    /** this[from .. from + count) = src[srcOff ..]. */
    public void copyFrom(float[] src, int srcOff, long from, int count) {
        MemorySegment.copy(src, srcOff, data, FLOAT, from * Float.BYTES, count);
    }

    @Override
    public void dequantize(long from, float[] dst, int dstOff, int count) {
        MemorySegment.copy(data, FLOAT, from * Float.BYTES, dst, dstOff, count);
    }

    @Override
    public float dot(long from, float[] x, int xOff, int n) {
        long base = from * Float.BYTES;
        int i = 0;
        float sum = 0f;
        if (n >= 4 * L) {
            FloatVector c0 = FloatVector.zero(F), c1 = c0, c2 = c0, c3 = c0;
            int bound = n - n % (4 * L);
            for (; i < bound; i += 4 * L) {
                long o = base + (long) i * Float.BYTES;
                c0 = FloatVector.fromMemorySegment(F, data, o, LITTLE_ENDIAN).fma(FloatVector.fromArray(F, x, xOff + i), c0);
                c1 = FloatVector.fromMemorySegment(F, data, o + 4L * L, LITTLE_ENDIAN).fma(FloatVector.fromArray(F, x, xOff + i + L), c1);
                c2 = FloatVector.fromMemorySegment(F, data, o + 8L * L, LITTLE_ENDIAN).fma(FloatVector.fromArray(F, x, xOff + i + 2 * L), c2);
                c3 = FloatVector.fromMemorySegment(F, data, o + 12L * L, LITTLE_ENDIAN).fma(FloatVector.fromArray(F, x, xOff + i + 3 * L), c3);
            }
            sum = Simd.sum(c0.add(c1).add(c2.add(c3)));
        }
        for (; i < n; i++) {
            sum += data.get(FLOAT, base + (long) i * Float.BYTES) * x[xOff + i];
        }
        return sum;
    }

    /** Four rows at a time, one accumulator per row; the columns past the last whole vector are added one by one. */
    @Override
    public void dotRows(int rowFrom, int rowTo, float[] x, int xOff, float[] out, int outOff) {
        int n = cols();
        int rowBytes = n * Float.BYTES;
        int bound = Simd.loopBound(n);
        int r = rowFrom;
        for (; r + 4 <= rowTo; r += 4) {
            // offsets into the whole segment: a slice per group of rows was an allocation whenever the JIT
            // did not inline it (every decoded token, in some compilations)
            long b0 = r * (long) rowBytes, b1 = b0 + rowBytes, b2 = b1 + rowBytes, b3 = b2 + rowBytes;
            FloatVector a0 = FloatVector.zero(F), a1 = a0, a2 = a0, a3 = a0;
            for (int i = 0; i < bound; i += L) {
                FloatVector xv = FloatVector.fromArray(F, x, xOff + i);
                long o = (long) i * Float.BYTES;
                a0 = FloatVector.fromMemorySegment(F, data, b0 + o, LITTLE_ENDIAN).fma(xv, a0);
                a1 = FloatVector.fromMemorySegment(F, data, b1 + o, LITTLE_ENDIAN).fma(xv, a1);
                a2 = FloatVector.fromMemorySegment(F, data, b2 + o, LITTLE_ENDIAN).fma(xv, a2);
                a3 = FloatVector.fromMemorySegment(F, data, b3 + o, LITTLE_ENDIAN).fma(xv, a3);
            }
            int at = outOff + r - rowFrom;
            Simd.sum4(a0, a1, a2, a3, out, at);
            for (int k = 0; k < 4 && bound < n; k++) {
                out[at + k] += tail((r + k) * (long) rowBytes, x, xOff, bound, n);
            }
        }
        for (; r < rowTo; r++) {
            long b0 = r * (long) rowBytes;
            FloatVector a0 = FloatVector.zero(F);
            for (int i = 0; i < bound; i += L) {
                a0 = FloatVector.fromMemorySegment(F, data, b0 + (long) i * Float.BYTES, LITTLE_ENDIAN)
                        .fma(FloatVector.fromArray(F, x, xOff + i), a0);
            }
            out[outOff + r - rowFrom] = Simd.sum(a0) + tail(b0, x, xOff, bound, n);
        }
    }

    /** Σ row[i]·x[i] for i in [from, n), the row starting at byte rowByte. */
    private float tail(long rowByte, float[] x, int xOff, int from, int n) {
        float sum = 0f;
        for (int i = from; i < n; i++) {
            sum += data.get(FLOAT, rowByte + (long) i * Float.BYTES) * x[xOff + i];
        }
        return sum;
    }
}
