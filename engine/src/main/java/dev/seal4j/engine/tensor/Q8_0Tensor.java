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
}
