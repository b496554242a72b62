package dev.seal4j.seal.world;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QuestionsAndPassagesTest {
    private static final World WORLD = Fixtures.WORLD;
    private static final PassageWriter WRITER = new PassageWriter(WORLD);

    /** The answers recomputed from the world's raw records, independently of {@link Attribute#valueOf}. */
    private static Map<Attribute, String> expectedAnswers(Person p) {
        Map<String, String> countryOfCity = WORLD.cities().stream().collect(Collectors.toMap(City::name, City::country));
        Organisation employer = WORLD.organisations().stream().filter(o -> o.name().equals(p.employer())).findFirst().orElseThrow();
        University university = WORLD.universities().stream().filter(u -> u.name().equals(p.university())).findFirst().orElseThrow();
        return Map.ofEntries(
                Map.entry(Attribute.BIRTH_YEAR, String.valueOf(p.birthYear())),
                Map.entry(Attribute.BIRTH_CITY, p.birthCity()),
                Map.entry(Attribute.UNIVERSITY, p.university()),
                Map.entry(Attribute.FIELD_OF_STUDY, p.fieldOfStudy()),
                Map.entry(Attribute.EMPLOYER, p.employer()),
                Map.entry(Attribute.ROLE, p.role()),
                Map.entry(Attribute.HOBBY, p.hobby()),
                Map.entry(Attribute.PET_NAME, p.petName()),
                Map.entry(Attribute.BIRTH_COUNTRY, countryOfCity.get(p.birthCity())),
                Map.entry(Attribute.WORK_CITY, employer.city()),
                Map.entry(Attribute.EMPLOYER_FOUNDED, String.valueOf(employer.founded())),
                Map.entry(Attribute.EMPLOYER_INDUSTRY, employer.industry()),
                Map.entry(Attribute.UNIVERSITY_CITY, university.city()),
                Map.entry(Attribute.UNIVERSITY_COUNTRY, countryOfCity.get(university.city())));
    }

    private static List<Person> everyone() {
        List<Person> all = new java.util.ArrayList<>(Fixtures.PEOPLE.pretrain().people());
        all.addAll(Fixtures.PEOPLE.train().people());
        all.addAll(Fixtures.PEOPLE.eval().people());
        return all;
    }

    @Test
    void answersAreConsistentWithTheWorldsFacts() {
        int heldOut = 0;
        for (Person p : everyone()) {
            Map<Attribute, String> expected = expectedAnswers(p);
            List<Question> questions = QuestionBank.questionsFor(p, WORLD);
            assertEquals(Attribute.values().length, questions.size());
            for (Question q : questions) {
                assertEquals(expected.get(q.attribute()), q.answer(), q.question());
                assertTrue(q.question().contains(p.name()), q.question());
                assertTrue(q.question().endsWith("?"));
                heldOut += q.heldOutPhrasing() ? 1 : 0;
            }
        }
        int total = everyone().size() * Attribute.values().length;
        assertTrue(heldOut > 0.15 * total && heldOut < 0.35 * total, heldOut + " held-out phrasings of " + total);
    }

    @Test
    void directAnswersAreStatedAndTwoHopAnswersNeverAre() {
        for (Person p : everyone()) {
            Map<Attribute, String> expected = expectedAnswers(p);
            for (int variant = 0; variant < 3; variant++) {
                String context = WRITER.variant(p, variant).context();
                for (Attribute a : Attribute.values()) {
                    boolean stated = Words.containsWord(context, expected.get(a));
                    assertEquals(a.kind == AttributeKind.DIRECT, stated, a + " of " + p.name() + " in: " + context);
                }
            }
        }
    }

    @Test
    void canonicalPassagesLookLikeSquadParagraphs() {
        int withAssociate = 0;
        for (Person p : Fixtures.PEOPLE.eval().people()) {
            Passage passage = WRITER.canonical(p);
            assertEquals(p.name(), passage.title());
            String[] sentences = passage.context().split("(?<=\\.) ");
            assertTrue(sentences.length >= 3 && sentences.length <= 8, sentences.length + ": " + passage.context());
            assertTrue(sentences[0].contains(p.name()), "first sentence names the person: " + sentences[0]);
            for (String sentence : sentences) {
                assertTrue(Character.isUpperCase(sentence.charAt(0)) && sentence.endsWith("."), sentence);
            }
            if (p.associate().isPresent()) {
                withAssociate++;
                Associate a = p.associate().get();
                assertTrue(passage.context().contains(a.name() + ",") || passage.context().contains(a.name() + " who"),
                        passage.context());
                assertTrue(Words.containsWord(passage.context(), a.value()));
                // the sentence after the associate's names the person again
                for (int i = 0; i + 1 < sentences.length; i++) {
                    if (sentences[i].contains(a.name())) {
                        assertTrue(sentences[i + 1].contains(p.givenName()), sentences[i + 1]);
                    }
                }
            }
        }
        assertTrue(withAssociate > 100, "associates in " + withAssociate + " of 300 passages");
    }

    @Test
    void passagesVaryInWordingAndOrder() {
        Person p = Fixtures.PEOPLE.pretrain().get(0);
        Set<String> variants = new java.util.HashSet<>();
        for (int v = 0; v < 6; v++) {
            variants.add(WRITER.variant(p, v).context());
        }
        assertEquals(6, variants.size());
        Set<String> firstSentenceShapes = new java.util.HashSet<>();
        for (Person q : Fixtures.PEOPLE.eval().people()) {
            firstSentenceShapes.add(WRITER.canonical(q).context().split("(?<=\\.) ")[0].replace(q.name(), "X")
                    .replaceAll("[A-Z][a-z]+|\\d{4}", "V"));
        }
        assertTrue(firstSentenceShapes.size() > 30, firstSentenceShapes.size() + " distinct opening sentences");
    }

    @Test
    void pronounsAndVerbsAgreeWithThePerson() {
        for (Person p : everyone().subList(0, 1500)) {
            String context = WRITER.canonical(p).context();
            Set<String> words = Fixtures.words(context.toLowerCase());
            // associates are never referred to by pronoun, so only the person's own pronoun may occur
            switch (p.pronoun()) {
                case HE -> assertTrue(!words.contains("she") && !words.contains("they") && !words.contains("their"), context);
                case SHE -> assertTrue(!words.contains("he") && !words.contains("his") && !words.contains("their"), context);
                case THEY -> assertTrue(!words.contains("he") && !words.contains("she") && !words.contains("his"), context);
            }
            assertFalse(context.matches("(?s).*\\b[Tt]hey (is|was|has|works|enjoys|owns)\\b.*"), context);
            assertFalse(context.matches("(?s).*\\b([Hh]e|[Ss]he) (are|were|have|work|enjoy|own)\\b.*"), context);
            assertFalse(context.matches("(?s).*\\ba [aeiou].*"), "article: " + context);
        }
    }

    @Test
    void heldOutPhrasingsAreOnePerAttributeAndDistinct() {
        List<Phrasing> heldOut = QuestionBank.heldOutPhrasings();
        assertEquals(Attribute.values().length, heldOut.size());
        for (Attribute a : Attribute.values()) {
            assertTrue(QuestionBank.pretrainingPhrasings(a).size() >= 3);
            assertTrue(QuestionBank.pretrainingPhrasings(a).stream().noneMatch(Phrasing::heldOut));
        }
    }
}
