package dev.seal4j.engine.format;

import java.io.ByteArrayOutputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.reflect.Array;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a GGUF v3 file: typed metadata and tensors, written atomically. Tensors follow each other in the
 * order added, each starting (and the data ending) at a multiple of {@code general.alignment} when that key
 * is set (an integer), else of 32 bytes, as llama.cpp's reader requires. Quantized tensors are
 * written byte for byte from a tensor of the same dtype ({@link TensorData#of(dev.seal4j.engine.tensor.Tensor)}).
 */
public final class GgufWriter {
    private final Map<String, Value> metadata = new LinkedHashMap<>();
    private final Map<String, TensorData> tensors = new LinkedHashMap<>();

    private record Value(GgufValueType type, Object value) {
    }

    /**
     * An array value: {@code values} is an int[] (8- to 32-bit integer types), long[] (uint32, 64-bit),
     * float[], double[], boolean[], or a List of Strings, of numbers, or of nested {@code ArrayValue}s.
     */
    public record ArrayValue(GgufValueType elementType, Object values) {
    }

    /** Sets {@code key} to a scalar of {@code type} (a Number, Boolean or String) or, for ARRAY, an {@link ArrayValue}. */
    public GgufWriter put(String key, GgufValueType type, Object value) {
        check(type, value);
        metadata.put(key, new Value(type, value));
        return this;
    }

    public GgufWriter putString(String key, String value) {
        return put(key, GgufValueType.STRING, value);
    }

    public GgufWriter putUInt32(String key, long value) {
        return put(key, GgufValueType.UINT32, value);
    }

    public GgufWriter putFloat32(String key, float value) {
        return put(key, GgufValueType.FLOAT32, value);
    }

    public GgufWriter putArray(String key, GgufValueType elementType, Object values) {
        return put(key, GgufValueType.ARRAY, new ArrayValue(elementType, values));
    }

    /**
     * Sets {@code key} to a value of the Java type {@link Gguf#read} gives back for it: String, Boolean,
     * Integer (int32), Long (uint32), Float (float32), Double (float64), int[] (int32 array), float[] (float32
     * array) or a List of Strings.
     */
    public GgufWriter putValue(String key, Object value) {
        return switch (value) {
            case String s -> putString(key, s);
            case Boolean b -> put(key, GgufValueType.BOOL, b);
            case Integer i -> put(key, GgufValueType.INT32, i);
            case Long l when l >= 0 && l <= 0xFFFFFFFFL -> putUInt32(key, l);
            case Float f -> putFloat32(key, f);
            case Double d -> put(key, GgufValueType.FLOAT64, d);
            case int[] a -> putArray(key, GgufValueType.INT32, a);
            case float[] a -> putArray(key, GgufValueType.FLOAT32, a);
            case List<?> list when list.stream().allMatch(String.class::isInstance) -> putArray(key, GgufValueType.STRING, list);
            default -> throw new IllegalArgumentException("metadata '" + key + "': no GGUF type for " + value);
        };
    }

    /** Adds a tensor under its GGUF name; matrices keep our row-major shape (ne is written reversed). */
    public GgufWriter tensor(String name, TensorData data) {
        long[] shape = data.shape();
        long rowLength = shape.length == 0 ? 1 : shape[shape.length - 1];
        if (rowLength % data.dtype().blockSize != 0) {
            throw new IllegalArgumentException("tensor '" + name + "': rows of " + rowLength + " are not whole "
                    + data.dtype() + " blocks");
        }
        if (shape.length > 4) {
            throw new IllegalArgumentException("tensor '" + name + "': GGUF allows at most 4 dimensions");
        }
        tensors.put(name, data);
        return this;
    }

    /** Writes the file: temporary sibling, fsync, rename; returns its size in bytes. */
    public long write(Path file) {
        int alignment = alignment();
        Bytes header = new Bytes();
        header.i32(Gguf.MAGIC);
        header.i32(3);
        header.i64(tensors.size());
        header.i64(metadata.size());
        metadata.forEach((key, v) -> {
            header.string(key);
            header.i32(v.type.id);
            header.value(v.type, v.value);
        });
        List<Long> offsets = new ArrayList<>();
        long offset = 0;
        for (var e : tensors.entrySet()) {
            long[] shape = e.getValue().shape();
            header.string(e.getKey());
            header.i32(shape.length);
            for (int d = shape.length - 1; d >= 0; d--) {
                header.i64(shape[d]);
            }
            header.i32(GgmlTypes.id(e.getValue().dtype()));
            header.i64(offset);
            offsets.add(offset);
            offset = align(offset + e.getValue().byteSize(), alignment);
        }
        byte[] head = header.toByteArray();
        long dataStart = align(head.length, alignment);
        // the data section ends padded too: ggml's reader loads it as one block of padded tensor sizes
        long end = tensors.isEmpty() ? head.length : dataStart + offset;
        AtomicFiles.write(file, end, out -> {
            MemorySegment.copy(head, 0, out, ValueLayout.JAVA_BYTE, 0, head.length);
            int i = 0;
            for (TensorData t : tensors.values()) {
                t.writeTo(out.asSlice(dataStart + offsets.get(i++), t.byteSize()));
            }
        });
        return end;
    }

    private int alignment() {
        Value v = metadata.get(Gguf.ALIGNMENT_KEY);
        if (v == null) {
            return Gguf.DEFAULT_ALIGNMENT;
        }
        long a = ((Number) v.value).longValue();
        if (a <= 0 || Long.bitCount(a) != 1) {
            throw new IllegalArgumentException(Gguf.ALIGNMENT_KEY + " must be a power of two, got " + a);
        }
        return (int) a;
    }

    private static long align(long n, int alignment) {
        return (n + alignment - 1) / alignment * alignment;
    }

    private static void check(GgufValueType type, Object value) {
        boolean ok = switch (type) {
            case STRING -> value instanceof String;
            case BOOL -> value instanceof Boolean;
            case ARRAY -> value instanceof ArrayValue a && a.elementType != null
                    && (a.values instanceof List<?> || a.values != null && a.values.getClass().isArray());
            default -> value instanceof Number;
        };
        if (!ok) {
            throw new IllegalArgumentException("a GGUF " + type + " cannot hold " + value);
        }
    }

    /** A growing little-endian byte buffer for the header. */
    private static final class Bytes extends ByteArrayOutputStream {
        void i32(int v) {
            for (int i = 0; i < 4; i++) {
                write(v >>> (8 * i));
            }
        }

        void i64(long v) {
            for (int i = 0; i < 8; i++) {
                write((int) (v >>> (8 * i)));
            }
        }

        void string(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            i64(b.length);
            writeBytes(b);
        }

        void value(GgufValueType type, Object v) {
            switch (type) {
                case UINT8, INT8 -> write(((Number) v).intValue());
                case BOOL -> write((Boolean) v ? 1 : 0);
                case UINT16, INT16 -> {
                    int x = ((Number) v).intValue();
                    write(x);
                    write(x >>> 8);
                }
                case UINT32, INT32 -> i32(((Number) v).intValue());
                case UINT64, INT64 -> i64(((Number) v).longValue());
                case FLOAT32 -> i32(Float.floatToRawIntBits(((Number) v).floatValue()));
                case FLOAT64 -> i64(Double.doubleToRawLongBits(((Number) v).doubleValue()));
                case STRING -> string((String) v);
                case ARRAY -> {
                    ArrayValue a = (ArrayValue) v;
                    List<?> elements = a.values instanceof List<?> list ? list : boxed(a.values);
                    i32(a.elementType.id);
                    i64(elements.size());
                    for (Object e : elements) {
                        check(a.elementType, e);
                        value(a.elementType, e);
                    }
                }
            }
        }

        private static List<Object> boxed(Object primitiveArray) {
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < Array.getLength(primitiveArray); i++) {
                out.add(Array.get(primitiveArray, i));
            }
            return out;
        }
    }
}
