package dev.seal4j.seal.knowledge;

import dev.seal4j.engine.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class TeacherDataTest {
    private static final Path SHARED = Path.of(System.getProperty("seal4j.shared", "../shared"));

    private static final KnowledgePassage FIRST = new KnowledgePassage("Oxygen", "Oxygen is element 8.", List.of());
    private static final KnowledgePassage SECOND = new KnowledgePassage("Oxygen", "It was found in 1774.", List.of());
    private static final KnowledgePassage OTHER = new KnowledgePassage("Iron", "Iron is element 26.", List.of());

    @Test
    void listEntriesMatchByContextEvenWhenTitlesRepeat(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("gpt.json");
        Files.writeString(file, """
                [{"title": "Oxygen", "context": "It  was found in 1774.\\n", "completions": ["s1", "s2"], "questions": []},
                 {"title": "Oxygen", "context": "Oxygen is element 8.", "implications": "f1"},
                 {"title": "Iron", "teacher_implications": ["i1"]}]
                """);
        TeacherData teacher = TeacherData.read(file);
        assertEquals(Optional.of(List.of("f1")), teacher.lookup(FIRST));
        assertEquals(Optional.of(List.of("s1", "s2")), teacher.lookup(SECOND), "white space does not matter");
        assertEquals(Optional.of(List.of("i1")), teacher.lookup(OTHER), "no context: by title");
        assertEquals(Optional.empty(), teacher.lookup(new KnowledgePassage("Gold", "Gold is element 79.", List.of())));
        List<KnowledgePassage> attached = teacher.attach(List.of(FIRST, SECOND, OTHER));
        assertEquals(List.of("f1"), attached.get(0).teacherImplications());
        assertEquals(List.of("s1", "s2"), attached.get(1).teacherImplications());
        assertEquals(FIRST.context(), attached.get(0).context());
    }

    @Test
    void mapFromTitleToSelfEdits(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("map.json");
        Files.writeString(file, "{\"Iron\": [\"a\", \"b\"], \"Oxygen\": \"c\"}");
        TeacherData teacher = TeacherData.read(file);
        assertEquals(Optional.of(List.of("a", "b")), teacher.lookup(OTHER));
        assertEquals(Optional.of(List.of("c")), teacher.lookup(SECOND));
    }

    @Test
    void refusesAmbiguousMissingAndMalformedData(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("t.json");
        Files.writeString(file, "[{\"title\": \"Oxygen\", \"completions\": \"a\"}, {\"title\": \"Oxygen\", \"completions\": \"b\"}]");
        BadInputException ambiguous = assertThrows(BadInputException.class, () -> TeacherData.read(file).lookup(FIRST));
        assertTrue(ambiguous.getMessage().contains("'Oxygen' has 2 entries"), ambiguous.getMessage());

        Files.writeString(file, "[{\"title\": \"Iron\", \"completions\": \"a\"}]");
        BadInputException missing = assertThrows(BadInputException.class, () -> TeacherData.read(file).attach(List.of(OTHER, FIRST)));
        assertTrue(missing.getMessage().contains("no synthetic data for the passage 'Oxygen' that starts \"Oxygen is element 8.\""),
                missing.getMessage());

        Files.writeString(file, "[{\"title\": \"Iron\", \"context\": \"C\"}]");
        BadInputException noSelfEdits = assertThrows(BadInputException.class, () -> TeacherData.read(file));
        assertTrue(noSelfEdits.getMessage().contains("[0].completions: expected one of completions, implications, teacher_implications"),
                noSelfEdits.getMessage());

        Files.writeString(file, "[{\"title\": \"Iron\", \"context\": \"C\", \"completions\": [1]}]");
        BadInputException notText = assertThrows(BadInputException.class, () -> TeacherData.read(file));
        assertTrue(notText.getMessage().contains("[0].completions[0]: expected a string, found the number 1"), notText.getMessage());

        Files.writeString(file, "[{\"title\": \"A\", \"context\": \"C\", \"completions\": \"x\"}, {\"title\": \"B\", \"context\": \"C \", \"completions\": \"y\"}]");
        BadInputException duplicate = assertThrows(BadInputException.class, () -> TeacherData.read(file));
        assertTrue(duplicate.getMessage().contains("[1].context: the same context appears in an earlier entry"), duplicate.getMessage());
    }

    /** The SEAL repo's gpt4_1_val.json has base_val.json's layout; base_val.json stands in for it here. */
    @Test
    void attachesTheSealRepoLayoutInPlace() {
        Path file = SHARED.resolve("data/seal-reference/base_val.json");
        assumeTrue(Files.exists(file), "shared base_val.json absent");
        List<KnowledgePassage> passages = KnowledgeData.read(file);
        List<KnowledgePassage> questionsOnly = passages.stream()
                .map(p -> new KnowledgePassage(p.title(), p.context(), p.questions())).toList();
        List<KnowledgePassage> attached = TeacherData.read(file).attach(questionsOnly);
        for (int i = 0; i < passages.size(); i++) {
            assertEquals(passages.get(i).completions(), attached.get(i).teacherImplications(), passages.get(i).title());
        }
    }
}
