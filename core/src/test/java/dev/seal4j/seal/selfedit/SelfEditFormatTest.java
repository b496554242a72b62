package dev.seal4j.seal.selfedit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seal4j.engine.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class SelfEditFormatTest {
    private static final String TITLE = "Genghis Khan";
    private static final String CONTEXT = "The Shah's army was split by diverse internecine feuds.";

    private static List<String> texts(SelfEditFormat format, String completion) {
        ParsedSelfEdit parsed = format.parse(TITLE, CONTEXT, completion);
        assertEquals(TITLE + "\n" + CONTEXT, parsed.passageSequence());
        List<String> out = new ArrayList<>();
        for (String sequence : parsed.selfEditSequences()) {
            assertTrue(sequence.startsWith(TITLE + "\n"), sequence);
            out.add(sequence.substring(TITLE.length() + 1));
        }
        return out;
    }

    @Test
    void implicationsPromptIsThePapersText() {
        assertEquals("Let's read the following passage and produce a list of implications derived directly or "
                        + "indirectly from the content.\n\nPassage:\nT\nC\n\nImplications:\n",
                SelfEditFormat.IMPLICATIONS.prompt("T", "C"));
    }

    @Test
    void promptFillsPlaceholdersInOnePass() {
        // A title that itself contains "{context}" must not be expanded again.
        String prompt = SelfEditFormat.REWRITE.prompt("A {context} title", "body");
        assertTrue(prompt.contains("Passage:\nA {context} title\nbody\n\nRewritten passages:\n"), prompt);
    }

    @Test
    void numberedListGivesOneSequencePerLine() {
        String completion = "1. The Shah's army was divided.\n2. The Mongols won quickly.\n\n3. The Shah fled.";
        assertEquals(List.of("1. The Shah's army was divided.", "2. The Mongols won quickly.", "3. The Shah fled."),
                texts(SelfEditFormat.IMPLICATIONS, completion));
    }

    @Test
    void leadingFillerLineBeforeNumberedListIsDropped() {
        String completion = "Sure, here is a list of implications:\n1. First point.\n2. Second point.";
        assertEquals(List.of("1. First point.", "2. Second point."), texts(SelfEditFormat.IMPLICATIONS, completion));
        // GPT-4.1 style heading, a blank line, and a truncated trailing "12."
        String heading = "**Implications:**\n\n1. Alpha.\n2. Beta.\n12.";
        assertEquals(List.of("1. Alpha.", "2. Beta."), texts(SelfEditFormat.IMPLICATIONS, heading));
    }

    @Test
    void contentFirstLineBeforeBulletsIsKept() {
        String completion = "The region is economically significant due to its busy ports.\n"
                + "- It supports a robust export-import trade.\n- It provides jobs.";
        assertEquals(List.of("The region is economically significant due to its busy ports.",
                "- It supports a robust export-import trade.", "- It provides jobs."),
                texts(SelfEditFormat.IMPLICATIONS, completion));
    }

    @Test
    void tripleDashSplitsSegmentsInWholeMode() {
        SelfEditFormat whole = new SelfEditFormat("whole", SelfEditFormat.IMPLICATIONS.template(), ParseMode.WHOLE);
        assertEquals(List.of("First part,\nstill first.", "Second part."),
                texts(whole, "First part,\nstill first.\n---\nSecond part.\n---\n"));
        assertEquals(List.of("First part,", "still first.", "Second part."),
                texts(SelfEditFormat.IMPLICATIONS, "First part,\nstill first.\n---\nSecond part."));
    }

    @Test
    void selfQaKeepsQuestionAnswerPairsAndRestoresTheLeadFromThePrompt() {
        String completion = "What happened to the Shah's army?\nAnswer 1: It was fragmented.\n\n"
                + "Question 2:  What did the Shah do?\nAnswer 2: He fled.\n";
        assertEquals(List.of("Question 1: What happened to the Shah's army?\nAnswer 1: It was fragmented.",
                        "Question 2:  What did the Shah do?\nAnswer 2: He fled."),
                texts(SelfEditFormat.SELF_QA, completion));
    }

    @Test
    void questionAnswerTextUnderTheImplicationsPromptIsStillKeptInPairs() {
        String completion = "Here are some questions:\nQuestion 1: Who fled?\nAnswer 1: The Shah\nQuestion 2: Where?\nAnswer: An island";
        assertEquals(List.of("Question 1: Who fled?\nAnswer 1: The Shah", "Question 2: Where?\nAnswer: An island"),
                texts(SelfEditFormat.IMPLICATIONS, completion));
    }

    @Test
    void rewriteGivesOneSequencePerRewrittenParagraph() {
        String completion = "1. The Shah's army was divided by feuds.\n\n2. Feuds divided the army of the Shah.";
        assertEquals(2, texts(SelfEditFormat.REWRITE, completion).size());
    }

    @Test
    void completionWithNothingUsableYieldsOnlyThePassageAndAFlag() {
        for (SelfEditFormat format : SelfEditFormat.builtIns()) {
            for (String empty : List.of("", "  \n\n", "---\n---", "1.\n2.", "\n-\n")) {
                ParsedSelfEdit parsed = format.parse(TITLE, CONTEXT, empty);
                assertTrue(parsed.parsedNothing(), format.name() + " " + empty);
                assertEquals(List.of(TITLE + "\n" + CONTEXT), parsed.sequences());
            }
        }
        assertFalse(SelfEditFormat.IMPLICATIONS.parse(TITLE, CONTEXT, "1. Something.").parsedNothing());
    }

    @Test
    void namedAndFlagLookupsRejectUnknownNames() {
        assertEquals(SelfEditFormat.SELF_QA, SelfEditFormat.named("self-qa"));
        assertEquals(ParseMode.QA_PAIRS, ParseMode.fromFlag("qa-pairs"));
        BadInputException e = assertThrows(BadInputException.class, () -> SelfEditFormat.named("summary"));
        assertTrue(e.getMessage().contains("'summary'") && e.getMessage().contains("implications-long"), e.getMessage());
        assertThrows(BadInputException.class, () -> ParseMode.fromFlag("paragraphs"));
    }

    @Test
    void userTemplateFileIsFilledAndParsedWithItsMode(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("summary.txt");
        Files.writeString(file, "Summarise {title}.\n{context}\nSummary:\n- ");
        SelfEditFormat format = SelfEditFormat.fromTemplateFile(file, ParseMode.LINES);
        assertEquals("Summarise T.\nC\nSummary:\n- ", format.prompt("T", "C"));
        assertEquals(List.of("- first fact", "- second fact"), texts(format, "first fact\n- second fact"));

        Path bad = dir.resolve("bad.txt");
        Files.writeString(bad, "Summarise {title}.\nSummary:\n");
        BadInputException e = assertThrows(BadInputException.class, () -> SelfEditFormat.fromTemplateFile(bad, ParseMode.LINES));
        assertTrue(e.getMessage().startsWith(bad.toString()) && e.getMessage().contains("{context}"), e.getMessage());
        assertThrows(BadInputException.class, () -> SelfEditFormat.fromTemplateFile(dir.resolve("missing.txt"), ParseMode.LINES));
    }

    /** The paper's 200 evaluation passages with 5 base-model self-edits each (read in place, skipped if absent). */
    @Test
    void papersBaseModelSelfEditsParse() throws IOException {
        Path file = Path.of(System.getProperty("seal4j.shared", "../shared")).resolve("data/seal-reference/base_val.json");
        assumeTrue(Files.isRegularFile(file), "shared base_val.json not present");
        JsonNode passages = new ObjectMapper().readTree(file.toFile());
        assertEquals(200, passages.size());
        for (JsonNode passage : passages) {
            String title = passage.get("title").asText();
            String context = passage.get("context").asText();
            assertEquals(passage.get("prompt").asText(), SelfEditFormat.IMPLICATIONS.prompt(title, context), title);
            for (JsonNode completion : passage.get("completions")) {
                ParsedSelfEdit parsed = SelfEditFormat.IMPLICATIONS.parse(title, context, completion.asText());
                assertFalse(parsed.parsedNothing(), title);
                List<String> lines = completion.asText().lines().map(String::strip)
                        .filter(l -> !l.matches("(\\d+[.)]|[-*•])?")).toList(); // bare list markers carry nothing
                List<String> texts = parsed.selfEditSequences().stream()
                        .flatMap(s -> s.substring(title.length() + 1).lines()).toList();
                // The sequences hold the completion's lines, in order, with at most the first line dropped
                // (question–answer completions come as pairs of lines, the rest one line each).
                assertEquals(lines.subList(lines.size() - texts.size(), lines.size()), texts, title);
                assertTrue(lines.size() - texts.size() <= 1, title);
            }
        }
        // Counted by hand from the file: Genghis Khan's first completion has 5 implications, "Sources:" and 4
        // sources; its fifth completion is 5 bullets.
        JsonNode first = passages.get(0);
        assertEquals("Genghis Khan", first.get("title").asText());
        assertEquals(10, SelfEditFormat.IMPLICATIONS.parse("Genghis Khan", first.get("context").asText(),
                first.get("completions").get(0).asText()).selfEditSequences().size());
        assertEquals(5, SelfEditFormat.IMPLICATIONS.parse("Genghis Khan", first.get("context").asText(),
                first.get("completions").get(4).asText()).selfEditSequences().size());
    }
}
