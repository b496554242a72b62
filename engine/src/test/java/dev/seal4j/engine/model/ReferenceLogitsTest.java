package dev.seal4j.engine.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seal4j.engine.format.Checkpoints;
import dev.seal4j.engine.testing.Fixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Logits and greedy decoding of every reference checkpoint (tiny HF directories of each architecture, GGUF
 * files in F32, Q8_0, Q4_0/Q4_K/Q6_K, and the real stories260K) against the PyTorch reference.
 */
class ReferenceLogitsTest {

    static Stream<String> fixtures() throws IOException {
        try (Stream<Path> files = Files.list(Fixtures.path("expected"))) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".json") && !n.endsWith("first_rows.json"))
                    .sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void logitsMatchTheReference(String fixture) {
        JsonNode spec = Fixtures.json(Fixtures.path("expected/" + fixture));
        try (Checkpoint ck = Checkpoints.open(Fixtures.source(spec.get("source").asText()))) {
            Transformer model = Transformer.of(ck);
            int V = ck.config().vocabSize();
            for (JsonNode seq : spec.get("sequences")) {
                int[] ids = Fixtures.ints(seq.get("ids"));
                float[] expected = Fixtures.f32(Fixtures.path(seq.get("logits").asText()));
                float[] logits = runAll(model, ids);
                double worst = 0;
                for (int i = 0; i < ids.length * V; i++) {
                    worst = Math.max(worst, Math.abs(logits[i] - expected[i]) / (1 + Math.abs(expected[i])));
                }
                assertTrue(worst < 1e-4, fixture + ": logits differ by up to " + worst + " (relative)");
            }
            JsonNode greedy = spec.get("greedy");
            int[] prompt = Fixtures.ints(greedy.get("prompt"));
            int[] expectedTokens = Fixtures.ints(greedy.get("tokens"));
            assertArrayEquals(expectedTokens, greedy(model, prompt, expectedTokens.length), fixture + ": greedy tokens");
        }
    }

    /** Logits at every position of one sequence, fed in one prefill call. */
    static float[] runAll(Transformer model, int[] ids) {
        int V = model.config().vocabSize();
        Transformer.Workspace ws = model.workspace(ids.length, null);
        KvCache cache = new KvCache(model.config(), ids.length);
        KvCache[] caches = new KvCache[ids.length];
        java.util.Arrays.fill(caches, cache);
        int[] rows = java.util.stream.IntStream.range(0, ids.length).toArray();
        float[] logits = new float[ids.length * V];
        model.forward(ws, ids, caches, ids.length, null, rows, ids.length, logits);
        return logits;
    }

    /** Argmax decoding, one token per call after the prompt. */
    static int[] greedy(Transformer model, int[] prompt, int steps) {
        int V = model.config().vocabSize();
        Transformer.Workspace ws = model.workspace(Math.max(1, prompt.length), null);
        KvCache cache = new KvCache(model.config(), prompt.length + steps);
        KvCache[] caches = new KvCache[prompt.length];
        java.util.Arrays.fill(caches, cache);
        float[] logits = new float[V];
        model.forward(ws, prompt, caches, prompt.length, null, new int[]{prompt.length - 1}, 1, logits);
        int[] out = new int[steps];
        for (int s = 0; s < steps; s++) {
            out[s] = dev.seal4j.engine.tensor.VectorMath.argmax(logits, 0, V);
            model.forward(ws, new int[]{out[s]}, caches, 1, null, new int[]{0}, 1, logits);
        }
        return out;
    }
}
