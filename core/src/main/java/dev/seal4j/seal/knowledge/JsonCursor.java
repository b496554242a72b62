package dev.seal4j.seal.knowledge;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seal4j.engine.BadInputException;
import dev.seal4j.engine.JsonProblem;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A JSON value together with where it sits ("[12].questions[3].answer" in FILE), so that every complaint about
 * a data file names the exact field.
 */
record JsonCursor(Path file, String path, JsonNode node) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    /** The whole of a JSON file; unreadable files and syntax errors are BadInputExceptions naming line and column. */
    static JsonCursor read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw BadInputException.inFile(file, JsonProblem.describe(e), e);
        } catch (NoSuchFileException e) {
            throw BadInputException.inFile(file, "no such file", e);
        } catch (IOException e) {
            throw BadInputException.inFile(file, "cannot read: " + e.getMessage(), e);
        }
        if (root == null || root.isMissingNode()) {
            throw BadInputException.inFile(file, "the file is empty");
        }
        return new JsonCursor(file, "", root);
    }

    /** The member {@code name} of this object; {@code node} is null when the member is absent. */
    JsonCursor field(String name) {
        return new JsonCursor(file, path.isEmpty() ? name : path + "." + name, node.get(name));
    }

    boolean isObject() {
        return node != null && node.isObject();
    }

    boolean isArray() {
        return node != null && node.isArray();
    }

    /** Absent or JSON null. */
    boolean isMissing() {
        return node == null || node.isNull();
    }

    JsonCursor requireObject() {
        if (!isObject()) {
            throw bad("expected an object");
        }
        return this;
    }

    /** The elements of this array, each with its own path. */
    List<JsonCursor> elements() {
        if (!isArray()) {
            throw bad("expected a list");
        }
        List<JsonCursor> out = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            out.add(new JsonCursor(file, path + "[" + i + "]", node.get(i)));
        }
        return out;
    }

    <T> List<T> map(Function<JsonCursor, T> element) {
        return elements().stream().map(element).toList();
    }

    /** A string; blank ones are refused when {@code nonBlank}. */
    String string(boolean nonBlank) {
        if (node == null || !node.isTextual()) {
            throw bad("expected a string");
        }
        if (nonBlank && node.asText().isBlank()) {
            throw bad("expected a non-empty string");
        }
        return node.asText();
    }

    /** A string, or null when absent or JSON null. */
    String optionalString() {
        return isMissing() ? null : string(false);
    }

    /** A list of strings, or a single string as a list of one; absent or null is the empty list. */
    List<String> stringOrStrings() {
        if (isMissing()) {
            return List.of();
        }
        return node.isTextual() ? List.of(node.asText()) : map(element -> element.string(false));
    }

    /** "FILE: PATH: expected X, found Y". */
    BadInputException bad(String expectation) {
        return problem(expectation + found());
    }

    /** "FILE: PATH: problem". */
    BadInputException problem(String problem) {
        return BadInputException.inFile(file, (path.isEmpty() ? "top level" : path) + ": " + problem);
    }

    private String found() {
        if (node == null) {
            return ", but it is missing";
        }
        String type = switch (node.getNodeType()) {
            case ARRAY -> node.isEmpty() ? "an empty list" : "a list";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "the number " + node.asText();
            case BOOLEAN -> "the boolean " + node.asText();
            case NULL -> "null";
            default -> node.getNodeType().toString().toLowerCase();
        };
        return ", found " + type;
    }
}
