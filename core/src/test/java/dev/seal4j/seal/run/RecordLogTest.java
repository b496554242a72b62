package dev.seal4j.seal.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seal4j.engine.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordLogTest {

    record SelfEdit(String candidateId, String completion, double reward) {
    }

    @Test
    void appendsOneLinePerRecordAndRemembersKeys(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("selfedits.jsonl");
        try (RecordLog log = RecordLog.open(file, "candidate_id")) {
            log.append(new SelfEdit("p0/k0", "1. a\n2. b", 0.25));
            log.append(new SelfEdit("p0/k1", "line with \"quotes\"", -0.5));
            assertTrue(log.isDone("p0/k0"));
            assertFalse(log.isDone("p1/k0"));
        }
        List<String> lines = Files.readAllLines(file);
        assertEquals(2, lines.size());
        assertEquals("{\"candidate_id\":\"p0/k0\",\"completion\":\"1. a\\n2. b\",\"reward\":0.25}", lines.getFirst());
        try (RecordLog reopened = RecordLog.open(file, "candidate_id")) {
            assertEquals(Set.of("p0/k0", "p0/k1"), reopened.doneKeys());
        }
        assertEquals(List.of(new SelfEdit("p0/k0", "1. a\n2. b", 0.25), new SelfEdit("p0/k1", "line with \"quotes\"", -0.5)),
                RecordLog.read(file, SelfEdit.class));
    }

    @Test
    void aTornLastLineIsIgnoredAndCutBeforeAppending(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("log.jsonl");
        try (RecordLog log = RecordLog.open(file, "candidate_id")) {
            log.append(new SelfEdit("a", "x", 1));
        }
        // a process killed in the middle of a write: part of a record, no newline (cut inside a UTF-8 character)
        byte[] torn = "{\"candidate_id\":\"b\",\"completion\":\"é".getBytes(StandardCharsets.UTF_8);
        Files.write(file, java.util.Arrays.copyOf(torn, torn.length - 1), StandardOpenOption.APPEND);

        assertEquals(1, RecordLog.read(file).size());
        try (RecordLog log = RecordLog.open(file, "candidate_id")) {
            assertEquals(Set.of("a"), log.doneKeys());
            log.append(new SelfEdit("b", "y", 0));
        }
        List<JsonNode> records = RecordLog.read(file);
        assertEquals(List.of("a", "b"), records.stream().map(r -> r.get("candidate_id").asText()).toList());
        assertEquals(2, Files.readAllLines(file).size());

        // a complete record whose newline never made it is not committed either
        Files.writeString(file, "{\"candidate_id\":\"c\"}", StandardOpenOption.APPEND);
        try (RecordLog log = RecordLog.open(file, "candidate_id")) {
            assertFalse(log.isDone("c"));
        }
    }

    @Test
    void damageBeforeTheLastLineIsAnError(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("log.jsonl");
        Files.writeString(file, "{\"candidate_id\":\"a\"}\n{\"candidate_id\":\n{\"candidate_id\":\"c\"}\n");
        BadInputException e = assertThrows(BadInputException.class, () -> RecordLog.read(file));
        assertTrue(e.getMessage().startsWith(file + ": line 2: not a JSON record"), e.getMessage());

        Files.writeString(file, "{\"candidate_id\":\"a\"}\n\n{\"other\":1}\n");
        BadInputException noKey = assertThrows(BadInputException.class, () -> RecordLog.open(file, "candidate_id"));
        assertTrue(noKey.getMessage().contains("line 3: the record has no 'candidate_id'"), noKey.getMessage());
    }

    @Test
    void recordsNeedTheirKey(@TempDir Path dir) {
        try (RecordLog log = RecordLog.open(dir.resolve("log.jsonl"), "id")) {
            assertThrows(IllegalArgumentException.class, () -> log.append(new SelfEdit("a", "x", 1)));
        }
    }

    @Test
    void concurrentAppendsStayWholeLines(@TempDir Path dir) {
        Path file = dir.resolve("log.jsonl");
        try (RecordLog log = RecordLog.open(file, "candidate_id")) {
            IntStream.range(0, 200).parallel().forEach(i -> log.append(new SelfEdit("k" + i, "x".repeat(i), i)));
        }
        List<SelfEdit> read = RecordLog.read(file, SelfEdit.class);
        assertEquals(200, read.size());
        List<String> keys = new ArrayList<>(read.stream().map(SelfEdit::candidateId).toList());
        keys.sort(null);
        assertEquals(IntStream.range(0, 200).mapToObj(i -> "k" + i).sorted().toList(), keys);
    }
}
