package dev.seal4j.seal.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResultsTest {

    static Results sample() {
        Map<String, MethodResult> methods = new LinkedHashMap<>();
        // accuracy 3/4, se 0.25 (see StatisticsTest); leaks {0, 0, 1, 0}: leakage 0.25, net {1, 0, 0, 1}:
        // 0.5 with sample variance 1/3, se sqrt(1/12)
        methods.put("passage_only", MethodResult.of(new double[]{1, 0, 1, 1}, new double[]{0, 0, 1, 0}));
        methods.put("base", MethodResult.of(new double[]{0, 0, 1, 0}));
        Comparison c = new Comparison("passage_only", "base", "net_accuracy", 0.25, -0.5, 1.0, 0.95, 10_000, 42);
        return new Results(methods, List.of(c));
    }

    @Test
    void methodFiguresByHand() {
        MethodResult r = sample().methods().get("passage_only");
        assertEquals(0.75, r.accuracy(), 1e-15);
        assertEquals(0.25, r.stderr(), 1e-15);
        assertEquals(0.25, r.leakage(), 1e-15);
        assertEquals(0.5, r.netAccuracy(), 1e-15);
        assertEquals(Math.sqrt(1.0 / 12), r.netStderr(), 1e-15);
        assertEquals(4, r.n());
    }

    @Test
    void jsonAsTheIssueSpecifiesAndBack(@TempDir Path dir) throws IOException {
        Results results = sample();
        ResultsFiles.write(dir, results);
        JsonNode json = new ObjectMapper().readTree(dir.resolve("results.json").toFile());
        JsonNode passage = json.get("methods").get("passage_only");
        assertEquals(0.75, passage.get("accuracy").asDouble());
        assertEquals(0.25, passage.get("stderr").asDouble());
        assertEquals(4, passage.get("n").asInt());
        assertEquals(0.25, passage.get("leakage").asDouble());
        assertEquals(0.5, passage.get("net_accuracy").asDouble());
        assertFalse(json.get("methods").get("base").has("leakage"), "no leakage measured: left out");
        assertEquals(List.of("passage_only", "base"), List.copyOf(ResultsFiles.read(dir).methods().keySet()));
        assertEquals(results, ResultsFiles.read(dir));
    }

    @Test
    void markdownTable(@TempDir Path dir) throws IOException {
        ResultsFiles.write(dir, sample());
        String md = Files.readString(dir.resolve("results.md"));
        assertTrue(md.startsWith("""
                | method | accuracy ± stderr | leakage | net accuracy | n |
                |---|---:|---:|---:|---:|
                | passage_only | 75.0 ± 25.0 | 25.0 | 50.0 ± 28.9 | 4 |
                | base | 25.0 ± 25.0 | — | — | 4 |
                """), md);
        assertTrue(md.contains("| passage_only − base | net accuracy | +25.0 | [-50.0, +100.0] |"), md);
        assertTrue(md.contains("10,000 resamples, seed 42"), md);
    }
}
