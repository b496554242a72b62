package dev.seal4j.engine.tensor;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorShape;
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

    /** The largest multiple of {@link #L} not above n. */
    public static int loopBound(int n) {
        return n - n % L;
    }

    /** lanes[i] ← lanes[(i + s) mod L] for s = L/2, L/4, ..., 1. */
    @SuppressWarnings("unchecked")
    private static final VectorShuffle<Float>[] ROTATIONS = java.util.stream.IntStream.iterate(L / 2, s -> s >= 1, s -> s / 2)
            .mapToObj(s -> VectorShuffle.iota(F, s, 1, true)).toArray(VectorShuffle[]::new);

    /**
     * The sum of the lanes of v, added pairwise in a fixed order (each lane plus the lane half a vector away,
     * then a quarter, ...). Unlike {@code reduceLanes(ADD)}, whose order is left to the implementation, it
     * gives the same result interpreted and compiled, so results do not depend on when the JIT kicks in.
     */
    public static float sum(FloatVector v) {
        for (VectorShuffle<Float> rotation : ROTATIONS) {
            v = v.add(v.rearrange(rotation));
        }
        return v.lane(0);
    }

    private static final float LOG2E = 1.44269504f;
    private static final float LN2_HI = 0.693359375f, LN2_LO = -2.12194440e-4f;
    /** 1.5·2²³: adding it rounds a float below 2²² to an integer, found in the low bits of the sum. */
    private static final float ROUNDER = 12582912f;
    private static final int ROUNDER_BITS = Float.floatToRawIntBits(ROUNDER);

    /**
     * e^x lane by lane, computed from additions, multiplications and bit operations only, so that it gives the
     * same result interpreted and compiled ({@code lanewise(EXP)} compiles to a vector library whose results
     * differ from the interpreter's). Range reduction x = k·ln2 + r, |r| ≤ ln2/2, and a degree-7 polynomial
     * for e^r (Cephes' expf coefficients): within 2 ulp of e^x. Inputs are clamped to [−87, 88], so e^x
     * stays a normal float (about 1.6e−38 to 1.7e38); NaN is not preserved.
     */
    public static FloatVector exp(FloatVector x) {
        x = x.max(-87f).min(88f);
        FloatVector rounded = x.mul(LOG2E).add(ROUNDER);
        FloatVector k = rounded.sub(ROUNDER);
        FloatVector r = k.fma(FloatVector.broadcast(F, -LN2_HI), x);
        r = k.fma(FloatVector.broadcast(F, -LN2_LO), r);
        FloatVector p = r.fma(1.9875691500e-4f, 1.3981999507e-3f);
        p = p.fma(r, FloatVector.broadcast(F, 8.3334519073e-3f));
        p = p.fma(r, FloatVector.broadcast(F, 4.1665795894e-2f));
        p = p.fma(r, FloatVector.broadcast(F, 1.6666665459e-1f));
        p = p.fma(r, FloatVector.broadcast(F, 5.0000001201e-1f));
        p = p.mul(r.mul(r)).add(r).add(1f);
        FloatVector twoToK = rounded.reinterpretAsInts().add(127 - ROUNDER_BITS).lanewise(VectorOperators.LSHL, 23)
                .reinterpretAsFloats();
        return p.mul(twoToK);
    }
}
