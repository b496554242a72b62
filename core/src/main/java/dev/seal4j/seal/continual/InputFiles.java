package dev.seal4j.seal.continual;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seal4j.engine.BadInputException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Learning inputs from a file: a .json object or array, .jsonl lines (each a document
 * {@code {title?, text, source?, questions?}} or feedback {@code {question, answer?, correction, topic?}};
 * "kind" may say which), or any other file as one plain-text document titled by its file name.
 */
public final class InputFiles {
    private InputFiles() {
    }

    public static List<LearningInput> read(Path file) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            throw BadInputException.inFile(file, "is not UTF-8 text");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        String name = file.getFileName().toString();
        List<LearningInput> out = new ArrayList<>();
        try {
            if (name.endsWith(".jsonl")) {
                List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
                for (int i = 0; i < lines.size(); i++) {
                    out.add(one(ContinualJson.MAPPER.readTree(lines.get(i)), file, "line " + (i + 1)));
                }
            } else if (name.endsWith(".json")) {
                JsonNode root = ContinualJson.MAPPER.readTree(text);
                if (root.isArray()) {
                    for (int i = 0; i < root.size(); i++) {
                        out.add(one(root.get(i), file, "item " + i));
                    }
                } else {
                    out.add(one(root, file, "the object"));
                }
            } else {
                String title = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
                out.add(new LearningInput.Document(title, text, file.toString(), List.of()));
            }
        } catch (IOException e) {
            throw BadInputException.inFile(file, "invalid JSON: " + e.getMessage().lines().findFirst().orElse(""));
        } catch (BadInputException e) {
            throw BadInputException.inFile(file, e.getMessage());
        }
        if (out.isEmpty()) {
            throw BadInputException.inFile(file, "holds no inputs");
        }
        return out;
    }

    private static LearningInput one(JsonNode node, Path file, String where) throws IOException {
        if (!node.isObject()) {
            throw BadInputException.inFile(file, where + " is not a JSON object");
        }
        com.fasterxml.jackson.databind.node.ObjectNode o = node.deepCopy();
        if (!o.has("kind")) {
            o.put("kind", o.has("correction") ? "feedback" : "document");
        }
        try {
            return ContinualJson.MAPPER.treeToValue(o, LearningInput.class);
        } catch (com.fasterxml.jackson.databind.exc.ValueInstantiationException e) {
            throw BadInputException.inFile(file, where + ": " + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()));
        }
    }
}
