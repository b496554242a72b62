package dev.seal4j.engine.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seal4j.engine.BadInputException;
import dev.seal4j.engine.JsonProblem;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads training JSONL; every malformed line is an error naming the file and line. */
public final class TrainingData {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TrainingData() {
    }

    public static List<TrainingRecord> read(Path file) {
        List<TrainingRecord> out = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                out.add(parse(line, file + ":" + number));
            }
        } catch (NoSuchFileException e) {
            throw BadInputException.inFile(file, "no such file");
        } catch (IOException e) {
            throw BadInputException.inFile(file, "cannot read: " + e.getMessage());
        }
        if (out.isEmpty()) {
            throw BadInputException.inFile(file, "no training records");
        }
        return out;
    }

    /** One JSON object; {@code where} names it in errors ("file:line"). */
    @SuppressWarnings("unchecked")
    public static TrainingRecord parse(String json, String where) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new BadInputException(where + ": " + JsonProblem.describe(e));
        }
        if (node == null || !node.isObject()) {
            throw new BadInputException(where + ": expected a JSON object");
        }
        List<String> formats = new ArrayList<>();
        if (node.has("messages")) {
            formats.add("'messages'");
        }
        if (node.has("prompt") || node.has("completion")) {
            formats.add("'prompt'/'completion'");
        }
        if (node.has("text")) {
            formats.add("'text'");
        }
        if (formats.size() > 1) {
            throw new BadInputException(where + ": has " + String.join(" and ", formats)
                    + "; a record is one of {text}, {prompt, completion} or {messages}");
        }
        if (node.has("messages")) {
            JsonNode m = node.get("messages");
            if (!m.isArray() || m.isEmpty()) {
                throw new BadInputException(where + ": field 'messages' must be a non-empty array");
            }
            List<Map<String, Object>> messages = new ArrayList<>();
            for (int i = 0; i < m.size(); i++) {
                JsonNode msg = m.get(i);
                if (!msg.isObject() || !msg.path("role").isTextual() || !msg.has("content")) {
                    throw new BadInputException(where + ": messages[" + i + "] needs string 'role' and 'content'");
                }
                messages.add(JSON.convertValue(msg, Map.class));
            }
            return new TrainingRecord.Messages(messages);
        }
        if (node.has("prompt") || node.has("completion")) {
            return new TrainingRecord.PromptCompletion(text(node, "prompt", where), text(node, "completion", where));
        }
        if (node.has("text")) {
            return new TrainingRecord.Text(text(node, "text", where));
        }
        throw new BadInputException(where + ": expected field 'text', 'prompt' and 'completion', or 'messages'");
    }

    private static String text(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) {
            throw new BadInputException(where + ": field '" + field + "' must be a string");
        }
        return v.asText();
    }
}
