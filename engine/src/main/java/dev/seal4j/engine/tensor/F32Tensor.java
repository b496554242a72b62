package dev.seal4j.engine.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

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
}
