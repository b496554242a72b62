package dev.seal4j.seal.knowledge;

import dev.seal4j.engine.BadInputException;
import dev.seal4j.seal.selfedit.SelfEditFormat;
import dev.seal4j.seal.world.Distractor;
import dev.seal4j.seal.world.ExportedPassage;
import dev.seal4j.seal.world.ExportedQuestion;
import dev.seal4j.seal.world.WorldExport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class KnowledgeDataTest {
    private static final Path SHARED = Path.of(System.getProperty("seal4j.shared", "../shared"));

    @Test
    void readsWhatWorldExportWrites(@TempDir Path dir) throws IOException {
        ExportedPassage written = new ExportedPassage("Ada Brook", "Ada Brook was born in Corvale.",
                List.of(new ExportedQuestion("Where was Ada Brook born?", "Corvale", "direct", "birth_city",
                                new Distractor("Ben Hale", "Where was Ben Hale born?", "Dunmere")),
                        new ExportedQuestion("In which country was Ada Brook born?", "Estland", "two_hop", "birth_country", null)),
                "1. Ada Brook was born in Corvale.\n2. Ada Brook was born in Estland.");
        Path file = dir.resolve("world.json");
        WorldExport.write(List.of(written), file);

        KnowledgePassage read = KnowledgeData.read(file).getFirst();
        assertEquals("Ada Brook", read.title());
        assertEquals("Ada Brook was born in Corvale.", read.context());
        assertEquals(new KnowledgeQuestion("Where was Ada Brook born?", "Corvale", "direct", "birth_city",
                new KnowledgeQuestion.Distractor("Ben Hale", "Where was Ben Hale born?", "Dunmere")), read.questions().get(0));
        assertEquals(new KnowledgeQuestion("In which country was Ada Brook born?", "Estland", "two_hop", "birth_country", null),
                read.questions().get(1));
        assertEquals(List.of(written.teacherImplications()), read.teacherImplications());
        assertEquals(List.of(), read.completions());
        assertNull(read.prompt());
    }

    @Test
    void readsTheRegroupedSquadInPlace() {
        Path file = SHARED.resolve("data/squad/squad_val.json");
        assumeTrue(Files.exists(file), "shared squad_val.json absent");
        List<KnowledgePassage> passages = KnowledgeData.read(file);
        assertEquals(2067, passages.size());
        assertEquals(10570, passages.stream().mapToInt(p -> p.questions().size()).sum());
        KnowledgeQuestion first = passages.getFirst().questions().getFirst();
        assertEquals("Which NFL team represented the AFC at Super Bowl 50?", first.question());
        assertEquals("Denver Broncos", first.answer());
        assertNull(first.kind());
        assertNull(first.distractor());
        assertTrue(passages.stream().allMatch(p -> p.teacherImplications().isEmpty() && p.completions().isEmpty()));
    }

    @Test
    void readsTheSealPapersBaseSelfEditsInPlace() {
        Path file = SHARED.resolve("data/seal-reference/base_val.json");
        assumeTrue(Files.exists(file), "shared base_val.json absent");
        List<KnowledgePassage> passages = KnowledgeData.read(file);
        assertEquals(200, passages.size());
        assertEquals(974, passages.stream().mapToInt(p -> p.questions().size()).sum());
        assertEquals("Genghis Khan", passages.getFirst().title());
        assertEquals("fragmentation", passages.getFirst().questions().getFirst().answer());
        for (KnowledgePassage p : passages) {
            assertEquals(5, p.completions().size(), p.title());
            // the paper generated them with its implications prompt, which our built-in format reproduces
            assertEquals(SelfEditFormat.IMPLICATIONS.prompt(p.title(), p.context()), p.prompt(), p.title());
        }
    }

    @Test
    void readsOfficialSquadLayout(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("dev-v1.1.json");
        Files.writeString(file, """
                {"version": "1.1", "data": [{"title": "Oxygen", "paragraphs": [
                  {"context": "Oxygen is a chemical element with symbol O.", "qas": [
                    {"id": "q1", "question": "What is the symbol of oxygen?",
                     "answers": [{"answer_start": 39, "text": "O"}, {"answer_start": 39, "text": "O."}]}]},
                  {"context": "It was discovered in 1774.", "qas": []}]}]}
                """);
        List<KnowledgePassage> passages = KnowledgeData.read(file);
        assertEquals(List.of(
                new KnowledgePassage("Oxygen", "Oxygen is a chemical element with symbol O.",
                        List.of(new KnowledgeQuestion("What is the symbol of oxygen?", "O"))),
                new KnowledgePassage("Oxygen", "It was discovered in 1774.", List.of())), passages);
    }

    @Test
    void selfEditsMayBeOneStringOrAList(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("d.json");
        Files.writeString(file, """
                [{"title": "T", "context": "C", "questions": [], "completions": "one", "teacher_implications": ["a", "b"],
                  "prompt": "P", "extra": {"ignored": true}}]
                """);
        KnowledgePassage p = KnowledgeData.read(file).getFirst();
        assertEquals(List.of("one"), p.completions());
        assertEquals(List.of("a", "b"), p.teacherImplications());
        assertEquals("P", p.prompt());
    }

    @Test
    void malformedFieldsAreNamedByTheirPath(@TempDir Path dir) throws IOException {
        String good = "{\"title\": \"T\", \"context\": \"C\", \"questions\": [{\"question\": \"Q\", \"answer\": \"A\"}]}";
        assertMalformed(dir, "[" + good + ", {\"title\": \"T\", \"context\": \"C\", \"questions\": [{\"question\": \"Q\", \"answer\": 3}]}]",
                "[1].questions[0].answer: expected a string, found the number 3");
        assertMalformed(dir, "[{\"title\": \"T\", \"questions\": []}]", "[0].context: expected a string, but it is missing");
        assertMalformed(dir, "[{\"title\": \"T\", \"context\": \"  \", \"questions\": []}]", "[0].context: expected a non-empty string, found a string");
        assertMalformed(dir, "[{\"title\": \"T\", \"context\": \"C\", \"questions\": {}}]", "[0].questions: expected a list, found an object");
        assertMalformed(dir, "[{\"title\": \"T\", \"context\": \"C\", \"questions\": [{\"question\": \"Q\", \"answer\": \"A\","
                + " \"distractor\": {\"title\": \"U\", \"question\": \"Q2\"}}]}]", "[0].questions[0].distractor.answer: expected a string, but it is missing");
        assertMalformed(dir, "[{\"title\": \"T\", \"context\": \"C\", \"questions\": [], \"completions\": [\"x\", null]}]",
                "[0].completions[1]: expected a string, found null");
        assertMalformed(dir, "[{\"title\": null, \"context\": \"C\", \"questions\": []}]", "[0].title: expected a string, found null");
        assertMalformed(dir, "[\"T\"]", "[0]: expected an object, found a string");
        assertMalformed(dir, "{\"title\": \"T\"}", "top level: expected a list of passages");
        assertMalformed(dir, "[]", "holds no passages");
        assertMalformed(dir, "[" + good + ",\n {\"title\": \"T\",, }]", "invalid JSON: Unexpected character (',' (code 44)): was expecting double-quote to start field name at line 2, column 16");
        assertMalformed(dir, "[{\"title\": \"T\", \"title\": \"U\", \"context\": \"C\", \"questions\": []}]", "Duplicate field 'title'");
        assertMalformed(dir, "{\"data\": [{\"title\": \"T\", \"paragraphs\": [{\"context\": \"C\", \"qas\": [{\"question\": \"Q\", \"answers\": []}]}]}]}",
                "data[0].paragraphs[0].qas[0].answers: expected at least one answer, found an empty list");
        assertThrows(BadInputException.class, () -> KnowledgeData.read(dir.resolve("absent.json")));
    }

    @Test
    void passagesThatAreScoredNeedQuestions(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("data.json");
        Files.writeString(file, "[{\"title\": \"T\", \"context\": \"C\", \"questions\": [{\"question\": \"Q\", \"answer\": \"A\"}]},"
                + " {\"title\": \"U\", \"context\": \"C\", \"questions\": []}]");
        assertEquals(2, KnowledgeData.read(file).size(), "a replayed text needs no questions");
        BadInputException e = assertThrows(BadInputException.class, () -> KnowledgeData.readScored(file));
        assertEquals(file + ": passage 1 ('U') has no questions; every passage a method is scored on needs at least one",
                e.getMessage());
    }

    private static void assertMalformed(Path dir, String json, String expected) throws IOException {
        Path file = dir.resolve("data.json");
        Files.writeString(file, json);
        BadInputException e = assertThrows(BadInputException.class, () -> KnowledgeData.read(file));
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), () -> "expected '" + expected + "' in: " + e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }
}
