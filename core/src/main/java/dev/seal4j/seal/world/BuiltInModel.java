package dev.seal4j.seal.world;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.seal4j.engine.BadInputException;
import dev.seal4j.engine.format.AtomicFiles;
import dev.seal4j.seal.knowledge.KnowledgeConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a model pretrained on a world carries besides its weights, in {@code world.json} of its directory:
 * the world it knows (seeds and sizes, so its people and questions can be regenerated) and the inner-loop
 * settings chosen for it (so adapting it does not leak one person's facts onto everyone).
 */
public record BuiltInModel(WorldConfig world, KnowledgeConfig.Inner innerLoop) {
    public static final String FILE = "world.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The inner loop chosen for the built-in model (see the model card for how it was chosen). */
    public static KnowledgeConfig.Inner defaultInnerLoop() {
        return new KnowledgeConfig.Inner(16, 32f, java.util.List.of("q_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"),
                1e-3f, 10, 1, "Topic: {title}\nQuestion: {question}\nAnswer:", 16, true, 4);
    }

    public static BuiltInModel read(Path modelDir) {
        Path file = modelDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw BadInputException.inFile(modelDir, "has no " + FILE + ": it is not a model pretrained on the built-in world");
        }
        try {
            return JSON.readValue(file.toFile(), BuiltInModel.class);
        } catch (IOException e) {
            throw BadInputException.inFile(file, "unreadable: " + e.getMessage());
        }
    }

    public void write(Path modelDir) {
        try {
            AtomicFiles.write(modelDir.resolve(FILE), JSON.writeValueAsBytes(this));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
