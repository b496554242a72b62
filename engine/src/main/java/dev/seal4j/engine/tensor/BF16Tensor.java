package dev.seal4j.engine.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static dev.seal4j.engine.tensor.Simd.F;
import static dev.seal4j.engine.tensor.Simd.I;
import static dev.seal4j.engine.tensor.Simd.L;
import static dev.seal4j.engine.tensor.Simd.S;
import static java.nio.ByteOrder.LITTLE_ENDIAN;

/** bfloat16: the upper 16 bits of an IEEE float32. */
public final class BF16Tensor extends Tensor {
    private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(LITTLE_ENDIAN);

    BF16Tensor(MemorySegment data, long[] shape) {
        super(data, shape);
    }

    @Override
    public DType dtype() {
        return DType.BF16;
    }

    /** bfloat16 bits to float. */
    public static float toFloat(short bits) {
        return Float.intBitsToFloat(bits << 16);
    }

    /** float to bfloat16 bits, rounding to nearest even (NaN stays NaN). */
    public static short fromFloat(float f) {
        int bits = Float.floatToRawIntBits(f);
        if (Float.isNaN(f)) {
            return (short) ((bits >>> 16) | 0x40);
        }
        int rounding = 0x7FFF + ((bits >>> 16) & 1);
        return (short) ((bits + rounding) >>> 16);
    }

    @Override
    public float get(long i) {
        return toFloat(data.get(SHORT, i * 2));
    }

    private FloatVector load(long byteOffset) {
        return load(data, byteOffset);
    }

    private static FloatVector load(MemorySegment seg, long byteOffset) {
        // The cast matters: without it C2 may take the type of the conversion's result from a profile shared
        // with other conversions (Q8_0's int8 → float), compile the shift as a float operation and crash.
        IntVector widened = (IntVector) ShortVector.fromMemorySegment(S, seg, byteOffset, LITTLE_ENDIAN)
                .convertShape(VectorOperators.S2I, I, 0);
        return widened.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats();
    }

    @Override
    public void dequantize(long from, float[] dst, int dstOff, int count) {
        long base = from * 2;
        int i = 0;
        for (int bound = Simd.loopBound(count); i < bound; i += L) {
            load(base + 2L * i).intoArray(dst, dstOff + i);
        }
        for (; i < count; i++) {
            dst[dstOff + i] = toFloat(data.get(SHORT, base + 2L * i));
        }
    }

    @Override
    public float dot(long from, float[] x, int xOff, int n) {
        long base = from * 2;
        int i = 0;
        float sum = 0f;
        if (n >= 2 * L) {
            FloatVector c0 = FloatVector.zero(F), c1 = c0;
            for (int bound = n - n % (2 * L); i < bound; i += 2 * L) {
                c0 = load(base + 2L * i).fma(FloatVector.fromArray(F, x, xOff + i), c0);
                c1 = load(base + 2L * (i + L)).fma(FloatVector.fromArray(F, x, xOff + i + L), c1);
            }
            sum = Simd.sum(c0.add(c1));
        }
        for (; i < n; i++) {
            sum += toFloat(data.get(SHORT, base + 2L * i)) * x[xOff + i];
        }
        return sum;
    }

    /** Four rows at a time, one accumulator per row; the columns past the last whole vector are added one by one. */
    @Override
    public void dotRows(int rowFrom, int rowTo, float[] x, int xOff, float[] out, int outOff) {
        int n = cols();
        int rowBytes = 2 * n;
        int bound = Simd.loopBound(n);
        int r = rowFrom;
        for (; r + 4 <= rowTo; r += 4) {
            // offsets into the whole segment: a slice per group of rows was an allocation whenever the JIT
            // did not inline it
            long b0 = r * (long) rowBytes, b1 = b0 + rowBytes, b2 = b1 + rowBytes, b3 = b2 + rowBytes;
            FloatVector a0 = FloatVector.zero(F), a1 = a0, a2 = a0, a3 = a0;
            for (int i = 0; i < bound; i += L) {
                FloatVector xv = FloatVector.fromArray(F, x, xOff + i);
                long o = 2L * i;
                a0 = load(data, b0 + o).fma(xv, a0);
                a1 = load(data, b1 + o).fma(xv, a1);
                a2 = load(data, b2 + o).fma(xv, a2);
                a3 = load(data, b3 + o).fma(xv, a3);
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
                a0 = load(b0 + 2L * i).fma(FloatVector.fromArray(F, x, xOff + i), a0);
            }
            out[outOff + r - rowFrom] = Simd.sum(a0) + tail(b0, x, xOff, bound, n);
        }
    }

    /** Σ row[i]·x[i] for i in [from, n), the row starting at byte rowByte. */
    private float tail(long rowByte, float[] x, int xOff, int from, int n) {
        float sum = 0f;
        for (int i = from; i < n; i++) {
            sum += toFloat(data.get(SHORT, rowByte + 2L * i)) * x[xOff + i];
        }
        return sum;
    }
}
