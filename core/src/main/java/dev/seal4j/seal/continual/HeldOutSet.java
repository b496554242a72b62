package dev.seal4j.seal.continual;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seal4j.engine.BadInputException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The operator's general held-out questions, asked before every update to catch forgetting of what the
 * model knew before any update: a JSON array of {@code {question, answer, title?}}, or SQuAD-style passages
 * {@code [{title, questions: [{question, answer}]}]}.
 */
public final class HeldOutSet {
    private HeldOutSet() {
    }

    public static List<Probe> read(Path file) {
        JsonNode root;
        try {
            root = ContinualJson.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw BadInputException.inFile(file, "not JSON: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        if (!root.isArray()) {
            throw BadInputException.inFile(file, "must be a JSON array of {question, answer} or of passages with questions");
        }
        List<Probe> out = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode item = root.get(i);
            try {
                if (item.has("questions")) {
                    for (JsonNode q : item.get("questions")) {
                        out.add(new Probe(item.path("title").asText(""), q.path("question").asText(null), answer(q)));
                    }
                } else {
                    out.add(new Probe(item.path("title").asText(""), item.path("question").asText(null), answer(item)));
                }
            } catch (BadInputException e) {
                throw BadInputException.inFile(file, "item " + i + ": " + e.getMessage());
            }
        }
        return out;
    }

    /** "answer" as text, or the first of "answers". */
    private static String answer(JsonNode q) {
        if (q.has("answer")) {
            return q.get("answer").asText(null);
        }
        JsonNode answers = q.path("answers");
        return answers.isArray() && !answers.isEmpty() ? answers.get(0).asText(null) : null;
    }
}
