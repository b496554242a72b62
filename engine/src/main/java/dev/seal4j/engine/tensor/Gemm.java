package dev.seal4j.engine.tensor;

import jdk.incubator.vector.FloatVector;

import static dev.seal4j.engine.tensor.Simd.F;
import static dev.seal4j.engine.tensor.Simd.L;

/**
 * General matrix multiply C[m,n] (+)= A[m,k] · B[k,n], the way BLIS does it: B is packed in blocks of
 * KC × NC into column panels NR wide, A in blocks of MC × KC into row panels MR tall, and a 6 × 2-vector
 * register-blocked micro-kernel does the arithmetic. Operands describe how to read (and dequantize) their
 * elements, so one kernel serves x·Wᵀ (forward), dY·W (backward input) and dYᵀ·X (weight gradient) for
 * every weight dtype. A row-major A is read in place (its rows are the micro-kernel's broadcast streams);
 * only a transposed A, and the last partial panel of rows, is packed. Work is split into chunks of columns
 * (or rows when there are few columns) that the threads claim; each element of C is computed the same way
 * in any chunk and by either kernel, so results depend neither on timing nor on the thread count.
 */
public final class Gemm {
    static final int MR = 6;
    static final int NR = 2 * L;
    static final int KC = 256;
    static final int MC = 12 * MR;
    static final int NC = 512;
    /**
     * Chunks of work per thread: several, so that the shares even out (a 288-column product is 9 panels) and
     * threads slowed down by other load take fewer.
     */
    private static final int CHUNKS_PER_THREAD = 8;

    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    private Gemm() {
    }

    /** Per-thread packing buffers. */
    private static final class Workspace {
        final float[] packedA = new float[MC * KC];
        final float[] packedB = new float[KC * NC];
        final float[] row = new float[Math.max(KC, NC)];
        final float[] tile = new float[MR * NR];
    }

    /** The left factor A[m,k]: packs MR-row panels. */
    public sealed interface Left permits Dense, DenseT {
        /** Packs rows [r0, r0+mc) × cols [c0, c0+kc) into panels of MR rows: panel q at q·MR·kc, element (p, i) at p·MR + i. */
        void packA(int r0, int mc, int c0, int kc, float[] dst, float[] row);
    }

    /** The right factor B[k,n]: packs NR-column panels. */
    public sealed interface Right permits Dense, DenseT, Weight, WeightT {
        /** Packs rows [k0, k0+kc) × cols [j0, j0+nc) into panels of NR columns: panel q at q·NR·kc, element (p, j) at p·NR + j. */
        void packB(int k0, int kc, int j0, int nc, float[] dst, float[] row);

        /** Column blocks start at multiples of this (whole panels, and whole quantization blocks along a row). */
        default int columnGrain() {
            return NR;
        }
    }

    /** M(r, c) = data[offset + r·ld + c]: a row-major matrix. */
    public record Dense(float[] data, int offset, int ld) implements Left, Right {
        @Override
        public void packA(int r0, int mc, int c0, int kc, float[] dst, float[] row) {
            for (int q = 0; q * MR < mc; q++) {
                int base = q * MR * kc;
                for (int i = 0; i < MR; i++) {
                    int r = q * MR + i;
                    if (r < mc) {
                        int src = offset + (r0 + r) * ld + c0;
                        for (int p = 0; p < kc; p++) {
                            dst[base + p * MR + i] = data[src + p];
                        }
                    } else {
                        for (int p = 0; p < kc; p++) {
                            dst[base + p * MR + i] = 0f;
                        }
                    }
                }
            }
        }

        @Override
        public void packB(int k0, int kc, int j0, int nc, float[] dst, float[] row) {
            for (int p = 0; p < kc; p++) {
                scatterRow(data, offset + (k0 + p) * ld + j0, nc, kc, p, dst);
            }
        }
    }

    /** M(r, c) = data[offset + c·ld + r]: the transpose of a row-major matrix. */
    public record DenseT(float[] data, int offset, int ld) implements Left, Right {
        @Override
        public void packA(int r0, int mc, int c0, int kc, float[] dst, float[] row) {
            for (int q = 0; q * MR < mc; q++) {
                int base = q * MR * kc;
                int rows = Math.min(MR, mc - q * MR);
                for (int p = 0; p < kc; p++) {
                    int src = offset + (c0 + p) * ld + r0 + q * MR;
                    int d = base + p * MR;
                    for (int i = 0; i < rows; i++) {
                        dst[d + i] = data[src + i];
                    }
                    for (int i = rows; i < MR; i++) {
                        dst[d + i] = 0f;
                    }
                }
            }
        }

