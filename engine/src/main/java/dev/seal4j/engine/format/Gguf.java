package dev.seal4j.engine.format;

import dev.seal4j.engine.tensor.DType;
import dev.seal4j.engine.tensor.Tensor;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A GGUF file (versions 2 and 3), llama.cpp's model format: magic "GGUF", version, tensor count, metadata
 * count, typed key/value metadata, tensor infos (name, dims, ggml type, offset), then the tensor data,
 * starting at the next multiple of {@code general.alignment} (default 32). ggml lists dims innermost first
 * (ne[0] is the contiguous one), so a tensor's row-major shape here is the reverse: (ne[1], ne[0]) for a
 * matrix. Names are llama.cpp's ("blk.0.attn_q.weight"); {@link GgufModel} maps them to Hugging Face names.
 *
 * <p>Metadata values become: Integer (uint8, int8, uint16, int16, int32), Long (uint32, int64, and uint64
 * as its two's complement), Float, Double, Boolean, String; arrays become int[] / long[] / float[] /
 * double[] / boolean[] by the same rule, List&lt;String&gt; for strings and List&lt;Object&gt; for arrays of arrays.
 *
 * @param metadata in file order
 * @param tensors  by GGUF name in file order, views into the mapped file
 */
public record Gguf(Path file, int version, Map<String, Object> metadata, Map<String, Tensor> tensors) {
    /** "GGUF" read as a little-endian int. */
    public static final int MAGIC = 0x46554747;
    public static final int DEFAULT_ALIGNMENT = 32;
    public static final String ALIGNMENT_KEY = "general.alignment";
    private static final int MAX_DIMS = 4;
    private static final int MAX_ARRAY_DEPTH = 8;

    public Gguf {
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
    }

    /** Maps {@code file} into {@code arena}; any malformation is a BadInputException naming the file. */
    public static Gguf read(Path file, Arena arena) {
        MemorySegment data = MappedFiles.map(file, arena);
        SegmentCursor in = new SegmentCursor(file, data);
        in.reading("the GGUF header");
        if (data.byteSize() < 4 || in.i32() != MAGIC) {
            throw in.error("not a GGUF file (it does not start with \"GGUF\")");
        }
        int version = version(in);
        long tensorCount = in.i64();
        long kvCount = in.i64();
        in.checkCount(kvCount, 8 + 4 + 1, "metadata entries");
        Map<String, Object> metadata = new LinkedHashMap<>();
        for (long i = 0; i < kvCount; i++) {
            in.reading("metadata entry " + i);
            String key = string(in);
            in.reading("metadata '" + key + "'");
            Object value = value(in, valueType(in), 0);
            if (metadata.put(key, value) != null) {
                throw in.error("metadata key '" + key + "' appears twice");
            }
        }
        int alignment = alignment(in, metadata.get(ALIGNMENT_KEY));
        in.reading("the tensor infos");
        in.checkCount(tensorCount, 8 + 4 + 4 + 8, "tensor infos");
        List<Info> infos = new ArrayList<>();
        for (long i = 0; i < tensorCount; i++) {
            in.reading("tensor info " + i);
            infos.add(info(in, alignment));
        }
        long dataStart = (in.position() + alignment - 1) / alignment * alignment;
        long dataBytes = data.byteSize() - dataStart;
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        Info previous = null;
        for (Info t : infos.stream().sorted(Comparator.comparingLong(Info::offset)).toList()) {
            if (t.offset > dataBytes - t.bytes) {
                throw in.error("tensor '" + t.name + "' data [" + t.offset + ", " + (t.offset + t.bytes)
                        + ") runs past the end of the data section (" + Math.max(0, dataBytes) + " bytes)");
            }
            if (previous != null && t.offset < previous.offset + previous.bytes) {
                throw in.error("tensors '" + previous.name + "' and '" + t.name + "' overlap");
            }
            previous = t;
        }
        for (Info t : infos) {
            if (tensors.put(t.name, Tensor.of(t.dtype, data.asSlice(dataStart + t.offset, t.bytes), t.shape)) != null) {
                throw in.error("tensor '" + t.name + "' appears twice");
            }
        }
        return new Gguf(file, version, metadata, tensors);
    }

    /** Only the metadata of {@code file} (for tokenizers): read, copied to the heap, and the file unmapped. */
    public static Map<String, Object> readMetadata(Path file) {
        try (Arena arena = Arena.ofConfined()) {
            return read(file, arena).metadata();
        }
    }

    private record Info(String name, long[] shape, DType dtype, long offset, long bytes) {
    }

    private static int version(SegmentCursor in) {
        long version = in.u32();
        if (version == 2 || version == 3) {
            return (int) version;
        }
        int swapped = Integer.reverseBytes((int) version);
        if (swapped >= 1 && swapped <= 3) {
            throw in.error("is a big-endian GGUF file, which is not supported");
        }
        throw in.error("GGUF version " + version + " is not supported (supported: 2, 3)");
    }

    private static int alignment(SegmentCursor in, Object value) {
        if (value == null) {
            return DEFAULT_ALIGNMENT;
        }
        if (!(value instanceof Integer || value instanceof Long)) {
            throw in.error(ALIGNMENT_KEY + " must be an integer, got " + value);
        }
        long a = ((Number) value).longValue();
        if (a <= 0 || a > (1 << 20) || Long.bitCount(a) != 1) {
            throw in.error(ALIGNMENT_KEY + " must be a power of two up to 1 MiB, got " + a);
        }
        return (int) a;
    }

    private static Info info(SegmentCursor in, int alignment) {
        String name = string(in);
        String where = "tensor '" + name + "'";
        in.reading(where + " info");
        long nDims = in.u32();
        if (nDims > MAX_DIMS) {
            throw in.error(where + " has " + nDims + " dimensions (at most " + MAX_DIMS + ")");
        }
        long[] shape = new long[(int) nDims];
        long elements = 1;
        for (int d = 0; d < nDims; d++) {
            long ne = in.i64();
            if (ne < 0 || ne > 0 && elements > (Long.MAX_VALUE / 8) / ne) {
                throw in.error(where + " has an impossible dimension " + Long.toUnsignedString(ne));
            }
            shape[shape.length - 1 - d] = ne; // ggml lists the innermost dimension first
            elements *= ne;
        }
        long type = in.u32();
        DType dtype = GgmlTypes.dtype(type);
        if (dtype == null) {
            throw in.error(where + " has ggml type " + GgmlTypes.describe(type) + ", which is not supported (supported: "
                    + GgmlTypes.supported() + ")");
        }
        long rowLength = nDims == 0 ? 1 : shape[shape.length - 1];
        if (rowLength % dtype.blockSize != 0) {
            throw in.error(where + " rows of " + rowLength + " values are not whole " + dtype + " blocks of "
                    + dtype.blockSize + " (shape " + Arrays.toString(shape) + ")");
        }
        long offset = in.i64();
        if (offset < 0 || offset % alignment != 0) {
            throw in.error(where + " offset " + Long.toUnsignedString(offset) + " is not a multiple of the alignment "
                    + alignment);
        }
        return new Info(name, shape, dtype, offset, dtype.byteSize(elements));
    }

    private static String string(SegmentCursor in) {
        long length = in.i64();
        in.checkCount(length, 1, "string bytes");
        return in.utf8(length);
    }

    private static GgufValueType valueType(SegmentCursor in) {
        long id = in.u32();
        GgufValueType type = GgufValueType.of(id);
        if (type == null) {
            throw in.errorReading("unknown metadata value type " + id);
        }
        return type;
    }

    private static Object value(SegmentCursor in, GgufValueType type, int depth) {
        return switch (type) {
            case UINT8 -> Integer.valueOf(in.u8());
            case INT8 -> Integer.valueOf(in.i8());
            case UINT16 -> Integer.valueOf(in.u16());
            case INT16 -> Integer.valueOf(in.i16());
            case INT32 -> Integer.valueOf(in.i32());
            case UINT32 -> Long.valueOf(in.u32());
            case UINT64, INT64 -> Long.valueOf(in.i64());
            case FLOAT32 -> Float.valueOf(in.f32());
            case FLOAT64 -> Double.valueOf(in.f64());
            case BOOL -> Boolean.valueOf(in.u8() != 0);
            case STRING -> string(in);
            case ARRAY -> array(in, depth + 1);
        };
    }

    private static Object array(SegmentCursor in, int depth) {
        if (depth > MAX_ARRAY_DEPTH) {
            throw in.errorReading("arrays are nested more than " + MAX_ARRAY_DEPTH + " deep");
        }
        GgufValueType type = valueType(in);
        long count = in.i64();
        in.checkCount(count, type.minBytes(), "array elements");
        if (count > Integer.MAX_VALUE - 8) {
            throw in.errorReading("array of " + count + " elements is too long");
        }
        int n = (int) count;
        switch (type) {
            case UINT8, INT8, UINT16, INT16, INT32 -> {
                int[] a = new int[n];
                for (int i = 0; i < n; i++) {
                    a[i] = (Integer) value(in, type, depth);
                }
                return a;
            }
            case UINT32, UINT64, INT64 -> {
                long[] a = new long[n];
                for (int i = 0; i < n; i++) {
                    a[i] = (Long) value(in, type, depth);
                }
                return a;
            }
            case FLOAT32 -> {
                float[] a = new float[n];
                for (int i = 0; i < n; i++) {
                    a[i] = in.f32();
                }
                return a;
            }
            case FLOAT64 -> {
                double[] a = new double[n];
                for (int i = 0; i < n; i++) {
                    a[i] = in.f64();
                }
                return a;
            }
            case BOOL -> {
                boolean[] a = new boolean[n];
                for (int i = 0; i < n; i++) {
                    a[i] = in.u8() != 0;
                }
                return a;
            }
            default -> {
                List<Object> list = new ArrayList<>(Math.min(n, 1 << 16));
                for (int i = 0; i < n; i++) {
                    list.add(value(in, type, depth));
                }
                return Collections.unmodifiableList(list);
            }
        }
    }
}
