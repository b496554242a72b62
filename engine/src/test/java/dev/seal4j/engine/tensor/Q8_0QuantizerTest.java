package dev.seal4j.engine.tensor;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The F32 → Q8_0 quantizer against hand-computed blocks (the fixture blocks: BlockQuantizerTest). */
class Q8_0QuantizerTest {

    @Test
    void handComputedBlock() {
        float[] x = new float[32];
        x[0] = 2.54f;   // max: d = f16(2.54 / 127) = f16(0.02) = 0.0200042724609375
        x[1] = -1.0f;   // -1 / d = -49.989... → -50
        x[2] = 0.03f;   // 1.4997 → 1
        x[3] = -2.54f;  // → -127
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment seg = arena.allocate(34);
            Q8_0Quantizer.quantize(x, 0, 32, seg, 0);
            short half = seg.get(ValueLayout.JAVA_SHORT_UNALIGNED, 0);
            assertEquals(0.0200042724609375f, Float.float16ToFloat(half), 0f);
            assertEquals(127, seg.get(ValueLayout.JAVA_BYTE, 2));
            assertEquals(-50, seg.get(ValueLayout.JAVA_BYTE, 3));
            assertEquals(1, seg.get(ValueLayout.JAVA_BYTE, 4));
            assertEquals(-127, seg.get(ValueLayout.JAVA_BYTE, 5));
            assertEquals(0, seg.get(ValueLayout.JAVA_BYTE, 6));
        }
    }

    @Test
    void roundTripErrorIsAtMostHalfAStep() {
        Random rnd = new Random(11);
        float[] x = new float[32 * 40];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rnd.nextGaussian() * (1 + i / 32);
        }
        java.util.Arrays.fill(x, 64, 96, 0f); // an all-zero block
        try (Arena arena = Arena.ofConfined()) {
            Tensor t = Q8_0Quantizer.quantize(arena, x, 40, 32);
            float[] back = t.toFloatArray();
            for (int b = 0; b < 40; b++) {
                float amax = 0f;
                for (int j = 0; j < 32; j++) {
                    amax = Math.max(amax, Math.abs(x[b * 32 + j]));
                }
                float step = amax / 127f;
                for (int j = 0; j < 32; j++) {
                    int i = b * 32 + j;
                    assertTrue(Math.abs(back[i] - x[i]) <= 0.5f * step * 1.002f + 1e-7f, "element " + i);
                }
            }
        }
    }
}