        @Override
        public void packB(int k0, int kc, int j0, int nc, float[] dst, float[] row) {
            for (int j = 0; j < nc; j++) {
                gatherColumn(data, offset + (j0 + j) * ld + k0, kc, j, dst);
            }
            zeroPadColumns(nc, kc, dst);
        }
    }

    /** M(r, c) = w[r, c]: a weight matrix as stored (backward: dX = dY · W). */
    public record Weight(Tensor w) implements Right {
        @Override
        public int columnGrain() {
            int block = w.dtype().blockSize;
            return block <= NR ? NR : block; // block sizes and NR are powers of two
        }

        @Override
        public void packB(int k0, int kc, int j0, int nc, float[] dst, float[] row) {
            int cols = w.cols();
            for (int p = 0; p < kc; p++) {
                w.dequantize((long) (k0 + p) * cols + j0, row, 0, nc);
                scatterRow(row, 0, nc, kc, p, dst);
            }
        }
    }

    /** M(r, c) = w[c, r]: a weight matrix transposed (forward: Y = X · Wᵀ with W stored (out, in)). */
    public record WeightT(Tensor w) implements Right {
        @Override
        public void packB(int k0, int kc, int j0, int nc, float[] dst, float[] row) {
            int cols = w.cols();
            for (int j = 0; j < nc; j++) {
                w.dequantize((long) (j0 + j) * cols + k0, row, 0, kc);
                gatherColumn(row, 0, kc, j, dst);
            }
            zeroPadColumns(nc, kc, dst);
        }
    }

    /** Writes src[s .. s+nc) as row p of the packed panels (zero-padding the last panel). */
    private static void scatterRow(float[] src, int s, int nc, int kc, int p, float[] dst) {
        int j = 0;
        for (; j + NR <= nc; j += NR) {
            int d = j * kc + p * NR;
            FloatVector.fromArray(F, src, s + j).intoArray(dst, d);
            FloatVector.fromArray(F, src, s + j + L).intoArray(dst, d + L);
        }
        if (j < nc) {
            int d = j * kc + p * NR;
            for (int jj = 0; jj < NR; jj++) {
                dst[d + jj] = j + jj < nc ? src[s + j + jj] : 0f;
            }
        }
    }

    /** Writes src[s .. s+kc) as column j of the packed panels. */
    private static void gatherColumn(float[] src, int s, int kc, int j, float[] dst) {
        int d = (j / NR) * NR * kc + j % NR;
        for (int p = 0; p < kc; p++) {
            dst[d + p * NR] = src[s + p];
        }
    }

    private static void zeroPadColumns(int nc, int kc, float[] dst) {
        if (nc % NR == 0) {
            return;
        }
        int base = (nc / NR) * NR * kc;
        for (int p = 0; p < kc; p++) {
            for (int jj = nc % NR; jj < NR; jj++) {
                dst[base + p * NR + jj] = 0f;
            }
        }
    }

