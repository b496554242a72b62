package dev.seal4j.seal.run;

import dev.seal4j.engine.BadInputException;
import dev.seal4j.engine.format.AtomicFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** results.json and results.md of a run directory, each written atomically. */
public final class ResultsFiles {
    public static final String JSON = "results.json";
    public static final String MARKDOWN = "results.md";

    private ResultsFiles() {
    }

    /** Writes (or replaces, as results improve during a run) results.json and results.md in {@code dir}. */
    public static void write(Path dir, Results results) {
        try {
            AtomicFiles.write(dir.resolve(JSON), RunJson.PRETTY.writeValueAsBytes(results));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        AtomicFiles.write(dir.resolve(MARKDOWN), ResultsTable.markdown(results).getBytes(StandardCharsets.UTF_8));
    }

    /** The results.json of {@code dir}. */
    public static Results read(Path dir) {
        Path file = dir.resolve(JSON);
        if (!Files.isRegularFile(file)) {
            throw BadInputException.inFile(dir, "no " + JSON + " yet");
        }
        try {
            return RunJson.PRETTY.readValue(file.toFile(), Results.class);
        } catch (IOException e) {
            throw BadInputException.inFile(file, "not a results file: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }
}
