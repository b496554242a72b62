package dev.seal4j.engine.format;

import dev.seal4j.engine.tensor.BF16Tensor;
import dev.seal4j.engine.tensor.BlockQuantizer;
import dev.seal4j.engine.tensor.DType;
import dev.seal4j.engine.tensor.Tensor;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * A tensor on its way into a file: the dtype to store, the shape, and where the values come from — an
 * existing {@link Tensor} (copied byte for byte when the dtype is unchanged, else converted through floats,
 * and quantized by a {@link BlockQuantizer} when the dtype is Q8_0, Q4_0 or Q4_K) or a float array. Optionally reorders the rows (see {@link #withRowOrder}). Values are streamed in chunks,
 * so writing a large mapped tensor never copies it whole onto the heap.
 */
public final class TensorData {
    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(LITTLE_ENDIAN);
    private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(LITTLE_ENDIAN);
    /** Elements converted per step; a multiple of every block size. */
    private static final int CHUNK = 1 << 16;

    private final DType dtype;
    private final long[] shape;
    private final Tensor tensor;
    private final float[] values;
    private final int[] rowOrder;

    private TensorData(DType dtype, long[] shape, Tensor tensor, float[] values, int[] rowOrder) {
        this.dtype = dtype;
        this.shape = shape.clone();
        this.tensor = tensor;
        this.values = values;
        this.rowOrder = rowOrder;
    }

    /** {@code t} stored in its own dtype, byte for byte. */
    public static TensorData of(Tensor t) {
        return of(t, t.dtype());
    }

    /**
     * {@code t} stored as {@code dtype}: its own dtype, F32/F16/BF16 (any dtype converts to those), or
     * Q8_0/Q4_0/Q4_K when its rows are whole blocks of that type.
     */
    public static TensorData of(Tensor t, DType dtype) {
        if (dtype != t.dtype()) {
            checkRows(dtype, t.shape());
        }
        return new TensorData(dtype, t.shape(), t, null, null);
    }

    /** Row-major {@code values} of the given shape, stored as {@code dtype} (see {@link #of(Tensor, DType)}). */
    public static TensorData of(float[] values, DType dtype, long... shape) {
        checkRows(dtype, shape);
        long n = Arrays.stream(shape).reduce(1, Math::multiplyExact);
        if (n != values.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n + " values, got "
                    + values.length);
        }
        return new TensorData(dtype, shape, null, values, null);
    }

    /** A quantized {@code dtype} must have a quantizer and whole blocks in every row. */
    private static void checkRows(DType dtype, long[] shape) {
        if (dtype.isQuantized()) {
            BlockQuantizer.of(dtype);
            long row = shape.length == 0 ? 1 : shape[shape.length - 1];
            if (row % dtype.blockSize != 0) {
                throw new IllegalArgumentException("rows of " + row + " values are not whole " + dtype + " blocks of "
                        + dtype.blockSize);
            }
        }
    }

    /**
     * The same data with rows reordered: output row r is source row {@code sourceRows[r]}, where a row is
     * the last dimension (rows = product of the others). Used to permute q/k projections between RoPE styles.
     */
    public TensorData withRowOrder(int[] sourceRows) {
        long rows = rows();
        if (sourceRows.length != rows) {
            throw new IllegalArgumentException("row order has " + sourceRows.length + " entries for " + rows + " rows");
        }
        for (int r : sourceRows) {
            if (r < 0 || r >= rows) {
                throw new IllegalArgumentException("row order names row " + r + " of " + rows);
            }
        }
        return new TensorData(dtype, shape, tensor, values, sourceRows.clone());
    }

    public DType dtype() {
        return dtype;
    }

    public long[] shape() {
        return shape.clone();
    }

    public long size() {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    public long byteSize() {
        return dtype.byteSize(size());
    }

    private long cols() {
        return shape.length == 0 ? 1 : shape[shape.length - 1];
    }

    private long rows() {
        return cols() == 0 ? 0 : size() / cols();
    }

    /** Writes exactly {@link #byteSize()} bytes at the start of {@code dst}. */
    void writeTo(MemorySegment dst) {
        boolean sameBytes = tensor != null && tensor.dtype() == dtype;
        if (rowOrder == null) {
            if (sameBytes) {
                MemorySegment.copy(tensor.segment(), 0, dst, 0, byteSize());
                return;
            }
            float[] buf = new float[(int) Math.min(CHUNK, size())];
            for (long from = 0; from < size(); from += CHUNK) {
                int n = (int) Math.min(CHUNK, size() - from);
                read(from, buf, n);
                encode(buf, n, dst, from);
            }
            return;
        }
        int cols = Math.toIntExact(cols());
        long rowBytes = dtype.byteSize(cols);
        float[] buf = sameBytes ? null : new float[cols];
        for (int r = 0; r < rowOrder.length; r++) {
            if (sameBytes) {
                MemorySegment.copy(tensor.segment(), rowOrder[r] * rowBytes, dst, r * rowBytes, rowBytes);
            } else {
                read((long) rowOrder[r] * cols, buf, cols);
                encode(buf, cols, dst, (long) r * cols);
            }
        }
    }

    /** Elements [from, from + n) of the source as floats. */
    private void read(long from, float[] buf, int n) {
        if (values != null) {
            System.arraycopy(values, (int) from, buf, 0, n);
        } else {
            tensor.dequantize(from, buf, 0, n);
        }
    }

    /** Stores buf[0, n) as elements [at, at + n) of the output. */
    private void encode(float[] buf, int n, MemorySegment dst, long at) {
        switch (dtype) {
            case F32 -> MemorySegment.copy(buf, 0, dst, FLOAT, at * Float.BYTES, n);
            case F16 -> {
                for (int i = 0; i < n; i++) {
                    dst.set(SHORT, (at + i) * 2, Float.floatToFloat16(buf[i]));
                }
            }
            case BF16 -> {
                for (int i = 0; i < n; i++) {
                    dst.set(SHORT, (at + i) * 2, BF16Tensor.fromFloat(buf[i]));
                }
            }
            case Q8_0, Q4_0, Q4_K -> BlockQuantizer.of(dtype).quantize(buf, 0, n, dst, dtype.byteSize(at));
            default -> throw new IllegalStateException("cannot encode floats as " + dtype);
        }
    }

    @Override
    public String toString() {
        return dtype + Arrays.toString(shape);
    }
}
