package dev.seal4j.engine.tensor;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** dot() must agree with dequantize() for every dtype; the layouts themselves are checked against PyTorch fixtures. */
class QuantizedTensorTest {

    @Test
    void dotAgreesWithDequantizeForEveryDtype() {
        Random rnd = new Random(7);
        for (DType dtype : DType.values()) {
            int n = 512;
            byte[] bytes = new byte[(int) dtype.byteSize(n)];
            rnd.nextBytes(bytes);
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment seg = arena.allocate(bytes.length);
                MemorySegment.copy(bytes, 0, seg, ValueLayout.JAVA_BYTE, 0, bytes.length);
                sanitize(dtype, seg, n);
                Tensor t = Tensor.of(dtype, seg, 2, n / 2);
                float[] all = t.toFloatArray();
                float[] x = new float[n / 2];
                for (int i = 0; i < x.length; i++) {
                    x[i] = rnd.nextFloat() - 0.5f;
                }
                for (int row = 0; row < 2; row++) {
                    double expect = 0, mag = 0;
                    for (int i = 0; i < n / 2; i++) {
                        expect += (double) all[row * n / 2 + i] * x[i];
                        mag += Math.abs((double) all[row * n / 2 + i] * x[i]);
                    }
                    assertEquals(expect, t.dot((long) row * n / 2, x, 0, n / 2), 1e-5 * mag + 1e-6, dtype + " row " + row);
                    assertEquals(all[row * n / 2 + 5], t.get((long) row * n / 2 + 5), 0f, dtype + " get");
                }
            }
        }
    }

    /** Random bytes can encode NaN/Inf in float fields; replace every scale and float with a finite value. */
    private static void sanitize(DType dtype, MemorySegment seg, int n) {
        var f16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
        switch (dtype) {
            case F32 -> {
                for (int i = 0; i < n; i++) {
                    seg.set(ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), 4L * i, (i % 17) * 0.1f - 0.8f);
                }
            }
            case F16, BF16 -> {
                for (int i = 0; i < n; i++) {
                    short bits = dtype == DType.F16 ? Float.floatToFloat16((i % 13) * 0.1f - 0.6f)
                            : BF16Tensor.fromFloat((i % 13) * 0.1f - 0.6f);
                    seg.set(f16, 2L * i, bits);
                }
            }
            case Q8_0, Q4_0 -> {
                for (int b = 0; b < n / 32; b++) {
                    seg.set(f16, (long) b * dtype.blockBytes, Float.floatToFloat16(0.01f * (b + 1)));
                }
            }
            case Q4_K -> {
                for (int b = 0; b < n / 256; b++) {
                    seg.set(f16, b * 144L, Float.floatToFloat16(0.02f));
                    seg.set(f16, b * 144L + 2, Float.floatToFloat16(0.01f));
                }
            }
            case Q6_K -> {
                for (int b = 0; b < n / 256; b++) {
                    seg.set(f16, b * 210L + 208, Float.floatToFloat16(0.003f));
                }
            }
        }
    }
}
