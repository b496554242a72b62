package dev.seal4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** seal continual bench end to end on the tiny random model: the command completes and writes its report. */
class ContinualBenchTest {
    @Test
    void writesResultsReportAndHeatMaps(@TempDir Path tmp) throws Exception {
        Path model = TestFiles.longChatModel(tmp.resolve("m"));
        Path out = tmp.resolve("bench");
        Cli.Result r = Cli.run("continual", "bench", "--model", model.toString(), "--out", out.toString(), "--passages", "2",
                "--sequences", "1", "--self-edits", "2", "--self-edit-tokens", "16", "--probes", "2", "--epochs", "1",
                "--lora-rank", "4", "--lora-alpha", "8", "--answer-tokens", "6").ok();
        JsonNode summary = TestFiles.json(r.outLines().getLast());
        assertEquals(0.189, summary.get("paper").get("first_after_8_updates").asDouble());
        assertTrue(summary.has("without gates") && summary.has("with gates"), summary.toString());
        assertEquals(4, r.err().lines().filter(l -> l.contains("passage ")).count(), r.err());
        JsonNode results = TestFiles.json(Files.readString(out.resolve("results.json")));
        assertEquals(3, results.get("results").get("without gates").get("mean").size(), "base row + 2 updates");
        assertTrue(Files.size(out.resolve("forgetting-without-gates.png")) > 1000);
        assertTrue(Files.size(out.resolve("forgetting-with-gates.png")) > 1000);
        assertTrue(Files.readString(out.resolve("report.md")).contains("| without gates |"));
        String again = Cli.run("continual", "bench", "--model", model.toString(), "--out", out.toString()).badInput();
        assertTrue(again.contains("never overwritten"), again);
    }
}
