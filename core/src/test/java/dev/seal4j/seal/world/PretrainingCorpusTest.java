package dev.seal4j.seal.world;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PretrainingCorpusTest {
    private static final PretrainingCorpus CORPUS = Fixtures.CORPUS;
    private static final int PER_STAGE = 2_000;
    private static final Map<String, List<Document>> DOCUMENTS = new java.util.HashMap<>();

    private static synchronized List<Document> documents(CurriculumStage stage) {
        return DOCUMENTS.computeIfAbsent(stage.name(), name -> CORPUS.documents(stage, 0, PER_STAGE));
    }

    private static List<Document> allDocuments() {
        List<Document> all = new ArrayList<>();
        CurriculumStage.defaults().forEach(stage -> all.addAll(documents(stage)));
        return all;
    }

    @Test
    void documentsAreDeterministicAndResumeAtAnyPosition() {
        PretrainingCorpus again = PretrainingCorpus.of(Fixtures.CONFIG);
        for (CurriculumStage stage : CurriculumStage.defaults()) {
            List<Document> first = documents(stage);
            assertEquals(first.subList(0, 300), again.documents(stage, 0, 300));
            assertEquals(first.subList(1_234, 1_300), again.documents(stage, 1_234, 66), "resuming at document 1234");
            assertEquals(first.get(777), CORPUS.document(stage, 777));
        }
        WorldConfig otherCorpusSeed = new WorldConfig(Fixtures.CONFIG.worldSeed(), Fixtures.CONFIG.peopleSeed(), 0,
                99, WorldShape.DEFAULT, PopulationSizes.DEFAULT);
        CurriculumStage storage = CurriculumStage.named("storage");
        assertNotEquals(documents(storage).subList(0, 50), PretrainingCorpus.of(otherCorpusSeed).documents(storage, 0, 50));
    }

    @Test
    void everyDocumentEndsWithExactlyOneEndMarker() {
        for (Document document : allDocuments()) {
            String text = document.text();
            assertTrue(text.endsWith(TextFormat.EOS), document.kind().toString());
            assertEquals(text.length() - TextFormat.EOS.length(), text.indexOf(TextFormat.EOS), text);
            assertTrue(text.length() > TextFormat.EOS.length() + 15, text);
        }
    }

    @Test
    void stagesMixKindsByTheirWeights() {
        for (CurriculumStage stage : CurriculumStage.defaults()) {
            Map<DocumentKind, Integer> counts = new EnumMap<>(DocumentKind.class);
            documents(stage).forEach(d -> counts.merge(d.kind(), 1, Integer::sum));
            double total = stage.weights().values().stream().mapToDouble(Double::doubleValue).sum();
            for (DocumentKind kind : DocumentKind.values()) {
                double expected = stage.weights().getOrDefault(kind, 0.0) / total * PER_STAGE;
                int actual = counts.getOrDefault(kind, 0);
                // rounded once per block of 200: off by at most one document per block
                assertTrue(Math.abs(actual - expected) <= PER_STAGE / 200.0, stage.name() + " " + kind + ": " + actual + " vs " + expected);
            }
        }
    }

    @Test
    void heldOutQuestionPhrasingsNeverOccur() {
        List<Pattern> heldOut = new ArrayList<>();
        for (Phrasing phrasing : QuestionBank.heldOutPhrasings()) {
            String[] parts = phrasing.template().split("\\{name}", -1);
            heldOut.add(Pattern.compile(Pattern.quote(parts[0]) + "[A-Z][a-z]+ [A-Z][a-z]+" + Pattern.quote(parts[1])));
        }
        // the patterns do find held-out questions where they are used
        Person someone = Fixtures.PEOPLE.eval().get(0);
        for (Phrasing phrasing : QuestionBank.heldOutPhrasings()) {
            String asked = phrasing.ask(someone.name());
            assertTrue(heldOut.stream().anyMatch(p -> p.matcher(asked).find()), asked);
        }
        for (Document document : allDocuments()) {
            for (Pattern pattern : heldOut) {
                assertTrue(!pattern.matcher(document.text()).find(), pattern + " in " + document.text());
            }
        }
    }

    @Test
    void sealTrainingAndEvaluationPeopleNeverAppear() {
        Set<String> unseen = new HashSet<>();
        for (Population population : List.of(Fixtures.PEOPLE.train(), Fixtures.PEOPLE.eval())) {
            for (Person p : population.people()) {
                unseen.add(p.name());
                p.associate().ifPresent(a -> unseen.add(a.name()));
            }
        }
        Pattern fullName = Pattern.compile("\\b[A-Z][a-z]+ [A-Z][a-z]+\\b");
        int names = 0;
        for (Document document : allDocuments()) {
            Matcher m = fullName.matcher(document.text());
            while (m.find()) {
                names++;
                assertTrue(!unseen.contains(m.group()), m.group() + " in " + document.text());
            }
        }
        assertTrue(names > 10_000, "checked " + names + " full names");
    }

    @Test
    void noContextQuestionsCoverOnlyQaPeopleAndBiographiesCoverEveryone() {
        Set<String> qaHeldOut = new HashSet<>();
        Fixtures.PEOPLE.qaHeldOutPeople().forEach(p -> qaHeldOut.add(p.name()));
        Set<String> biographies = new HashSet<>();
        CurriculumStage storage = CurriculumStage.named("storage");
        int biographyDocuments = 0;
        for (Document document : CORPUS.documents(storage, 0, 8_000)) {
            String first = document.text().lines().findFirst().orElseThrow();
            switch (document.kind()) {
                case PERSON_QA -> assertTrue(!qaHeldOut.contains(first.substring("Topic: ".length())), first);
                case BIOGRAPHY -> {
                    biographies.add(first);
                    biographyDocuments++;
                }
                default -> { }
            }
        }
        assertEquals(Math.min(biographyDocuments, Fixtures.PEOPLE.pretrain().size()), biographies.size(),
                "the first pass over the population shows each person once");
    }

    @Test
    void documentsUseTheFormatsOfTheLaterStages() {
        Pattern qaBlock = Pattern.compile("Topic: ([^\\n]+)\\nQuestion: [^\\n]+\\?\\nAnswer: [^\\n]+");
        for (Document document : allDocuments()) {
            String body = document.text().substring(0, document.text().length() - TextFormat.EOS.length());
            switch (document.kind()) {
                case READING_QA, READING_QA_TWO_HOP -> {
                    String[] blocks = body.split("\n\n");
                    assertTrue(!blocks[0].contains("\n") && blocks.length >= 3, body);
                    for (int i = 1; i < blocks.length; i++) {
                        assertTrue(qaBlock.matcher(blocks[i]).matches(), blocks[i]);
                    }
                }
                case PERSON_QA, WORLD_QA -> {
                    for (String block : body.split("\n\n")) {
                        assertTrue(qaBlock.matcher(block).matches(), block);
                    }
                }
                case BIOGRAPHY, WORLD_FACTS -> assertEquals(2, body.split("\n").length, body);
                case SELF_EDIT_IMPLICATIONS, SELF_EDIT_REWRITE, SELF_EDIT_SELF_QA -> {
                    assertTrue(body.startsWith("Let's read the following passage and "), body);
                    assertTrue(body.contains("\n\nPassage:\n"), body);
                }
                case COPY -> assertTrue(body.contains("\nRepeat: "), body);
                case LOOKUP -> assertTrue(body.startsWith("Notes:\n") && body.contains("\nQuery: "), body);
            }
        }
    }

    @Test
    void copyDocumentsRepeatExactly() {
        for (Document document : documents(CurriculumStage.named("copying"))) {
            String body = document.text().replace(TextFormat.EOS, "");
            if (document.kind() == DocumentKind.COPY) {
                for (String task : body.split("\n\n")) {
                    String first = task.substring(task.indexOf(": ") + 2, task.indexOf('\n'));
                    assertEquals(first, task.substring(task.lastIndexOf("\nRepeat: ") + "\nRepeat: ".length()), task);
                }
            } else {
                Map<String, String> notes = new java.util.HashMap<>();
                String[] lines = body.split("\n");
                int i = 1;
                for (; !lines[i].startsWith("Query: "); i++) {
                    String[] kv = lines[i].split(" - ");
                    notes.put(kv[0], kv[1]);
                }
                for (; i < lines.length; i += 2) {
                    assertEquals(notes.get(lines[i].substring(7)), lines[i + 1].substring(7), body);
                }
            }
        }
    }

    @Test
    void statisticsCountWhatTheDocumentsHold() {
        CurriculumStage stage = CurriculumStage.named("self-edit");
        CorpusStatistics stats = CORPUS.statistics(stage, PER_STAGE);
        long characters = documents(stage).stream().mapToLong(d -> d.text().length()).sum();
        assertEquals(characters, stats.totalCharacters());
        assertEquals(PER_STAGE, stats.documents().values().stream().mapToLong(Long::longValue).sum());
        long associates = Fixtures.PEOPLE.pretrain().people().stream().filter(p -> p.associate().isPresent()).count();
        assertEquals(3000 * 8 + 2 * associates, stats.personFacts());
        assertEquals(50 + 3 * 40 + 20, stats.worldFacts());
    }

    @Test
    void stagesRejectWeightsThatCannotMix() {
        for (Map<DocumentKind, Double> weights : List.of(Map.<DocumentKind, Double>of(),
                Map.of(DocumentKind.COPY, 0.0), Map.of(DocumentKind.COPY, -1.0, DocumentKind.LOOKUP, 2.0),
                Map.of(DocumentKind.COPY, Double.NaN))) {
            dev.seal4j.engine.BadInputException e = org.junit.jupiter.api.Assertions.assertThrows(
                    dev.seal4j.engine.BadInputException.class, () -> new CurriculumStage("mine", weights));
            assertTrue(e.getMessage().contains("'mine'"), e.getMessage());
        }
        org.junit.jupiter.api.Assertions.assertThrows(dev.seal4j.engine.BadInputException.class,
                () -> CurriculumStage.named("warmup"));
    }
}
