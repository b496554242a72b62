package dev.seal4j.engine.tokenizer;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seal4j.engine.BadInputException;
import dev.seal4j.engine.JsonProblem;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A parsed JSON file plus typed field access whose errors name the file and the field
 * ("tokenizer.json: model.vocab must be an object").
 */
final class JsonFile {
    static final ObjectMapper MAPPER = new ObjectMapper();

    final Path path;
    final JsonNode root;

    private JsonFile(Path path, JsonNode root) {
        this.path = path;
        this.root = root;
    }

    static JsonFile read(Path path) {
        try {
            JsonNode root = MAPPER.readTree(path.toFile());
            if (root == null || !root.isObject()) {
                throw BadInputException.inFile(path, "expected a JSON object at the top level");
            }
            return new JsonFile(path, root);
        } catch (NoSuchFileException e) {
            throw BadInputException.inFile(path, "no such file", e);
        } catch (JacksonException e) {
            throw BadInputException.inFile(path, JsonProblem.describe(e), e);
        } catch (IOException e) {
            throw BadInputException.inFile(path, "cannot read: " + e.getMessage(), e);
        }
    }

    BadInputException error(String problem) {
        return BadInputException.inFile(path, problem);
    }

    /** parent[name], or null when absent or JSON null. */
    static JsonNode optional(JsonNode parent, String name) {
        JsonNode n = parent.get(name);
        return n == null || n.isNull() ? null : n;
    }

    JsonNode object(JsonNode parent, String name, String where) {
        JsonNode n = optional(parent, name);
        if (n == null || !n.isObject()) {
            throw error(where + " must be an object");
        }
        return n;
    }

    JsonNode array(JsonNode parent, String name, String where) {
        JsonNode n = optional(parent, name);
        if (n == null || !n.isArray()) {
            throw error(where + " must be an array");
        }
        return n;
    }

    String text(JsonNode parent, String name, String where) {
        JsonNode n = optional(parent, name);
        if (n == null || !n.isTextual()) {
            throw error(where + " must be a string");
        }
        return n.textValue();
    }

    int integer(JsonNode parent, String name, String where) {
        JsonNode n = optional(parent, name);
        if (n == null || !n.canConvertToInt() || !n.isIntegralNumber()) {
            throw error(where + " must be an integer");
        }
        return n.intValue();
    }

    boolean bool(JsonNode parent, String name, boolean otherwise, String where) {
        JsonNode n = optional(parent, name);
        if (n == null) {
            return otherwise;
        }
        if (!n.isBoolean()) {
            throw error(where + " must be true or false");
        }
        return n.booleanValue();
    }
}
