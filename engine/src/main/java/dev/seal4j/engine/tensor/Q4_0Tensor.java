package dev.seal4j.engine.tensor;

import java.lang.foreign.MemorySegment;

/** ggml Q4_0: blocks of 32 values: f16 scale d, 16 bytes; byte j holds value j (low nibble) and j+16 (high), value = d·(q − 8). */
public final class Q4_0Tensor extends BlockTensor {
    Q4_0Tensor(MemorySegment data, long[] shape) {
        super(data, shape);
    }

    @Override
    public DType dtype() {
        return DType.Q4_0;
    }

    @Override
    void dequantizeBlock(long block, float[] dst, int off) {
        long base = block * 18;
        float d = f16(base);
        for (int j = 0; j < 16; j++) {
            int q = u8(base + 2 + j);
            dst[off + j] = d * ((q & 0xF) - 8);
            dst[off + j + 16] = d * ((q >>> 4) - 8);
        }
    }
}