    /**
     * C[m,n] = A·B, or C += A·B when {@code accumulate}; C is row-major at c[cOff + i·ldc + j].
     */
    public static void multiply(int m, int n, int k, Left a, Right b, float[] c, int cOff, int ldc, boolean accumulate) {
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            if (!accumulate) {
                for (int i = 0; i < m; i++) {
                    java.util.Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0f);
                }
            }
            return;
        }
        // every element of C is computed the same way whatever block it falls in, so the chunks are free
        int grain = b.columnGrain();
        if ((n + grain - 1) / grain >= Parallel.threads()) {
            Parallel.forChunks(n, Parallel.chunkSize(n, grain, CHUNKS_PER_THREAD),
                    (j0, j1, s) -> block(0, m, j0, j1, k, a, b, c, cOff, ldc, accumulate));
        } else {
            Parallel.forChunks(m, Parallel.chunkSize(m, MR, CHUNKS_PER_THREAD),
                    (i0, i1, s) -> block(i0, i1, 0, n, k, a, b, c, cOff, ldc, accumulate));
        }
    }

    /** The sequential blocked product for rows [i0, i1) and columns [j0, j1) of C. */
    private static void block(int i0, int i1, int j0, int j1, int k, Left a, Right b, float[] c, int cOff, int ldc,
                              boolean accumulate) {
        Workspace ws = WORKSPACE.get();
        for (int jc = j0; jc < j1; jc += NC) {
            int nc = Math.min(NC, j1 - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                b.packB(pc, kc, jc, nc, ws.packedB, ws.row);
                boolean add = accumulate || pc > 0;
                for (int ic = i0; ic < i1; ic += MC) {
                    int mc = Math.min(MC, i1 - ic);
                    // a row-major A is read in place by whole panels of MR rows; the rest is packed
                    int direct = a instanceof Dense ? mc - mc % MR : 0;
                    if (direct < mc) {
                        a.packA(ic + direct, mc - direct, pc, kc, ws.packedA, ws.row);
                    }
                    for (int jr = 0; jr < nc; jr += NR) {
                        int nr = Math.min(NR, nc - jr);
                        for (int ir = 0; ir < mc; ir += MR) {
                            int mr = Math.min(MR, mc - ir);
                            int co = cOff + (ic + ir) * ldc + jc + jr;
                            float[] aData = ws.packedA;
                            int aOff = (ir - direct) * kc, rs = 1, cs = MR;
                            if (ir < direct) {
                                Dense d = (Dense) a;
                                aData = d.data();
                                aOff = d.offset() + (ic + ir) * d.ld() + pc;
                                rs = d.ld();
                                cs = 1;
                            }
                            if (mr == MR && nr == NR) {
                                kernel(kc, aData, aOff, rs, cs, ws.packedB, jr * kc, c, co, ldc, add);
                            } else {
                                kernel(kc, aData, aOff, rs, cs, ws.packedB, jr * kc, ws.tile, 0, NR, false);
                                addTile(ws.tile, mr, nr, c, co, ldc, add);
                            }
                        }
                    }
                }
            }
        }
    }

    /** C[0..mr) × [0..nr) (+)= the tile computed into {@code tile} (MR × NR, row-major). */
    private static void addTile(float[] tile, int mr, int nr, float[] c, int co, int ldc, boolean add) {
        for (int i = 0; i < mr; i++) {
            for (int j = 0; j < nr; j++) {
                float v = tile[i * NR + j];
                c[co + i * ldc + j] = add ? c[co + i * ldc + j] + v : v;
            }
        }
    }

    /**
     * The 6 × 2L micro-kernel: C tile (+)= A(6 × kc) · Bpanel(kc × 2L), where A's element (i, p) is
     * a[ao + i·rs + p·cs] — a packed panel (rs 1, cs MR) or six rows read in place (rs lda, cs 1).
     */
    private static void kernel(int kc, float[] a, int ao, int rs, int cs, float[] bp, int bo, float[] c, int co, int ldc,
                               boolean add) {
        FloatVector c00 = FloatVector.zero(F), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00,
                c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00;
        int a0 = ao, a1 = a0 + rs, a2 = a1 + rs, a3 = a2 + rs, a4 = a3 + rs, a5 = a4 + rs;
        for (int p = 0; p < kc; p++) {
            int b = bo + p * NR;
            int k = p * cs;
            FloatVector b0 = FloatVector.fromArray(F, bp, b);
            FloatVector b1 = FloatVector.fromArray(F, bp, b + L);
            FloatVector v = FloatVector.broadcast(F, a[a0 + k]);
            c00 = v.fma(b0, c00);
            c01 = v.fma(b1, c01);
            v = FloatVector.broadcast(F, a[a1 + k]);
            c10 = v.fma(b0, c10);
            c11 = v.fma(b1, c11);
            v = FloatVector.broadcast(F, a[a2 + k]);
            c20 = v.fma(b0, c20);
            c21 = v.fma(b1, c21);
            v = FloatVector.broadcast(F, a[a3 + k]);
            c30 = v.fma(b0, c30);
            c31 = v.fma(b1, c31);
            v = FloatVector.broadcast(F, a[a4 + k]);
            c40 = v.fma(b0, c40);
            c41 = v.fma(b1, c41);
            v = FloatVector.broadcast(F, a[a5 + k]);
            c50 = v.fma(b0, c50);
            c51 = v.fma(b1, c51);
        }
        store(c, co, c00, c01, add);
        store(c, co + ldc, c10, c11, add);
        store(c, co + 2 * ldc, c20, c21, add);
        store(c, co + 3 * ldc, c30, c31, add);
        store(c, co + 4 * ldc, c40, c41, add);
        store(c, co + 5 * ldc, c50, c51, add);
    }

    private static void store(float[] c, int o, FloatVector lo, FloatVector hi, boolean add) {
        if (add) {
            lo = lo.add(FloatVector.fromArray(F, c, o));
            hi = hi.add(FloatVector.fromArray(F, c, o + L));
        }
        lo.intoArray(c, o);
        hi.intoArray(c, o + L);
    }
}
