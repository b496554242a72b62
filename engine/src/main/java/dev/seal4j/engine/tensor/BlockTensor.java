package dev.seal4j.engine.tensor;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * A quantized type read one whole block at a time: {@link #dequantizeBlock} is the format, and dot products
 * dequantize a block into per-thread scratch then multiply. Used for the 4- and 6-bit types.
 */
abstract sealed class BlockTensor extends Tensor permits Q4_0Tensor, Q4_KTensor, Q6_KTensor {
    static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(LITTLE_ENDIAN);
    private static final ThreadLocal<float[]> SCRATCH = ThreadLocal.withInitial(() -> new float[256]);

    BlockTensor(MemorySegment data, long[] shape) {
        super(data, shape);
    }

    /** Writes the values of block {@code block} (dtype().blockSize of them) to dst[off..]. */
    abstract void dequantizeBlock(long block, float[] dst, int off);

    final int u8(long offset) {
        return data.get(ValueLayout.JAVA_BYTE, offset) & 0xFF;
    }

    final float f16(long offset) {
        return Float.float16ToFloat(data.get(SHORT, offset));
    }

    @Override
    public final float get(long i) {
        float[] tmp = SCRATCH.get();
        int bs = dtype().blockSize;
        dequantizeBlock(i / bs, tmp, 0);
        return tmp[(int) (i % bs)];
    }

    @Override
    public final void dequantize(long from, float[] dst, int dstOff, int count) {
        int bs = dtype().blockSize;
        long first = from / bs;
        for (int b = 0; b < count / bs; b++) {
            dequantizeBlock(first + b, dst, dstOff + b * bs);
        }
    }

    @Override
    public final float dot(long from, float[] x, int xOff, int n) {
        float[] tmp = SCRATCH.get();
        int bs = dtype().blockSize;
        long first = from / bs;
        float sum = 0f;
        for (int b = 0; b < n / bs; b++) {
            dequantizeBlock(first + b, tmp, 0);
            sum += VectorMath.dot(tmp, 0, x, xOff + b * bs, bs);
        }
        return sum;
    }
}
