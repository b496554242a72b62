package dev.seal4j.engine.tensor;

import java.util.Locale;

/**
 * Element types a weight can be stored in. Quantized types store numbers in blocks: {@code blockSize}
 * elements take {@code blockBytes} bytes (ggml's layouts, as GGUF files hold them).
 */
public enum DType {
    F32(1, 4),
    F16(1, 2),
    BF16(1, 2),
    /** 32 elements: f16 scale, 32 × int8. */
    Q8_0(32, 34),
    /** 32 elements: f16 scale, 16 bytes of 4-bit values offset by 8. */
    Q4_0(32, 18),
    /** 256 elements: f16 d, f16 dmin, 12 bytes of 6-bit scales and mins, 128 bytes of 4-bit values. */
    Q4_K(256, 144),
    /** 256 elements: 128 bytes low 4 bits, 64 bytes high 2 bits, 16 int8 scales, f16 d. */
    Q6_K(256, 210);

    public final int blockSize;
    public final int blockBytes;

    DType(int blockSize, int blockBytes) {
        this.blockSize = blockSize;
        this.blockBytes = blockBytes;
    }

    public boolean isQuantized() {
        return blockSize > 1;
    }

    /** Bytes taken by {@code elements} values; elements must be a whole number of blocks. */
    public long byteSize(long elements) {
        if (elements % blockSize != 0) {
            throw new IllegalArgumentException(
                    this + " stores blocks of " + blockSize + " values; " + elements + " is not a multiple");
        }
        return elements / blockSize * blockBytes;
    }

    /** The dtype named as safetensors ("F32", "BF16") or GGUF tools do, case-insensitively. */
    public static DType parse(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown dtype '" + name + "' (supported: "
                    + java.util.Arrays.toString(values()) + ")");
        }
    }
}
