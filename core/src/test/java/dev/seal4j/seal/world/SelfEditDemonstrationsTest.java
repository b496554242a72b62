package dev.seal4j.seal.world;

import dev.seal4j.seal.selfedit.ParsedSelfEdit;
import dev.seal4j.seal.selfedit.SelfEditFormat;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SelfEditDemonstrationsTest {
    private static final World WORLD = Fixtures.WORLD;
    private static final PassageWriter WRITER = new PassageWriter(WORLD);
    private static final SelfEditDemonstrations DEMOS = new SelfEditDemonstrations(WORLD);
    private static final TeacherImplications TEACHER = new TeacherImplications(WORLD);
    private static final List<SelfEditFormat> FORMATS = List.of(SelfEditFormat.IMPLICATIONS,
            SelfEditFormat.IMPLICATIONS_LONG, SelfEditFormat.REWRITE, SelfEditFormat.SELF_QA);
    /** Capitalized words the demonstrations' own wording may start a sentence or a line with. */
    private static final Set<String> WORDING = Set.of("After", "At", "Born", "By", "In", "The", "Trained", "When",
            "Here", "Implications", "Question", "Answer", "What", "Which", "Where", "Who", "He", "She", "They",
            "His", "Her", "Their");

    /** Names, years and vocabulary values a demonstration may mention: the passage's and the implied ones. */
    private static Set<String> allowedValues(Person p, Passage passage) {
        Set<String> allowed = new HashSet<>(Fixtures.namesAndYears(passage.context()));
        for (Attribute a : Attribute.twoHop()) {
            allowed.addAll(Fixtures.words(a.valueOf(p, WORLD)));
        }
        allowed.addAll(Fixtures.words(passage.context()));
        allowed.addAll(WORDING);
        return allowed;
    }

    private static List<String> vocabularyWords() {
        List<String> words = new ArrayList<>();
        for (List<String> list : List.of(Vocabulary.FIELDS_OF_STUDY, Vocabulary.INDUSTRIES, Vocabulary.ROLES,
                Vocabulary.HOBBIES, Vocabulary.PET_KINDS)) {
            words.addAll(list);
        }
        return words;
    }

    @Test
    void demonstrationsStateOnlyTrueFactsOfTheirPassage() {
        FactChecker checker = new FactChecker(WORLD);
        List<String> vocabulary = vocabularyWords();
        int checked = 0;
        for (Person p : Fixtures.PEOPLE.train().people()) {
            Passage passage = WRITER.canonical(p);
            Set<String> allowed = allowedValues(p, passage);
            for (SelfEditFormat format : FORMATS) {
                for (int sample = 0; sample < 3; sample++) {
                    String demo = DEMOS.completion(format, p, passage, Rng.of(p.name().hashCode(), sample, format.name().hashCode()));
                    for (String value : Fixtures.namesAndYears(demo)) {
                        assertTrue(allowed.contains(value), "'" + value + "' is not in the passage or implied by it:\n"
                                + passage.context() + "\n---\n" + demo);
                    }
                    for (String word : vocabulary) {
                        if (Words.containsWord(demo, word)) {
                            assertTrue(Words.containsWord(passage.context(), word)
                                    || word.equals(Attribute.EMPLOYER_INDUSTRY.valueOf(p, WORLD)), word + " in\n" + demo);
                        }
                    }
                    FactCheck check = checker.check(p, demo);
                    assertEquals(List.of(), check.unsupported(), demo);
                    assertTrue(check.mentions() > 0);
                    checked++;
                }
            }
            assertEquals(1.0, checker.check(p, TEACHER.completion(p)).precision());
        }
        assertEquals(300 * 4 * 3, checked);
    }

    @Test
    void factCheckerFlagsInventedValues() {
        FactChecker checker = new FactChecker(WORLD);
        Person p = Fixtures.PEOPLE.eval().get(0);
        String otherCity = WORLD.cities().stream().map(City::name)
                .filter(c -> !checker.supportedValues(p).contains(c)).findFirst().orElseThrow();
        String invented = "1. " + p.name() + " was born in " + otherCity + ".\n2. " + p.name() + " works at "
                + p.employer() + ".\n3. " + p.name() + " was born in 1492.";
        FactCheck check = checker.check(p, invented);
        assertEquals(List.of(otherCity, "1492"), check.unsupported());
        assertEquals(9, check.mentions()); // given and family name on each of 3 lines, city, employer, year
    }

    @Test
    void samplesSpreadInCoverageAndTwoHopFacts() {
        Person p = Fixtures.PEOPLE.eval().get(3);
        Passage passage = WRITER.canonical(p);
        Set<Integer> coverages = new HashSet<>();
        int withTwoHop = 0;
        int withoutTwoHop = 0;
        for (int sample = 0; sample < 40; sample++) {
            String demo = DEMOS.implications(p, passage, Rng.of(9, sample), false);
            int covered = 0;
            boolean twoHop = false;
            for (Attribute a : Attribute.values()) {
                if (Words.containsWord(demo, a.valueOf(p, WORLD))) {
                    covered++;
                    twoHop |= a.kind == AttributeKind.TWO_HOP;
                }
            }
            coverages.add(covered);
            if (twoHop) {
                withTwoHop++;
            } else {
                withoutTwoHop++;
            }
        }
        assertTrue(coverages.size() >= 5, "coverage values " + coverages);
        assertTrue(withTwoHop >= 10 && withoutTwoHop >= 5, withTwoHop + " with / " + withoutTwoHop + " without two-hop facts");
    }

    @Test
    void demonstrationsParseInTheirFormat() {
        for (Person p : Fixtures.PEOPLE.eval().people().subList(0, 100)) {
            Passage passage = WRITER.canonical(p);
            for (SelfEditFormat format : FORMATS) {
                String demo = DEMOS.completion(format, p, passage, Rng.of(p.name().hashCode(), 1));
                ParsedSelfEdit parsed = format.parse(passage.title(), passage.context(), demo);
                assertFalse(parsed.parsedNothing(), demo);
                for (String sequence : parsed.selfEditSequences()) {
                    assertTrue(sequence.startsWith(p.name() + "\n"));
                    if (format == SelfEditFormat.SELF_QA) {
                        assertTrue(sequence.matches("(?s)[^\\n]+\\nQuestion \\d+: [^\\n]+\\?\\nAnswer \\d+: [^\\n]+"), sequence);
                    }
                }
                if (format == SelfEditFormat.SELF_QA) {
                    assertEquals(demo.split("\n\n").length, parsed.selfEditSequences().size());
                }
            }
        }
    }

    @Test
    void teacherImplicationsAreCompleteAndExplicit() {
        for (Person p : Fixtures.PEOPLE.eval().people()) {
            String teacher = TEACHER.completion(p);
            for (Attribute a : Attribute.values()) {
                assertTrue(Words.containsWord(teacher, a.valueOf(p, WORLD)), a + " missing from\n" + teacher);
            }
            List<String> lines = teacher.lines().toList();
            assertEquals(lines.size(), lines.stream().map(l -> l.substring(l.indexOf(' '))).distinct().count(),
                    "a line is repeated:\n" + teacher);
            for (Attribute a : Attribute.twoHop()) {
                assertTrue(lines.stream().filter(l -> Words.containsWord(l, a.valueOf(p, WORLD))).count() >= 2,
                        a + " is stated only once in\n" + teacher);
            }
            for (int i = 0; i < lines.size(); i++) {
                assertTrue(lines.get(i).startsWith((i + 1) + ". "), lines.get(i));
                String name = p.associate().map(Associate::name).orElse(p.name());
                assertTrue(lines.get(i).contains(p.name()) || lines.get(i).contains(name), "not explicit: " + lines.get(i));
            }
            p.associate().ifPresent(a -> assertTrue(teacher.contains(a.name()) && Words.containsWord(teacher, a.value())));
            assertEquals(teacher, TEACHER.completion(p), "fixed per person");
        }
    }
}
