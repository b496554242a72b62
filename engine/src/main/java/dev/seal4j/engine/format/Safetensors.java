package dev.seal4j.engine.format;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.seal4j.engine.BadInputException;
import dev.seal4j.engine.JsonProblem;
import dev.seal4j.engine.tensor.DType;
import dev.seal4j.engine.tensor.Tensor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * A .safetensors file: an 8-byte little-endian header length N, N bytes of JSON
 * {@code {name: {dtype, shape, data_offsets: [begin, end)}, "__metadata__": {string: string}}}, then the
 * tensor bytes; offsets count from the end of the header. Reading maps the file and returns views into it
 * (F32, F16 and BF16; any other dtype is an error naming the tensor). Writing produces files Python's
 * safetensors reads: header padded with spaces to a multiple of 8, tensors contiguous in the given order.
 *
 * @param tensors  by name, in the order their bytes appear in the file
 * @param metadata the {@code __metadata__} strings (empty when absent)
 */
public record Safetensors(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) {
    /** Python's safetensors refuses larger headers too. */
    static final long MAX_HEADER_BYTES = 100_000_000;
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final List<DType> READABLE = List.of(DType.F32, DType.F16, DType.BF16);

    public Safetensors {
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        metadata = Map.copyOf(metadata);
    }

    /** Maps {@code file} into {@code arena} and returns views of its tensors; any malformation is a BadInputException. */
    public static Safetensors read(Path file, Arena arena) {
        MemorySegment data = MappedFiles.map(file, arena);
        SegmentCursor in = new SegmentCursor(file, data);
        in.reading("the header length");
        long headerLength = in.i64();
        if (headerLength < 2 || headerLength > in.remaining() || headerLength > MAX_HEADER_BYTES) {
            throw in.error("header length " + Long.toUnsignedString(headerLength) + " is impossible for a file of "
                    + data.byteSize() + " bytes (not a safetensors file?)");
        }
        in.reading("the JSON header");
        byte[] header = in.bytes(headerLength);
        if (header[0] != '{') {
            throw in.error("header does not start with '{' (not a safetensors file?)");
        }
        JsonNode root;
        try {
            root = JSON.readTree(header);
        } catch (JacksonException e) {
            throw in.error("header: " + JsonProblem.describe(e));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // parsing a byte array does no I/O
        }
        long dataStart = in.position();
        long dataBytes = data.byteSize() - dataStart;
        Map<String, String> metadata = new LinkedHashMap<>();
        List<Entry> entries = new ArrayList<>();
        for (var field : root.properties()) {
            if (field.getKey().equals("__metadata__")) {
                readMetadata(in, field.getValue(), metadata);
            } else {
                entries.add(entry(in, field.getKey(), field.getValue(), dataBytes));
            }
        }
        entries.sort(Comparator.comparingLong(Entry::begin));
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        Entry previous = null;
        for (Entry e : entries) {
            if (previous != null && e.begin < previous.end) {
                throw in.error("tensors '" + previous.name + "' " + range(previous) + " and '" + e.name + "' "
                        + range(e) + " overlap");
            }
            tensors.put(e.name, Tensor.of(e.dtype, data.asSlice(dataStart + e.begin, e.end - e.begin), e.shape));
            previous = e;
        }
        return new Safetensors(file, tensors, metadata);
    }

    private record Entry(String name, DType dtype, long[] shape, long begin, long end) {
    }

    private static String range(Entry e) {
        return "[" + e.begin + ", " + e.end + ")";
    }

    private static void readMetadata(SegmentCursor in, JsonNode node, Map<String, String> out) {
        if (!node.isObject()) {
            throw in.error("__metadata__ must be an object of strings");
        }
        for (var f : node.properties()) {
            if (!f.getValue().isTextual()) {
                throw in.error("__metadata__ value '" + f.getKey() + "' must be a string");
            }
            out.put(f.getKey(), f.getValue().textValue());
        }
    }

