package dev.seal4j.seal.world;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seal4j.engine.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorldExportTest {

    @Test
    void exportRoundTripsThroughJackson(@TempDir Path dir) throws IOException {
        List<ExportedPassage> passages = WorldExport.passages(Fixtures.WORLD, Fixtures.PEOPLE.eval());
        Path file = dir.resolve("eval.json");
        WorldExport.write(passages, file);
        assertEquals(passages, WorldExport.read(file));
        try (var listing = Files.list(dir)) {
            assertEquals(List.of(file), listing.toList(), "no temporary file left behind");
        }

        JsonNode json = new ObjectMapper().readTree(file.toFile());
        assertEquals(300, json.size());
        JsonNode first = json.get(0);
        assertEquals(Set.of("title", "context", "questions", "teacher_implications"), fieldNames(first));
        assertEquals(Set.of("question", "answer", "kind", "attribute", "distractor"), fieldNames(first.get("questions").get(0)));
        assertEquals(Set.of("title", "question", "answer"), fieldNames(first.get("questions").get(0).get("distractor")));
        assertEquals(14, first.get("questions").size());
        assertEquals("direct", first.get("questions").get(0).get("kind").asText());
        assertEquals("two_hop", first.get("questions").get(13).get("kind").asText());
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void distractorsAreOtherPeopleOfTheSplitWithOtherAnswers() {
        Population train = Fixtures.PEOPLE.train();
        Set<String> names = new HashSet<>();
        train.people().forEach(p -> names.add(p.name()));
        List<ExportedPassage> passages = WorldExport.passages(Fixtures.WORLD, train);
        assertEquals(train.size(), passages.size());
        for (ExportedPassage passage : passages) {
            for (ExportedQuestion q : passage.questions()) {
                Distractor d = q.distractor();
                assertNotNull(d, q.question());
                assertTrue(names.contains(d.title()) && !d.title().equals(passage.title()), d.title());
                assertNotEquals(q.answer(), d.answer());
                assertEquals(q.question().replace(passage.title(), d.title()), d.question());
                Person other = train.people().stream().filter(p -> p.name().equals(d.title())).findFirst().orElseThrow();
                assertEquals(Attribute.valueOf(q.attribute().toUpperCase()).valueOf(other, Fixtures.WORLD), d.answer());
            }
        }
    }

    @Test
    void readingAFileThatIsNotAnExportNamesTheFile(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"title\": 3}");
        BadInputException e = assertThrows(BadInputException.class, () -> WorldExport.read(bad));
        assertTrue(e.getMessage().startsWith(bad.toString()), e.getMessage());
    }
}
