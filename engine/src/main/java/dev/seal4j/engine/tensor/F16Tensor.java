package dev.seal4j.engine.tensor;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/** IEEE half precision. Conversion uses {@link Float#float16ToFloat}, which the JIT turns into one instruction. */
public final class F16Tensor extends Tensor {
    private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(LITTLE_ENDIAN);

    F16Tensor(MemorySegment data, long[] shape) {
        super(data, shape);
    }

    @Override
    public DType dtype() {
        return DType.F16;
    }

    @Override
    public float get(long i) {
        return Float.float16ToFloat(data.get(SHORT, i * 2));
    }

    @Override
    public void dequantize(long from, float[] dst, int dstOff, int count) {
        long base = from * 2;
        for (int i = 0; i < count; i++) {
            dst[dstOff + i] = Float.float16ToFloat(data.get(SHORT, base + 2L * i));
        }
    }

    @Override
    public float dot(long from, float[] x, int xOff, int n) {
        long base = from * 2;
        float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            long o = base + 2L * i;
            s0 += Float.float16ToFloat(data.get(SHORT, o)) * x[xOff + i];
            s1 += Float.float16ToFloat(data.get(SHORT, o + 2)) * x[xOff + i + 1];
            s2 += Float.float16ToFloat(data.get(SHORT, o + 4)) * x[xOff + i + 2];
            s3 += Float.float16ToFloat(data.get(SHORT, o + 6)) * x[xOff + i + 3];
        }
        for (; i < n; i++) {
            s0 += Float.float16ToFloat(data.get(SHORT, base + 2L * i)) * x[xOff + i];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
