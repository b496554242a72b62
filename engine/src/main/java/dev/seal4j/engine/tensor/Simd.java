package dev.seal4j.engine.tensor;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/** The vector species every kernel uses: the widest float vector the CPU has, and integer species of equal lane count. */
public final class Simd {
    private Simd() {
    }

    public static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    /** Floats per vector (16 with AVX-512, 8 with AVX2). */
    public static final int L = F.length();
    public static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;
    /** Shorts, as many lanes as {@link #F}. */
    public static final VectorSpecies<Short> S = ShortVector.SPECIES_PREFERRED.withShape(VectorShape.forBitSize(F.vectorBitSize() / 2));
    /** Bytes, as many lanes as {@link #F}. */
    public static final VectorSpecies<Byte> B = ByteVector.SPECIES_PREFERRED.withShape(VectorShape.forBitSize(F.vectorBitSize() / 4));

    /**
     * Σ of the lanes, added pairwise in a fixed order. Used instead of {@code reduceLanes(ADD)}, whose order is
     * unspecified and differs between interpreted and JIT-compiled code — which would make results depend on
     * when the JIT compiled a method, and training not bit-for-bit reproducible.
     */
    public static float sum(FloatVector v) {
        // v + (v rotated by half a vector), then by a quarter, ...: lane 0 ends up holding the same pairwise sum
        // as adding each lane to the one half a vector away; constant shuffles compile to register permutes
        if (L >= 64) {
            v = v.add(v.rearrange(ROTATE_32));
        }
        if (L >= 32) {
            v = v.add(v.rearrange(ROTATE_16));
        }
        if (L >= 16) {
            v = v.add(v.rearrange(ROTATE_8));
        }
        if (L >= 8) {
            v = v.add(v.rearrange(ROTATE_4));
        }
        v = v.add(v.rearrange(ROTATE_2));
        return v.add(v.rearrange(ROTATE_1)).lane(0);
    }

    /**
     * Σ of the L lanes stored at lanes[off..off + L), in the same order as {@link #sum(FloatVector)} (so the
     * same bits); overwrites them.
     */
    public static float sumLanes(float[] lanes, int off) {
        for (int half = L / 2; half >= 1; half /= 2) {
            for (int i = 0; i < half; i++) {
                lanes[off + i] += lanes[off + i + half];
            }
        }
        return lanes[off];
    }

    private static final VectorShuffle<Float> ROTATE_32 = rotation(32), ROTATE_16 = rotation(16),
            ROTATE_8 = rotation(8), ROTATE_4 = rotation(4), ROTATE_2 = rotation(2), ROTATE_1 = rotation(1);

    private static VectorShuffle<Float> rotation(int by) {
        return VectorShuffle.fromOp(F, i -> (i + by) % L);
    }

    private static final float LOG2E = 1.44269504088896341f;
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    private static final float ROUND = 12582912f; // 1.5·2²³: adding and subtracting it rounds to an integer

    /**
     * e^x lane by lane (Cephes' single-precision polynomial, about 1 ulp for x in [−87, 88]; below that it
     * returns about 1e-38, above about 88.4 it returns +Infinity). Built from additions, multiplications
     * and fused multiply-adds only, so it gives the same bits compiled or interpreted — unlike
     * {@code lanewise(EXP)}, which uses a different implementation once compiled.
     */
    public static FloatVector exp(FloatVector x) {
        x = x.max(-87.3f).min(88.7f);
        FloatVector n = x.mul(LOG2E).add(ROUND).sub(ROUND);
        FloatVector r = n.fma(FloatVector.broadcast(F, -LN2_HI), x).add(n.mul(-LN2_LO));
        FloatVector p = r.mul(1.9875691500E-4f).add(1.3981999507E-3f)
                .fma(r, FloatVector.broadcast(F, 8.3334519073E-3f))
                .fma(r, FloatVector.broadcast(F, 4.1665795894E-2f))
                .fma(r, FloatVector.broadcast(F, 1.6666665459E-1f))
                .fma(r, FloatVector.broadcast(F, 5.0000001201E-1f));
        p = p.fma(r.mul(r), r.add(1f));
        FloatVector scale = ((IntVector) n.convert(VectorOperators.F2I, 0)).add(127).lanewise(VectorOperators.LSHL, 23)
                .reinterpretAsFloats();
        return p.mul(scale);
    }

    /** The same computation as {@link #exp(FloatVector)} on one number, for loop tails. */
    public static float exp(float x) {
        x = Math.min(Math.max(x, -87.3f), 88.7f);
        float n = x * LOG2E + ROUND - ROUND;
        float r = Math.fma(n, -LN2_HI, x) + n * -LN2_LO;
        float p = r * 1.9875691500E-4f + 1.3981999507E-3f;
        p = Math.fma(p, r, 8.3334519073E-3f);
        p = Math.fma(p, r, 4.1665795894E-2f);
        p = Math.fma(p, r, 1.6666665459E-1f);
        p = Math.fma(p, r, 5.0000001201E-1f);
        p = Math.fma(p, r * r, r + 1f);
        return p * Float.intBitsToFloat(((int) n + 127) << 23);
    }

    /** The largest multiple of {@link #L} not above n. */
    public static int loopBound(int n) {
        return n - n % L;
    }
}
