package dev.seal4j.engine.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The shared test data (../shared), read in place; tests that need a missing file are skipped. */
final class SharedFiles {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ROOT = Path.of(System.getProperty("seal4j.shared", "../shared"));
    private static final Map<String, Tokenizer> LOADED = new ConcurrentHashMap<>();

    private SharedFiles() {
    }

    /** ROOT/relative, skipping the calling test when it does not exist. */
    static Path require(String relative) {
        Path p = ROOT.resolve(relative);
        assumeTrue(Files.exists(p), "shared test data missing: " + p);
        return p;
    }

    /** The tokenizer at ROOT/relative, loaded once per test run (the big ones take a second to read). */
    static Tokenizer tokenizer(String relative) {
        Path p = require(relative);
        return LOADED.computeIfAbsent(relative, r -> Tokenizers.load(p));
    }

    static List<JsonNode> jsonLines(Path file) {
        try {
            return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).map(SharedFiles::parse).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).intValue();
        }
        return out;
    }
}
