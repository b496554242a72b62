package dev.seal4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seal4j.engine.tensor.Simd;
import dev.seal4j.seal.run.RunDirectory;
import dev.seal4j.seal.run.RunInputs;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A small demo-shaped {@code seal knowledge} run (the built-in model, every method, two ReST-EM rounds with
 * repeats, replay, two workers) and a small CPT run must leave exactly the run directory recorded in
 * {@code knowledge-golden/expected}: the same self-edits, rewards, evaluations, SFT sets, generator weights,
 * results and config. It guards refactorings of the SEAL layer, which must change no result; and a run
 * directory cut short by the code that recorded it resumes to the same files.
 *
 * <p>Kernels fix the order of their sums by the vector width, so the files hold for machines with this
 * recording's width (16 floats, AVX-512) and the test is skipped elsewhere. A change that alters numerics on
 * purpose (a kernel, a seed) rewrites the expected files, and says so in its commit:
 * {@code SEAL4J_WRITE_GOLDEN=1 ./seal test -pl cli -Dtest=KnowledgeRunGoldenTest}.
 */
class KnowledgeRunGoldenTest {
    private static final Path GOLDEN = Path.of("src", "test", "resources", "knowledge-golden");
    private static final Path MODEL = Path.of("..", "models", "tiny-world").toAbsolutePath().normalize();
    private static final int RECORDED_FLOATS_PER_VECTOR = 16;
    private static final boolean WRITE = "1".equals(System.getenv("SEAL4J_WRITE_GOLDEN"));
    /** The files compared; evaluations.jsonl without its timings. */
    private static final List<String> BYTE_EXACT = List.of("selfedits.jsonl", "sft_round_1.jsonl", "sft_round_2.jsonl",
            "results.json", "results.md");
    private static final List<String> AS_JSON_LINES = List.of("evaluations.jsonl");

    @TempDir
    static Path tmp;

    @BeforeAll
    static void recordedHere() {
        Assumptions.assumeTrue(Simd.F.length() == RECORDED_FLOATS_PER_VECTOR,
                "the golden run was recorded with " + RECORDED_FLOATS_PER_VECTOR + " floats per vector");
        Assumptions.assumeTrue(Files.isDirectory(MODEL), "models/tiny-world is committed");
    }

    static List<String> seal(Path out) {
        return List.of("knowledge", "--model", MODEL.toString(), "--data", data("eval.json"), "--train-data", data("train.json"),
                "--replay-data", data("replay.json"), "--out", out.toString(), "--eval-passages", "2", "--rounds", "2",
                "--contexts", "2", "--samples", "2", "--repeats", "2", "--self-edit-tokens", "32", "--lora-rank", "4",
                "--lora-alpha", "8", "--targets", "q_proj,v_proj,o_proj,gate_proj,up_proj,down_proj", "--lr", "1e-3",
                "--epochs", "1", "--answer-tokens", "8", "--append-eos", "--replay", "1", "--generator-rank", "4",
                "--generator-alpha", "8", "--generator-lr", "1e-3", "--no-generator-eos", "--seed", "5", "--workers", "2");
    }

    static List<String> cpt(Path out) {
        return List.of("knowledge", "--model", MODEL.toString(), "--data", data("eval.json"), "--out", out.toString(),
                "--methods", "passage_only,teacher", "--setting", "cpt", "--cpt-passages", "2", "--lora-rank", "4",
                "--lora-alpha", "8", "--epochs", "1", "--answer-tokens", "8", "--seed", "3");
    }

    @Test
    void aSealRunLeavesTheRecordedRunDirectory() throws IOException {
        Path run = tmp.resolve("seal");
        Cli.run(seal(run).toArray(String[]::new)).ok();
        check(run, "seal");
    }

    @Test
    void aCptRunLeavesTheRecordedRunDirectory() throws IOException {
        Path run = tmp.resolve("cpt");
        Cli.run(cpt(run).toArray(String[]::new)).ok();
        check(run, "cpt");
    }

