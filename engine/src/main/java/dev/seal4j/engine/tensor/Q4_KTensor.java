package dev.seal4j.engine.tensor;

import java.lang.foreign.MemorySegment;

/**
 * ggml Q4_K: super-blocks of 256 values in 8 sub-blocks of 32. Layout (144 bytes): f16 d, f16 dmin,
 * 12 bytes packing eight 6-bit scales and eight 6-bit mins, 128 bytes of 4-bit values.
 * value = d·scale_s·q − dmin·min_s.
 */
public final class Q4_KTensor extends BlockTensor {
    Q4_KTensor(MemorySegment data, long[] shape) {
        super(data, shape);
    }

    @Override
    public DType dtype() {
        return DType.Q4_K;
    }

    @Override
    void dequantizeBlock(long block, float[] dst, int off) {
        long base = block * 144;
        float d = f16(base);
        float dmin = f16(base + 2);
        long scales = base + 4;
        long qs = base + 16;
        for (int j = 0; j < 4; j++) { // 64 values per step: low nibbles then high nibbles of 32 bytes
            int s0 = 2 * j, s1 = 2 * j + 1;
            float d0 = d * scale(scales, s0), m0 = dmin * min(scales, s0);
            float d1 = d * scale(scales, s1), m1 = dmin * min(scales, s1);
            for (int l = 0; l < 32; l++) {
                int q = u8(qs + 32L * j + l);
                dst[off + 64 * j + l] = d0 * (q & 0xF) - m0;
                dst[off + 64 * j + 32 + l] = d1 * (q >>> 4) - m1;
            }
        }
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
