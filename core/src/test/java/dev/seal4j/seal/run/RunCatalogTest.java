package dev.seal4j.seal.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunCatalogTest {

    @Test
    void listsRunsWithStatusAndHeadlineFigures(@TempDir Path tmp) throws IOException {
        Path runs = tmp.resolve("runs");
        RunInputs inputs = RunInputs.none(List.of("seal", "demo"));
        Path finished;
        try (RunDirectory run = RunDirectory.createAt(runs.resolve("a-finished"), "demo", Map.of(), inputs)) {
            finished = run.path();
            ResultsFiles.write(run.path(), ResultsTest.sample());
            try (RecordLog log = run.log("selfedits.jsonl", "id")) {
                log.append(Map.of("id", "x"));
                log.append(Map.of("id", "y"));
            }
            run.finish();
        }
        RunDirectory.createAt(runs.resolve("b-killed"), "knowledge", Map.of(), inputs).close();
        Files.createDirectories(runs.resolve("c-broken"));
        Files.writeString(runs.resolve("c-broken/manifest.json"), "{not json");
        Files.createDirectories(runs.resolve("not-a-run"));

        try (RunDirectory live = RunDirectory.createAt(runs.resolve("d-live"), "knowledge", Map.of(), inputs)) {
            List<RunSummary> list = RunCatalog.list(live.path().getParent());
            assertEquals(List.of("c-broken", "a-finished", "b-killed", "d-live"),
                    list.stream().map(r -> r.dir().getFileName().toString()).toList(), "invalid first (no date), then by creation");
            assertEquals(List.of("invalid", "finished", "interrupted", "running"), list.stream().map(RunSummary::status).toList());
            RunSummary a = list.get(1);
            assertEquals("demo", a.kind());
            assertEquals(Map.of("passage_only", 0.5, "base", 0.25), a.headline(), "net accuracy when measured");
            assertTrue(list.getFirst().problem().contains("not a run manifest"), list.getFirst().problem());
        }

        RunDetails details = RunCatalog.details(finished);
        assertEquals(Map.of("selfedits.jsonl", 2), details.recordCounts());
        assertEquals(List.of("config.yaml", "hash-cache.json", "manifest.json", "results.json", "results.md", "selfedits.jsonl"),
                details.files());
        assertEquals(ResultsTest.sample(), details.results());
        assertEquals(RunStatus.FINISHED, details.manifest().status());
    }
}
