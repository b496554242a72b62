package dev.seal4j.seal.continual;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seal4j.seal.eval.ExactMatchGrader;
import dev.seal4j.seal.world.ExportedPassage;
import dev.seal4j.seal.world.PretrainRecipe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ForgettingBenchTest {
    private static final List<ExportedPassage> POOL = ForgettingBench.evaluationPassages(PretrainRecipe.small(1).world());

    @Test
    void withoutGatesEveryUpdateIsMergedAndOnlySeenPassagesAreAsked(@TempDir Path tmp) {
        try (TinyModel tiny = TinyModel.create(tmp.resolve("m"))) {
            ForgettingBench bench = new ForgettingBench(tiny.model, tiny.tokenizer, new ExactMatchGrader());
            List<String> lines = new java.util.ArrayList<>();
            ForgettingMatrix m = bench.run(POOL, new ForgettingBench.Settings(3, 2, 5, ContinualLearnerTest.LEARNER, null,
                    List.of()), lines::add);
            assertEquals(4, m.mean().length);
            assertEquals(3, m.mean()[0].length);
            assertArrayEquals(new int[]{2, 2, 2}, m.accepted());
            assertEquals(6, lines.size(), lines.toString());
            for (int i = 1; i < 4; i++) {
                for (int j = i; j < 3; j++) {
                    assertEquals(0, m.mean()[i][j], "passage " + (j + 1) + " is not asked after " + i + " updates");
                }
            }
        }
    }

    @Test
    void gatesThatRejectEverythingLeaveTheBaseModelsAccuracy(@TempDir Path tmp) {
        GateConfig impossible = new GateConfig(1, 2.0, true, Double.POSITIVE_INFINITY, 100, Duration.ZERO, 0, 0, false);
        try (TinyModel tiny = TinyModel.create(tmp.resolve("m"))) {
            ForgettingBench bench = new ForgettingBench(tiny.model, tiny.tokenizer, new ExactMatchGrader());
            ForgettingMatrix gated = bench.run(POOL, new ForgettingBench.Settings(3, 1, 5, ContinualLearnerTest.LEARNER,
                    impossible, List.of()), line -> assertTrue(line.contains("rejected by probe-gain"), line));
            assertArrayEquals(new int[]{0, 0, 0}, gated.accepted());
            for (int i = 1; i < 4; i++) {
                for (int j = 0; j < i; j++) {
                    assertEquals(gated.mean()[0][j], gated.mean()[i][j], "the model never changed");
                }
            }
            Map<String, ForgettingMatrix> results = new LinkedHashMap<>();
            results.put("with gates", gated);
            ForgettingReport.write(tmp, results, Map.of("passages", 3));
            JsonNode json = ContinualJson.readFile(tmp.resolve("results.json"), JsonNode.class);
            assertEquals(0.189, json.get("paper").get("first_after_8_updates").asDouble());
            assertEquals(gated.firstAfterAll(), json.get("results").get("with gates").get("first_after_all_updates").asDouble());
            String md = Files.readString(tmp.resolve("report.md"));
            assertTrue(md.contains("| SEAL paper (Qwen2.5-7B, 8 passages) | 38.3% | 18.9% | 8 of 8 |"), md);
            byte[] png = Files.readAllBytes(tmp.resolve("forgetting-with-gates.png"));
            assertEquals((byte) 0x89, png[0]);
            assertEquals('P', png[1]);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
