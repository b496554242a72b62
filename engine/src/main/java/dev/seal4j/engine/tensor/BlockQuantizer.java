package dev.seal4j.engine.tensor;

import java.lang.foreign.MemorySegment;

/** Writes floats as the blocks of one quantized {@link DType}. */
@FunctionalInterface
public interface BlockQuantizer {
    /** Writes x[off .. off+count) (count a multiple of the block size) as blocks at byte {@code at} of {@code dst}. */
    void quantize(float[] x, int off, int count, MemorySegment dst, long at);

    /** The quantizer of {@code dtype}: Q8_0, Q4_0 or Q4_K. */
    static BlockQuantizer of(DType dtype) {
        return switch (dtype) {
            case Q8_0 -> Q8_0Quantizer::quantize;
            case Q4_0 -> Q4_0Quantizer::quantize;
            case Q4_K -> Q4_KQuantizer::quantize;
            default -> throw new IllegalArgumentException("no quantizer writes " + dtype
                    + " (supported: Q8_0, Q4_0, Q4_K)");
        };
    }
}
