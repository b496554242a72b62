package dev.seal4j.engine.tensor;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

import java.util.List;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

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
     * {@link #sum(FloatVector)} of the L floats at v[0..L), the same additions in the same order, done on the
     * array (which it overwrites) — for kernels that store their accumulator rather than hand a vector to a
     * helper the JIT may compile on its own and then no longer inline (boxing the vector on every call).
     */
    public static float sumLanes(float[] v) {
        for (int half = L / 2; half >= 1; half /= 2) {
            for (int i = 0; i < half; i++) {
                v[i] += v[i + half];
            }
        }
        return v[0];
    }

    /**
     * {@link #sum(FloatVector)} of four vectors at once, into out[at .. at + 4): the same additions in the same
     * order (so the same bits), with the partial sums of two, then four vectors packed into one vector so that
     * each permute and add serves several of them. About a fifth of the instructions of four separate sums,
     * and small enough to inline into the row kernels (L >= 4).
     */
    public static void sum4(FloatVector a0, FloatVector a1, FloatVector a2, FloatVector a3, float[] out, int at) {
        // lane i + lane i + L/2: the first L/2 lanes of each hold its partial sums
        a0 = a0.add(a0.rearrange(ROTATE_HALF));
        a1 = a1.add(a1.rearrange(ROTATE_HALF));
        a2 = a2.add(a2.rearrange(ROTATE_HALF));
        a3 = a3.add(a3.rearrange(ROTATE_HALF));
        // two vectors' partials per vector, one in each half; then add within each half, a quarter apart
        FloatVector p01 = a0.blend(a1.rearrange(ROTATE_HALF), UPPER_HALF);
        FloatVector p23 = a2.blend(a3.rearrange(ROTATE_HALF), UPPER_HALF);
        p01 = p01.add(p01.rearrange(ROTATE_IN_HALVES));
        p23 = p23.add(p23.rearrange(ROTATE_IN_HALVES));
        // quarters hold the partials of a0, a2, a1, a3; finish each quarter's pairwise sum
        FloatVector p = p01.blend(p23.rearrange(ROTATE_IN_HALVES), UPPER_QUARTER_OF_HALVES);
        for (VectorShuffle<Float> rotation : ROTATE_IN_QUARTERS) {
            p = p.add(p.rearrange(rotation));
        }
        out[at] = p.lane(0);
        out[at + 1] = p.lane(L / 2);
        out[at + 2] = p.lane(L / 4);
        out[at + 3] = p.lane(3 * L / 4);
    }

    private static final VectorShuffle<Float> ROTATE_32 = rotation(32), ROTATE_16 = rotation(16),
            ROTATE_8 = rotation(8), ROTATE_4 = rotation(4), ROTATE_2 = rotation(2), ROTATE_1 = rotation(1);

    private static VectorShuffle<Float> rotation(int by) {
        return VectorShuffle.fromOp(F, i -> (i + by) % L);
    }

    /** Rotation by {@code by} lanes within each segment of 2·by lanes. */
    private static VectorShuffle<Float> rotationInSegments(int by) {
        return VectorShuffle.fromOp(F, i -> (i & ~(2 * by - 1)) | ((i + by) & (2 * by - 1)));
    }

    private static final VectorShuffle<Float> ROTATE_HALF = rotation(L / 2), ROTATE_IN_HALVES = rotationInSegments(L / 4);
    /** Within segments of L/4, by L/8, L/16, ..., 1 lanes. */
    private static final List<VectorShuffle<Float>> ROTATE_IN_QUARTERS = IntStream
            .iterate(L / 8, by -> by >= 1, by -> by / 2).mapToObj(Simd::rotationInSegments).toList();
    private static final VectorMask<Float> UPPER_HALF = lanesWhere(i -> i >= L / 2);
    private static final VectorMask<Float> UPPER_QUARTER_OF_HALVES = lanesWhere(i -> i % (L / 2) >= L / 4);

    private static VectorMask<Float> lanesWhere(IntPredicate lane) {
        boolean[] set = new boolean[L];
        for (int i = 0; i < L; i++) {
            set[i] = lane.test(i);
        }
        return VectorMask.fromValues(F, set);
    }

    private static final float LOG2E = 1.44269504088896341f;
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    private static final float ROUND = 12582912f; // 1.5·2²³: adding and subtracting it rounds to an integer

    /**
     * dst[dstOff + i] = e^(scale·src[srcOff + i] − shift) for i in [0, n) (src and dst may be the same array, at
     * the same offset); returns Σ of the results. e^x is Cephes' single-precision polynomial (about 1 ulp for
     * x in [−87, 88]; below that about 1e-38, above about 88.4 +Infinity), built from additions,
     * multiplications and fused multiply-adds only, so it gives the same bits compiled or interpreted — unlike
     * {@code lanewise(EXP)}, which uses a different implementation once compiled.
     *
     * <p>Arrays in, arrays out, with the polynomial inside the loop: a helper that took and returned vectors
     * was sometimes compiled on its own before its callers, could then no longer be inlined into them, and
     * boxed every vector it was given (kilobytes of garbage per call, and a slow loop).
     */
    public static float exp(float[] src, int srcOff, float[] dst, int dstOff, int n, float scale, float shift) {
        FloatVector vScale = FloatVector.broadcast(F, scale), vShift = FloatVector.broadcast(F, -shift);
        FloatVector acc = FloatVector.zero(F);
        int i = 0;
        for (int bound = loopBound(n); i < bound; i += L) {
            FloatVector x = FloatVector.fromArray(F, src, srcOff + i).fma(vScale, vShift).max(-87.3f).min(88.7f);
            FloatVector k = x.mul(LOG2E).add(ROUND).sub(ROUND);
            FloatVector r = k.fma(FloatVector.broadcast(F, -LN2_HI), x).add(k.mul(-LN2_LO));
            FloatVector p = r.mul(1.9875691500E-4f).add(1.3981999507E-3f)
                    .fma(r, FloatVector.broadcast(F, 8.3334519073E-3f))
                    .fma(r, FloatVector.broadcast(F, 4.1665795894E-2f))
                    .fma(r, FloatVector.broadcast(F, 1.6666665459E-1f))
                    .fma(r, FloatVector.broadcast(F, 5.0000001201E-1f));
            p = p.fma(r.mul(r), r.add(1f));
            FloatVector twoToK = ((IntVector) k.convert(VectorOperators.F2I, 0)).add(127)
                    .lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            FloatVector e = p.mul(twoToK);
            e.intoArray(dst, dstOff + i);
            acc = e.add(acc);
        }
        float sum = sum(acc);
        for (; i < n; i++) {
            float e = exp(Math.fma(src[srcOff + i], scale, -shift));
            dst[dstOff + i] = e;
            sum += e;
        }
        return sum;
    }

    /** The same computation as {@link #exp(float[], int, float[], int, int, float, float)} on one number. */
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