    private static Entry entry(SegmentCursor in, String name, JsonNode node, long dataBytes) {
        String where = "tensor '" + name + "'";
        if (!node.isObject()) {
            throw in.error(where + " must be an object with dtype, shape and data_offsets");
        }
        JsonNode dtypeNode = node.get("dtype");
        if (dtypeNode == null || !dtypeNode.isTextual()) {
            throw in.error(where + " has no dtype string");
        }
        String dtypeName = dtypeNode.textValue();
        DType dtype = READABLE.stream().filter(d -> d.name().equals(dtypeName)).findFirst().orElseThrow(() ->
                in.error(where + " has dtype " + dtypeName + ", which is not supported (supported: F32, F16, BF16)"));
        long[] shape = longs(in, node.get("shape"), where + " shape", -1);
        long[] offsets = longs(in, node.get("data_offsets"), where + " data_offsets", 2);
        long begin = offsets[0], end = offsets[1];
        if (begin > end || end > dataBytes) {
            throw in.error(where + " data offsets [" + begin + ", " + end + ") do not fit the " + dataBytes
                    + " data bytes after the header");
        }
        long elements = 1;
        try {
            for (long d : shape) {
                elements = Math.multiplyExact(elements, d);
            }
        } catch (ArithmeticException e) {
            throw in.error(where + " shape " + Arrays.toString(shape) + " is too large");
        }
        if (elements > Long.MAX_VALUE / 4 || dtype.byteSize(elements) != end - begin) {
            throw in.error(where + " is " + dtypeName + Arrays.toString(shape) + " but data offsets [" + begin
                    + ", " + end + ") hold " + (end - begin) + " bytes");
        }
        return new Entry(name, dtype, shape, begin, end);
    }

    /** A JSON array of non-negative integers ({@code length} of them, or any number when -1). */
    private static long[] longs(SegmentCursor in, JsonNode node, String what, int length) {
        if (node == null || !node.isArray() || (length >= 0 && node.size() != length)) {
            throw in.error(what + " must be an array of " + (length >= 0 ? length + " " : "") + "integers");
        }
        long[] out = new long[node.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = node.get(i);
            if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0) {
                throw in.error(what + " must hold non-negative integers, got " + v);
            }
            out[i] = v.longValue();
        }
        return out;
    }

    /**
     * Writes {@code tensors} (in iteration order) and {@code metadata} to {@code file} atomically: a temporary
     * file in the same directory, fsync, rename.
     */
    public static void write(Path file, Map<String, TensorData> tensors, Map<String, String> metadata) {
        Map<String, Object> header = new LinkedHashMap<>();
        if (!metadata.isEmpty()) {
            header.put("__metadata__", new LinkedHashMap<>(metadata));
        }
        long offset = 0;
        for (var e : tensors.entrySet()) {
            if (e.getKey().equals("__metadata__")) {
                throw new IllegalArgumentException("'__metadata__' cannot name a tensor");
            }
            TensorData t = e.getValue();
            if (!READABLE.contains(t.dtype())) {
                throw new IllegalArgumentException("safetensors cannot store " + t.dtype() + " tensor '" + e.getKey() + "'");
            }
            long end = offset + t.byteSize();
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("dtype", t.dtype().name());
            entry.put("shape", t.shape());
            entry.put("data_offsets", new long[] {offset, end});
            header.put(e.getKey(), entry);
            offset = end;
        }
        byte[] json;
        try {
            json = JSON.writeValueAsString(header).getBytes(StandardCharsets.UTF_8);
        } catch (JacksonException e) {
            throw new IllegalStateException(e);
        }
        int padded = (json.length + 7) / 8 * 8;
        long dataStart = 8L + padded;
        AtomicFiles.write(file, dataStart + offset, out -> {
            out.set(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(LITTLE_ENDIAN), 0, padded);
            MemorySegment.copy(json, 0, out, ValueLayout.JAVA_BYTE, 8, json.length);
            out.asSlice(8 + json.length, padded - json.length).fill((byte) ' ');
            long at = dataStart;
            for (TensorData t : tensors.values()) {
                t.writeTo(out.asSlice(at, t.byteSize()));
                at += t.byteSize();
            }
        });
    }
}
