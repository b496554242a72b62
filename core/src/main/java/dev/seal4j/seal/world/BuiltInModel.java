package dev.seal4j.seal.world;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.seal4j.engine.BadInputException;
import dev.seal4j.engine.JsonProblem;
import dev.seal4j.engine.format.AtomicFiles;
import dev.seal4j.engine.model.LoraTarget;
import dev.seal4j.seal.inner.InnerLoopConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;

/**
 * What a model pretrained on a world carries besides its weights, in {@code world.json} of its directory:
 * the world it knows (seeds and sizes, so its people and questions can be regenerated) and the inner-loop
 * settings chosen for it (so adapting it does not leak one person's facts onto everyone).
 */
public record BuiltInModel(WorldConfig world, InnerLoopConfig innerLoop) {
    public static final String FILE = "world.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The inner loop chosen for the built-in model (see the model card for how it was chosen). */
    public static InnerLoopConfig defaultInnerLoop() {
        return new InnerLoopConfig(16, 32f, EnumSet.of(LoraTarget.Q_PROJ, LoraTarget.V_PROJ, LoraTarget.O_PROJ,
                LoraTarget.GATE_PROJ, LoraTarget.UP_PROJ, LoraTarget.DOWN_PROJ), 1e-3f, 10, 1,
                InnerLoopConfig.PAPER_QUESTION_TEMPLATE, 16, true, 4);
    }

    public static BuiltInModel read(Path modelDir) {
        Path file = modelDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw BadInputException.inFile(modelDir, "has no " + FILE + ": it is not a model pretrained on the built-in world");
        }
        try {
            return JSON.readValue(file.toFile(), BuiltInModel.class);
        } catch (JacksonException e) {
            throw BadInputException.inFile(file, JsonProblem.describe(e), e);
        } catch (IOException e) {
            throw BadInputException.inFile(file, "cannot read: " + e.getMessage(), e);
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
