package dev.seal4j.engine.format;

import dev.seal4j.engine.tensor.BF16Tensor;
import dev.seal4j.engine.tensor.DType;
import dev.seal4j.engine.tensor.Tensor;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Random;

/** Test data shared by the format tests: exactly representable values, native tensors, the shared folder. */
final class Fixtures {
    private Fixtures() {
    }

    static Path shared() {
        return Path.of(System.getProperty("seal4j.shared", "../shared"));
    }

    static Path stories260K() {
        return shared().resolve("models/stories260K/stories260K.bin");
    }

    /**
     * n random finite values that {@code dtype} (F32, F16, BF16) stores exactly, so a round trip must give
     * them back bit for bit: built from random bit patterns of the narrow type.
     */
    static float[] exactValues(DType dtype, int n, Random rnd) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            do {
                short bits = (short) rnd.nextInt(1 << 16);
                v[i] = switch (dtype) {
                    case F32 -> Float.intBitsToFloat(rnd.nextInt());
                    case F16 -> Float.float16ToFloat(bits);
                    case BF16 -> Float.intBitsToFloat(bits << 16);
                    default -> throw new IllegalArgumentException(dtype.toString());
                };
            } while (!Float.isFinite(v[i]));
        }
        return v;
    }

    /** A native tensor holding {@code bytes} as {@code dtype}. */
    static Tensor tensor(Arena arena, DType dtype, byte[] bytes, long... shape) {
        MemorySegment seg = arena.allocate(Math.max(1, bytes.length)).asSlice(0, bytes.length);
        MemorySegment.copy(bytes, 0, seg, ValueLayout.JAVA_BYTE, 0, bytes.length);
        return Tensor.of(dtype, seg, shape);
    }

    /** A native F32/F16/BF16 tensor of exactly representable values (encoded here, independently of the writers). */
    static Tensor floats(Arena arena, DType dtype, float[] values, long... shape) {
        ByteBuffer b = ByteBuffer.allocate(values.length * (dtype == DType.F32 ? 4 : 2)).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            switch (dtype) {
                case F32 -> b.putFloat(v);
                case F16 -> b.putShort(Float.floatToFloat16(v));
                case BF16 -> b.putShort((short) (Float.floatToRawIntBits(v) >>> 16));
                default -> throw new IllegalArgumentException(dtype.toString());
            }
        }
        return tensor(arena, dtype, b.array(), shape);
    }

    static float[] random(int n, Random rnd) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) rnd.nextGaussian();
        }
        return v;
    }

    /** bf16 of f by round-to-nearest-even, written independently of {@link BF16Tensor#fromFloat}. */
    static float roundToBf16(float f) {
        int bits = Float.floatToRawIntBits(f);
        int lower = bits & 0xFFFF;
        int upper = bits >>> 16;
        if (lower > 0x8000 || lower == 0x8000 && (upper & 1) == 1) {
            upper++;
        }
        return Float.intBitsToFloat(upper << 16);
    }
}
