package dev.seal4j.seal.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.seal4j.engine.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunDirectoryTest {
    /** SHA-256 test vectors (FIPS 180-2): "abc" and the empty string. */
    private static final String SHA256_ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    private static final String SHA256_EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    record Settings(String method, int innerEpochs, double learningRate) {
    }

    private static RunInputs inputs(Path model, Path data) {
        return new RunInputs(model, List.of(data), List.of("seal", "knowledge", "--quick"), Map.of("eval", 7L, "sampling", 8L));
    }

    private static Path file(Path dir, String name, String content) throws IOException {
        return Files.writeString(Files.createDirectories(dir).resolve(name), content);
    }

    @Test
    void aNewRunRecordsConfigAndManifest(@TempDir Path tmp) throws IOException {
        Path model = tmp.resolve("model");
        file(model, "model.safetensors", "abc");
        file(model, "config.json", "");
        file(model, ".hidden", "ignored");
        Path data = file(tmp, "data.json", "abc");
        Settings settings = new Settings("teacher", 10, 1e-3);

        try (RunDirectory run = RunDirectory.createAt(tmp.resolve("runs/first"), "knowledge", settings, inputs(model, data))) {
            Path dir = run.path();
            JsonNode yaml = new YAMLMapper().readTree(dir.resolve("config.yaml").toFile());
            assertEquals("teacher", yaml.get("method").asText());
            assertEquals(10, yaml.get("inner_epochs").asInt());
            assertEquals(settings, run.config(Settings.class));

            JsonNode manifest = new ObjectMapper().readTree(dir.resolve("manifest.json").toFile());
            assertEquals("knowledge", manifest.get("kind").asText());
            assertEquals("running", manifest.get("status").asText());
            assertEquals(List.of("seal", "knowledge", "--quick"), List.of(new ObjectMapper().treeToValue(manifest.get("command_line"), String[].class)));
            assertEquals(7, manifest.get("seeds").get("eval").asLong());
            assertEquals(BuildInfo.version(), manifest.get("seal4j_version").asText());
            assertNotEquals("unknown", BuildInfo.version(), "the build filters the version in");
            assertEquals(SHA256_ABC, manifest.get("data").get(0).get("sha256").asText());
            assertEquals(data.toAbsolutePath().toString(), manifest.get("data").get(0).get("path").asText());

            JsonNode files = manifest.get("model").get("files");
            assertEquals(2, files.size(), "hidden files are not part of the model");
            assertTrue(files.get(0).get("path").asText().endsWith("config.json"));
            assertEquals(SHA256_EMPTY, files.get(0).get("sha256").asText());
            assertEquals(SHA256_ABC, files.get(1).get("sha256").asText());
            String listing = SHA256_EMPTY + "  config.json\n" + SHA256_ABC + "  model.safetensors\n";
            assertEquals(sha256(listing), manifest.get("model").get("sha256").asText());
            java.time.Instant.parse(manifest.get("created").asText());
        }
    }

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void neverReusesADirectoryThatHoldsFiles(@TempDir Path tmp) throws IOException {
        Path data = file(tmp, "data.json", "abc");
        Path taken = tmp.resolve("taken");
        Path keep = file(taken, "notes.txt", "mine");
        BadInputException e = assertThrows(BadInputException.class,
                () -> RunDirectory.createAt(taken, "knowledge", Map.of(), inputs(null, data)));
        assertTrue(e.getMessage().contains("already holds files") && e.getMessage().contains("seal runs resume"), e.getMessage());
        assertEquals("mine", Files.readString(keep));
        try (Stream<Path> left = Files.list(taken)) {
            assertEquals(List.of(keep), left.toList());
        }

        Path empty = Files.createDirectories(tmp.resolve("empty"));
        RunDirectory.createAt(empty, "knowledge", Map.of(), inputs(null, data)).close();
        assertTrue(Files.exists(empty.resolve("manifest.json")));

        try (RunDirectory a = RunDirectory.createIn(tmp.resolve("runs"), "demo", Map.of(), inputs(null, data));
             RunDirectory b = RunDirectory.createIn(tmp.resolve("runs"), "demo", Map.of(), inputs(null, data))) {
            assertNotEquals(a.path(), b.path());
            assertTrue(a.path().getFileName().toString().matches("demo-\\d{8}-\\d{6}(-\\d+)?"), a.path().toString());
        }
        try (Stream<Path> runs = Files.list(tmp.resolve("runs"))) {
            assertTrue(runs.allMatch(p -> !p.getFileName().toString().startsWith(".")), "no temporary directories left");
        }
    }

    @Test
    void statusChangesRewriteTheManifestAtomically(@TempDir Path tmp) throws IOException {
        Path data = file(tmp, "data.json", "abc");
        Path dir;
        try (RunDirectory run = RunDirectory.createIn(tmp, "knowledge", Map.of("k", 1), inputs(null, data))) {
            dir = run.path();
            run.fail("out of memory\n  at phase 2");
            assertEquals(RunStatus.FAILED, RunDirectory.readManifest(dir).status());
            assertEquals("out of memory | at phase 2", RunDirectory.readManifest(dir).failure());
        }
        try (RunDirectory resumed = RunDirectory.resume(dir, List.of("seal", "runs", "resume", dir.toString()))) {
            RunManifest m = RunDirectory.readManifest(dir);
            assertEquals(RunStatus.RUNNING, m.status());
            assertNull(m.failure());
            assertEquals(1, m.resumed().size());
            assertEquals(List.of("seal", "runs", "resume", dir.toString()), m.resumed().getFirst().commandLine());
            resumed.finish();
            assertEquals(RunStatus.FINISHED, RunDirectory.readManifest(dir).status());
            assertEquals(resumed.manifest(), RunDirectory.readManifest(dir));
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
            assertEquals(List.of(".lock", "config.yaml", "hash-cache.json", "manifest.json"), names, "no temporary files");
        }
        BadInputException finished = assertThrows(BadInputException.class, () -> RunDirectory.resume(dir, List.of()));
        assertTrue(finished.getMessage().contains("nothing to resume"), finished.getMessage());
    }

    @Test
    void resumingChecksTheInputsAndUsesTheHashCache(@TempDir Path tmp) throws IOException {
        Path model = file(tmp, "model.gguf", "abc");
        Path data = file(tmp, "data.json", "abc");
        Path dir;
        try (RunDirectory run = RunDirectory.createIn(tmp.resolve("runs"), "knowledge", Map.of(), inputs(model, data))) {
            dir = run.path();
            assertEquals(SHA256_ABC, run.manifest().model().sha256());
        }
        // the cache is trusted while path, size and mtime agree: a planted hash proves it is not recomputed
        Path cache = dir.resolve("hash-cache.json");
        String cached = Files.readString(cache);
        assertTrue(cached.contains(data.toAbsolutePath().toString()) && cached.contains(SHA256_ABC), cached);
        Files.writeString(cache, cached.replace(SHA256_ABC, SHA256_EMPTY));
        assertEquals(SHA256_EMPTY, FileHasher.load(cache).file(data).sha256());
        FileTime mtime = Files.getLastModifiedTime(data);
        Files.setLastModifiedTime(data, FileTime.fromMillis(mtime.toMillis() + 2000));
        assertEquals(SHA256_ABC, FileHasher.load(cache).file(data).sha256(), "a new mtime means hashing again");
        Files.writeString(cache, cached);
        Files.setLastModifiedTime(data, mtime);

        RunDirectory.resume(dir, List.of()).close();

        Files.writeString(data, "abd");
        Files.setLastModifiedTime(data, FileTime.fromMillis(mtime.toMillis() + 4000));
        BadInputException changed = assertThrows(BadInputException.class, () -> RunDirectory.resume(dir, List.of()));
        assertTrue(changed.getMessage().contains("the data file " + data.toAbsolutePath() + " changed since the run started"),
                changed.getMessage());
        assertFalse(RunLock.isHeld(dir), "a refused resume releases the lock");
    }

    @Test
    void oneProcessAtATime(@TempDir Path tmp) throws IOException {
        Path data = file(tmp, "data.json", "abc");
        try (RunDirectory run = RunDirectory.createIn(tmp, "knowledge", Map.of(), inputs(null, data))) {
            BadInputException busy = assertThrows(BadInputException.class, () -> RunDirectory.resume(run.path(), List.of()));
            assertTrue(busy.getMessage().contains("already working in this run"), busy.getMessage());
            assertTrue(RunLock.isHeld(run.path()));
            assertEquals("running", RunCatalog.summarize(run.path()).status());
            assertTrue(LockProbe.heldByAnotherProcessView(run.path().resolve(".lock")),
                    "looking at a held run from this process must not drop its OS lock");
        }
    }

    @Test
    void fileNamesStayInsideTheRun(@TempDir Path tmp) throws IOException {
        Path data = file(tmp, "data.json", "abc");
        try (RunDirectory run = RunDirectory.createIn(tmp, "knowledge", Map.of(), inputs(null, data))) {
            assertThrows(IllegalArgumentException.class, () -> run.file("../escape.txt"));
            assertThrows(IllegalArgumentException.class, () -> run.file("sub/x.txt"));
            assertTrue(Files.isDirectory(run.subdirectory("checkpoints")));
        }
        assertThrows(IllegalArgumentException.class, () -> RunDirectory.createIn(tmp, "Bad Kind", Map.of(), inputs(null, data)));
        BadInputException noData = assertThrows(BadInputException.class,
                () -> RunDirectory.createIn(tmp, "knowledge", Map.of(), inputs(null, tmp.resolve("absent.json"))));
        assertTrue(noData.getMessage().contains("absent.json: no such file"), noData.getMessage());
    }
}
