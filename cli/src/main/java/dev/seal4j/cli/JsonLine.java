package dev.seal4j.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Map;
import java.util.StringJoiner;

/** One JSON object on one line, written as {@code {"key": value, ...}} in the map's order. */
final class JsonLine {
    static final ObjectMapper JSON = new ObjectMapper();

    private JsonLine() {
    }

    static String of(Map<String, ?> fields) {
        StringJoiner out = new StringJoiner(", ", "{", "}");
        fields.forEach((k, v) -> out.add(value(k) + ": " + value(v)));
        return out.toString();
    }

    private static String value(Object v) {
        try {
            return JSON.writeValueAsString(v);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
