package dev.seal4j.seal.arc;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.seal4j.engine.BadInputException;
import dev.seal4j.engine.format.AtomicFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a model pretrained on the grid world carries besides its weights, in {@code grids.json} of its
 * directory: the world (so its tasks can be drawn again), the test-time training chosen for it, and the fixed
 * configuration its oracle_ttt method uses.
 */
public record GridModel(GridWorld world, TttSettings ttt, TttConfig oracle) {
    public static final String FILE = "grids.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public static GridModel read(Path modelDir) {
        Path file = modelDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw BadInputException.inFile(modelDir, "has no " + FILE + ": it is not a model pretrained on the grid world");
        }
        try {
            return JSON.readValue(file.toFile(), GridModel.class);
        } catch (IOException e) {
            throw BadInputException.inFile(file, "unreadable: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    public Path write(Path modelDir) {
        try {
            Path file = modelDir.resolve(FILE);
            AtomicFiles.write(file, JSON.writeValueAsBytes(this));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
