package dev.seal4j.engine.tensor;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * ggml Q6_K: super-blocks of 256 values in 16 sub-blocks of 16. Layout (210 bytes): 128 bytes of low 4 bits,
 * 64 bytes of high 2 bits, 16 int8 scales, f16 d. value = d·scale_s·(q − 32), q in 0..63.
 */
public final class Q6_KTensor extends BlockTensor {
    Q6_KTensor(MemorySegment data, long[] shape) {
        super(data, shape);
    }

    @Override
    public DType dtype() {
        return DType.Q6_K;
    }

    @Override
    void dequantizeBlock(long block, float[] dst, int off) {
        long base = block * 210;
        float d = f16(base + 208);
        for (int half = 0; half < 2; half++) { // 128 values per half
            long ql = base + 64L * half;
            long qh = base + 128 + 32L * half;
            long sc = base + 192 + 8L * half;
            int o = off + 128 * half;
            for (int l = 0; l < 32; l++) {
                int is = l / 16;
                int h = u8(qh + l);
                int lo0 = u8(ql + l), lo1 = u8(ql + l + 32);
                int q1 = ((lo0 & 0xF) | ((h & 3) << 4)) - 32;
                int q2 = ((lo1 & 0xF) | (((h >>> 2) & 3) << 4)) - 32;
                int q3 = ((lo0 >>> 4) | (((h >>> 4) & 3) << 4)) - 32;
                int q4 = ((lo1 >>> 4) | (((h >>> 6) & 3) << 4)) - 32;
                dst[o + l] = d * scaleAt(sc, is) * q1;
                dst[o + l + 32] = d * scaleAt(sc, is + 2) * q2;
                dst[o + l + 64] = d * scaleAt(sc, is + 4) * q3;
                dst[o + l + 96] = d * scaleAt(sc, is + 6) * q4;
            }
        }
    }

    private int scaleAt(long sc, int i) {
        return data.get(ValueLayout.JAVA_BYTE, sc + i);
    }
}
