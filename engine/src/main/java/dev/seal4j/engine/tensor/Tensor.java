package dev.seal4j.engine.tensor;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * Numbers of one {@link DType} with a shape, viewed over a native {@link MemorySegment} (a memory-mapped
 * checkpoint or memory allocated off the heap). Never copied onto the heap: kernels read the segment
 * directly. Row-major; for a matrix, shape is (rows, cols) and each row holds whole quantization blocks.
 *
 * <p>Each dtype is a small final class with its own vectorized {@link #dot} and {@link #dequantize}.
 * Keep every segment native (never a heap segment): the vector loads stay monomorphic and fast.
 */
public abstract sealed class Tensor
        permits F32Tensor, F16Tensor, BF16Tensor, Q8_0Tensor, BlockTensor {

    /** The memory the kernels read (for a mapped file, a plain native view of the same memory). */
    protected final MemorySegment data;
    /** The segment the tensor was made from: a view of a mapped file stays one. */
    private final MemorySegment source;
    private final long[] shape;
    private final long size;

    protected Tensor(MemorySegment data, long[] shape) {
        this.shape = shape.clone();
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            n = Math.multiplyExact(n, d);
        }
        this.size = n;
        long need = dtype().byteSize(n);
        if (data.byteSize() != need) {
            throw new IllegalArgumentException(dtype() + " tensor of shape " + Arrays.toString(shape) + " needs "
                    + need + " bytes, got " + data.byteSize());
        }
        this.source = data;
        if (data.isMapped()) {
            // the same memory and lifetime as a plain native segment: one segment class for every tensor keeps
            // the kernels' call sites monomorphic, and the JIT then removes the slices the row kernels take
            // (of a mapped segment it allocated one per group of rows: 190 KB per decoded token of tiny-world)
            this.data = data.reinterpret(data.byteSize());
        } else if (data.isNative()) {
            this.data = data;
        } else {
            throw new IllegalArgumentException("tensor data must be native memory, not a heap segment");
        }
    }

    /** A view of {@code data} as a tensor of the given dtype and shape; the byte size must match exactly. */
    public static Tensor of(DType dtype, MemorySegment data, long... shape) {
        return switch (dtype) {
            case F32 -> new F32Tensor(data, shape);
            case F16 -> new F16Tensor(data, shape);
            case BF16 -> new BF16Tensor(data, shape);
            case Q8_0 -> new Q8_0Tensor(data, shape);
            case Q4_0 -> new Q4_0Tensor(data, shape);
            case Q4_K -> new Q4_KTensor(data, shape);
            case Q6_K -> new Q6_KTensor(data, shape);
        };
    }

    /** A new zero-filled F32 tensor in memory owned by {@code arena}. */
    public static F32Tensor allocateF32(Arena arena, long... shape) {
        long n = Arrays.stream(shape).reduce(1, Math::multiplyExact);
        return new F32Tensor(arena.allocate(n * Float.BYTES, 64), shape);
    }

    public abstract DType dtype();

    public final long[] shape() {
        return shape.clone();
    }

    public final int rank() {
        return shape.length;
    }

    public final long dim(int i) {
        return shape[i < 0 ? shape.length + i : i];
    }

    /** Number of elements. */
    public final long size() {
        return size;
    }

    /** Length of the last dimension. */
    public final int cols() {
        return shape.length == 0 ? 1 : Math.toIntExact(shape[shape.length - 1]);
    }

    /** Product of every dimension but the last. */
    public final int rows() {
        return Math.toIntExact(shape.length == 0 ? 1 : size / Math.max(1, shape[shape.length - 1]));
    }

    public final MemorySegment segment() {
        return source;
    }

    /** The element at flat index {@code i} (slow path: tests, tools, odd corners). */
    public abstract float get(long i);

    /**
     * Writes elements {@code [from, from + count)} as floats into {@code dst[dstOff..]}. For quantized types,
     * {@code from} and {@code count} are multiples of the block size.
     */
    public abstract void dequantize(long from, float[] dst, int dstOff, int count);

    /**
     * Σ this[from + i] · x[xOff + i] for i in [0, n). For quantized types {@code from} and {@code n} are
     * multiples of the block size.
     */
    public abstract float dot(long from, float[] x, int xOff, int n);

    /**
     * out[outOff + r − rowFrom] = Σ_j this[r, j] · x[xOff + j] for the rows r in [rowFrom, rowTo) of a matrix:
     * a matrix-vector product over a range of rows (decoding). Types override it with kernels that share the
     * loads of x between several rows; a row's result never depends on which rows it is computed with.
     */
    public void dotRows(int rowFrom, int rowTo, float[] x, int xOff, float[] out, int outOff) {
        int c = cols();
        for (int r = rowFrom; r < rowTo; r++) {
            out[outOff + r - rowFrom] = dot((long) r * c, x, xOff, c);
        }
    }

    /** All elements as a float array (for tests and small tensors). */
    public final float[] toFloatArray() {
        float[] out = new float[Math.toIntExact(size)];
        dequantize(0, out, 0, out.length);
        return out;
    }

    /** Row {@code r} of a matrix as floats. */
    public final void dequantizeRow(int r, float[] dst, int dstOff) {
        dequantize((long) r * cols(), dst, dstOff, cols());
    }

    @Override
    public String toString() {
        return dtype() + Arrays.toString(shape);
    }
}
