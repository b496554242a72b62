package dev.seal4j.engine.tensor;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The multi-row matrix-vector kernels: each row equals a double-precision dot product of its dequantized
 * values, and a row's result does not depend on which rows it was computed together with.
 */
class DotRowsTest {

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"F32", "BF16", "F16", "Q8_0", "Q4_K"})
    void rowsAgreeWithDequantizedDotsWhateverTheGrouping(DType dtype) {
        Random rnd = new Random(3);
        for (int cols : dtype == DType.Q4_K ? new int[]{256, 768} : dtype.isQuantized() ? new int[]{32, 96, 288} : new int[]{5, 16, 37, 288}) {
            int rows = 11;
            float[] values = new float[rows * cols];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) rnd.nextGaussian();
            }
            try (Arena arena = Arena.ofConfined()) {
                Tensor t = store(arena, dtype, values, rows, cols);
                float[] w = t.toFloatArray();
                float[] x = new float[cols + 3];
                for (int i = 0; i < x.length; i++) {
                    x[i] = (float) rnd.nextGaussian();
                }
                float[] all = new float[rows + 2];
                t.dotRows(0, rows, x, 3, all, 2);
                for (int from = 0; from < rows; from++) {
                    for (int to = from + 1; to <= rows; to += 3) {
                        float[] part = new float[to - from];
                        t.dotRows(from, to, x, 3, part, 0);
                        for (int r = from; r < to; r++) {
                            assertEquals(all[2 + r], part[r - from], 0f, dtype + " row " + r + " in [" + from + ", " + to + ")");
                        }
                    }
                }
                for (int r = 0; r < rows; r++) {
                    double expect = 0, mag = 0;
                    for (int j = 0; j < cols; j++) {
                        expect += (double) w[r * cols + j] * x[3 + j];
                        mag += Math.abs((double) w[r * cols + j] * x[3 + j]);
                    }
                    assertEquals(expect, all[2 + r], 1e-5 * mag, dtype + " cols " + cols + " row " + r);
                }
            }
        }
    }

    private static Tensor store(Arena arena, DType dtype, float[] v, int rows, int cols) {
        if (dtype == DType.Q8_0) {
            return Q8_0Quantizer.quantize(arena, v, rows, cols);
        }
        MemorySegment seg = arena.allocate(dtype.byteSize(v.length));
        var f16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
        if (dtype == DType.Q4_K) { // random scales, mins and 4-bit values; d and dmin of ordinary size
            Random rnd = new Random(v.length);
            for (long i = 0; i < seg.byteSize(); i++) {
                seg.set(ValueLayout.JAVA_BYTE, i, (byte) rnd.nextInt());
            }
            for (long b = 0; b < seg.byteSize(); b += dtype.blockBytes) {
                seg.set(f16, b, Float.floatToFloat16(0.01f + rnd.nextFloat() * 0.02f));
                seg.set(f16, b + 2, Float.floatToFloat16(rnd.nextFloat() * 0.02f));
            }
            return Tensor.of(dtype, seg, rows, cols);
        }
        var f32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < v.length; i++) {
            switch (dtype) {
                case F32 -> seg.set(f32, 4L * i, v[i]);
                case BF16 -> seg.set(f16, 2L * i, BF16Tensor.fromFloat(v[i]));
                case F16 -> seg.set(f16, 2L * i, Float.floatToFloat16(v[i]));
                default -> throw new IllegalArgumentException(dtype.name());
            }
        }
        return Tensor.of(dtype, seg, rows, cols);
    }
}