    /**
     * A run recorded before the experiment's config was typed (its config.yaml: knowledge-golden/v1-config.yaml),
     * killed in round 1 after its first training context's self-edits, resumes to the uninterrupted run's files.
     * The second context's self-edits, sampled again on resuming, come out as they did in the uninterrupted run.
     */
    @Test
    void aRunRecordedByEarlierCodeResumesWhereItStopped() throws IOException {
        Assumptions.assumeFalse(WRITE);
        Path run = tmp.resolve("v1");
        Path expected = GOLDEN.resolve("expected").resolve("seal");
        List<Path> data = List.of(Path.of(data("eval.json")), Path.of(data("train.json")), Path.of(data("replay.json")));
        RunDirectory.createAt(run, "knowledge", Map.of(), new RunInputs(MODEL, data, seal(run), Map.of("seed", 5L))).close();
        Files.writeString(run.resolve("config.yaml"), Files.readString(GOLDEN.resolve("v1-config.yaml"))
                .replace("@GOLDEN@", GOLDEN.toAbsolutePath().normalize().toString()).replace("@MODEL@", MODEL.toString()));
        Files.write(run.resolve("selfedits.jsonl"), Files.readAllLines(expected.resolve("selfedits.jsonl")).subList(0, 4));
        Files.write(run.resolve("evaluations.jsonl"), Files.readAllLines(expected.resolve("evaluations.jsonl")).subList(0, 8));
        Cli.run("runs", "resume", run.toString(), "--workers", "2").ok();
        for (String f : BYTE_EXACT) {
            assertEquals(Files.readString(expected.resolve(f)), Files.readString(run.resolve(f)), "resumed: " + f);
        }
        assertEquals(jsonLines(expected.resolve("evaluations.jsonl")), jsonLines(run.resolve("evaluations.jsonl")), "resumed: evaluations");
        assertEquals(Files.readString(expected.resolve("generators.sha256")), generatorHashes(run), "resumed: generator weights");
    }

    private static void check(Path run, String name) throws IOException {
        Path expected = GOLDEN.resolve("expected").resolve(name);
        if (WRITE) {
            write(run, expected);
            return;
        }
        for (String f : BYTE_EXACT) {
            if (Files.exists(expected.resolve(f)) || Files.exists(run.resolve(f))) {
                assertEquals(Files.readString(expected.resolve(f)), Files.readString(run.resolve(f)), name + ": " + f);
            }
        }
        for (String f : AS_JSON_LINES) {
            if (Files.exists(expected.resolve(f)) || Files.exists(run.resolve(f))) {
                assertEquals(jsonLines(expected.resolve(f)), jsonLines(run.resolve(f)), name + ": " + f);
            }
        }
        assertEquals(Files.readString(expected.resolve("generators.sha256")), generatorHashes(run), name + ": generator weights");
        assertEquals(Files.readString(expected.resolve("config.yaml")), placeholders(Files.readString(run.resolve("config.yaml"))),
                name + ": config.yaml");
    }

    private static void write(Path run, Path expected) throws IOException {
        Files.createDirectories(expected);
        Files.writeString(expected.resolve("config.yaml"), placeholders(Files.readString(run.resolve("config.yaml"))));
        for (String f : BYTE_EXACT) {
            if (Files.exists(run.resolve(f))) {
                Files.copy(run.resolve(f), expected.resolve(f), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        for (String f : AS_JSON_LINES) {
            if (Files.exists(run.resolve(f))) {
                StringBuilder lines = new StringBuilder();
                for (JsonNode node : jsonLines(run.resolve(f))) {
                    lines.append(TestFiles.JSON.writeValueAsString(node)).append('\n');
                }
                Files.writeString(expected.resolve(f), lines);
            }
        }
        Files.writeString(expected.resolve("generators.sha256"), generatorHashes(run));
    }

    /** The records of a JSONL file, without the {@code seconds} a candidate took. */
    static List<JsonNode> jsonLines(Path file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            JsonNode node = TestFiles.JSON.readTree(line);
            ((ObjectNode) node).remove("seconds");
            out.add(node);
        }
        return out;
    }

    /** "round-1/model.safetensors SHA-256" per generator file, sorted. */
    private static String generatorHashes(Path run) throws IOException {
        Path generators = run.resolve("generators");
        if (!Files.isDirectory(generators)) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        try (Stream<Path> files = Files.walk(generators)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                out.append(generators.relativize(f)).append(' ').append(sha256(f)).append('\n');
            }
        }
        return out.toString();
    }

    private static String sha256(Path f) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** config.yaml with this machine's paths replaced by placeholders. */
    static String placeholders(String config) {
        return config.replace(GOLDEN.toAbsolutePath().normalize().toString(), "@GOLDEN@").replace(MODEL.toString(), "@MODEL@");
    }

    static String data(String file) {
        return GOLDEN.resolve(file).toAbsolutePath().normalize().toString();
    }
}
