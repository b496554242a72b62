package dev.seal4j.seal.continual;

import dev.seal4j.engine.BadInputException;
import dev.seal4j.seal.eval.ExactMatchGrader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WatchedDirectoryTest {

    @Test
    void inputFilesReadTextJsonAndJsonLines(@TempDir Path tmp) throws Exception {
        Path txt = Files.writeString(tmp.resolve("Ada Quist.md"), "Ada Quist was born in Velora.");
        LearningInput.Document d = assertInstanceOf(LearningInput.Document.class, InputFiles.read(txt).getFirst());
        assertEquals("Ada Quist", d.title());
        Path jsonl = Files.writeString(tmp.resolve("in.jsonl"), "{\"text\": \"x\", \"questions\": [{\"question\": \"q\", \"answer\": \"a\"}]}\n"
                + "{\"question\": \"Who?\", \"correction\": \"Ada\"}\n");
        List<LearningInput> both = InputFiles.read(jsonl);
        assertEquals("document", both.get(0).kind());
        assertEquals(List.of(new Probe("Document", "q", "a")), both.get(0).labelledProbes());
        assertEquals(List.of(new Probe("Feedback", "Who?", "Ada")), both.get(1).labelledProbes());
        Path bad = Files.writeString(tmp.resolve("bad.json"), "{\"title\": \"no text\"}");
        BadInputException e = assertThrows(BadInputException.class, () -> InputFiles.read(bad));
        assertTrue(e.getMessage().startsWith(bad + ": ") && e.getMessage().contains("'text'"), e.getMessage());
    }

    @Test
    void filesAreQueuedOnceMovedAsideAndBadOnesRejectedWithAReason(@TempDir Path tmp) throws Exception {
        try (TinyModel tiny = TinyModel.create(tmp.resolve("m"));
             ContinualLearner learner = ContinualLearner.open(new LearnerSetup(StateDir.create(tmp.resolve("state")),
                     tiny.model, BaseModelFiles.describe(tiny.dir), tiny.tokenizer, ContinualLearnerTest.LEARNER,
                     GateConfig.none(), List.of(), new ExactMatchGrader(), 10, new TestClock()))) {
            Path inbox = Files.createDirectories(tmp.resolve("inbox"));
            Files.writeString(inbox.resolve("a.txt"), "Bo Pell works at Quint Labs.");
            Files.writeString(inbox.resolve("b.jsonl"), "{\"text\": \"one\"}\n{\"text\": \"two\"}\n");
            Files.writeString(inbox.resolve("c.json"), "not json");
            WatchedDirectory watched = new WatchedDirectory(inbox, learner);
            assertEquals(3, watched.scan());
            assertEquals(3, learner.queue().pendingCount());
            assertTrue(Files.exists(inbox.resolve(".seal-ingested/a.txt")));
            assertTrue(Files.exists(inbox.resolve(".seal-rejected/c.json")));
            assertEquals(0, watched.scan());
            // a crash between queueing and moving: the same file shows up again and is not queued twice
            Files.copy(inbox.resolve(".seal-ingested/a.txt"), inbox.resolve("a.txt"), StandardCopyOption.COPY_ATTRIBUTES);
            assertEquals(0, watched.scan());
            assertEquals(3, learner.queue().pendingCount());
            List<String> types = learner.ledger().entries(0, 100).stream().map(LedgerEntry::type).toList();
            assertEquals(3, types.stream().filter("input-received"::equals).count());
            assertTrue(types.contains("input-failed"));
        }
    }
}
