package dev.seal4j.seal.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seal4j.engine.BadInputException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An append-only JSONL log of finished work (one JSON object per line, snake_case member names), made to
 * survive being killed: every record is written with its newline in one write and fsynced before
 * {@link #append} returns, and a record counts only once its newline is on disk. A torn last line (the process
 * died mid-write) is ignored by readers and cut off when the log is opened for appending. Each record carries a
 * key ({@code keyField}); {@link #doneKeys()} tells a resumed run what not to redo.
 */
public final class RecordLog implements AutoCloseable {
    private final Path file;
    private final String keyField;
    private final FileChannel channel;
    private final Set<String> keys;

    private RecordLog(Path file, String keyField, FileChannel channel, Set<String> keys) {
        this.file = file;
        this.keyField = keyField;
        this.channel = channel;
        this.keys = keys;
    }

    /** Opens (or creates) a log; cuts off a torn last line; loads the keys of the records already in it. */
    public static RecordLog open(Path file, String keyField) {
        try {
            Parsed parsed = Files.exists(file) ? parse(file, Files.readAllBytes(file)) : new Parsed(List.of(), 0);
            Set<String> keys = new LinkedHashSet<>();
            for (int i = 0; i < parsed.records().size(); i++) {
                keys.add(key(parsed.records().get(i), keyField, file, parsed.lineNumbers().get(i)));
            }
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            if (channel.size() > parsed.committedBytes()) {
                channel.truncate(parsed.committedBytes());
                channel.force(true);
            }
            channel.position(parsed.committedBytes());
            return new RecordLog(file, keyField, channel, keys);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the log " + file + ": " + e.getMessage(), e);
        }
    }

    /** Appends a record (any Jackson-serializable value with a {@code keyField} member) durably. */
    public synchronized void append(Object record) {
        ObjectMapper mapper = RunJson.LINE;
        JsonNode node = mapper.valueToTree(record);
        if (!node.isObject() || !node.hasNonNull(keyField) || !node.get(keyField).isValueNode()) {
            throw new IllegalArgumentException("a record of " + file.getFileName() + " needs a '" + keyField + "' member: " + node);
        }
        try {
            ByteBuffer line = ByteBuffer.wrap((mapper.writeValueAsString(node) + "\n").getBytes(StandardCharsets.UTF_8));
            while (line.hasRemaining()) {
                channel.write(line);
            }
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file + ": " + e.getMessage(), e);
        }
        keys.add(node.get(keyField).asText());
    }

    /** The keys of all records so far, in first-appearance order. */
    public synchronized Set<String> doneKeys() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(keys));
    }

    public synchronized boolean isDone(String key) {
        return keys.contains(key);
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The complete records of a log (a torn last line is left out); empty when the file does not exist. */
    public static List<JsonNode> read(Path file) {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            return parse(file, Files.readAllBytes(file)).records();
        } catch (IOException e) {
            throw BadInputException.inFile(file, "cannot read: " + e.getMessage(), e);
        }
    }

    /** The complete records of a log as {@code type}. */
    public static <T> List<T> read(Path file, Class<T> type) {
        List<T> out = new ArrayList<>();
        for (JsonNode node : read(file)) {
            try {
                out.add(RunJson.LINE.treeToValue(node, type));
            } catch (IOException e) {
                throw BadInputException.inFile(file, "a record is not a " + type.getSimpleName() + ": "
                        + e.getMessage().lines().findFirst().orElse(""), e);
            }
        }
        return out;
    }

    /** The complete lines' records, their line numbers, and how many bytes they span. */
    private record Parsed(List<JsonNode> records, List<Integer> lineNumbers, long committedBytes) {
        Parsed(List<JsonNode> records, long committedBytes) {
            this(records, List.of(), committedBytes);
        }
    }

    private static Parsed parse(Path file, byte[] bytes) {
        List<JsonNode> records = new ArrayList<>();
        List<Integer> lineNumbers = new ArrayList<>();
        int start = 0;
        int lineNumber = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] != '\n') {
                continue;
            }
            lineNumber++;
            String line = new String(bytes, start, i - start, StandardCharsets.UTF_8);
            start = i + 1;
            if (line.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = RunJson.LINE.readTree(line);
            } catch (IOException e) {
                throw BadInputException.inFile(file, "line " + lineNumber + ": not a JSON record ("
                        + e.getMessage().lines().findFirst().orElse("") + "); only the last line may be torn");
            }
            if (node == null || !node.isObject()) {
                throw BadInputException.inFile(file, "line " + lineNumber + ": not a JSON object");
            }
            records.add(node);
            lineNumbers.add(lineNumber);
        }
        return new Parsed(records, lineNumbers, start);
    }

    private static String key(JsonNode record, String keyField, Path file, int lineNumber) {
        JsonNode key = record.get(keyField);
        if (key == null || !key.isValueNode() || key.isNull()) {
            throw BadInputException.inFile(file, "line " + lineNumber + ": the record has no '" + keyField + "'");
        }
        return key.asText();
    }
}
