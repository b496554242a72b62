package dev.seal4j.seal.continual;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seal4j.engine.BadInputException;

import java.io.IOException;
import java.nio.file.Path;

/** The JSON mapper of the continual learner's files and ledger payloads (sorted keys, so text is canonical). */
public final class ContinualJson {
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final ObjectMapper PRETTY = MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT);

    private ContinualJson() {
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** An object of the given key, value pairs (values converted as Jackson converts them). */
    public static ObjectNode fields(Object... keyValues) {
        ObjectNode o = object();
        for (int i = 0; i < keyValues.length; i += 2) {
            o.set((String) keyValues[i], MAPPER.valueToTree(keyValues[i + 1]));
        }
        return o;
    }

    /** Compact JSON text. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    /** Indented JSON bytes, for files people read. */
    public static byte[] pretty(Object value) {
        try {
            return PRETTY.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    public static JsonNode read(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("invalid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** A file read as {@code type}; a bad file is bad input naming it. */
    public static <T> T readFile(Path file, Class<T> type) {
        try {
            return MAPPER.readValue(file.toFile(), type);
        } catch (IOException e) {
            throw BadInputException.inFile(file, "cannot read " + type.getSimpleName() + ": "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }
}
