package dev.seal4j.seal.eval;

import dev.seal4j.engine.BadInputException;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Expected values come from the official SQuAD v1.1 evaluation script's normalization and F1 (by hand). */
class GradersTest {
    private static final String Q = "question?";

    @Test
    void squadNormalization() {
        assertEquals("denver broncos", AnswerNormalizer.normalize("The  Denver Broncos!"));
        assertEquals("apple day keepsthe doctor away", AnswerNormalizer.normalize("An apple a day, keeps-the doctor away."));
        assertEquals("théâtre", AnswerNormalizer.normalize("Théâtre the"));
    }

    @Test
    void exactMatch() {
        Grader exact = Graders.named("exact");
        assertEquals(Grade.RIGHT, exact.grade(Q, "the Denver Broncos.", "Denver Broncos"));
        assertEquals(Grade.WRONG, exact.grade(Q, "Denver", "Denver Broncos"));
        assertEquals(Grade.WRONG, exact.grade(Q, "Denver Broncos won", "Denver Broncos"));
    }

    @Test
    void tokenF1AsTheSquadScript() {
        Map<String[], Double> cases = Map.of(
                new String[]{"Denver Broncos won", "the Denver Broncos"}, 0.8,
                new String[]{"Broncos Broncos", "Broncos"}, 2.0 / 3,
                new String[]{"the cat sat on the mat", "a cat on a mat"}, 6.0 / 7,
                new String[]{"Paris, France.", "Paris"}, 2.0 / 3,
                new String[]{"1,200 people", "1200"}, 2.0 / 3,
                new String[]{"no", "yes"}, 0.0,
                new String[]{"the", "a"}, 1.0);
        cases.forEach((pair, f1) -> assertEquals(f1, TokenF1Grader.f1(pair[0], pair[1]), 1e-12, pair[0] + " / " + pair[1]));

        Grader half = Graders.named("f1");
        assertEquals(new Grade(true, 0.8), half.grade(Q, "Denver Broncos won", "the Denver Broncos"));
        Grader strict = Graders.named("f1:0.9");
        assertEquals(new Grade(false, 0.8), strict.grade(Q, "Denver Broncos won", "the Denver Broncos"));
        assertEquals("f1:0.9", strict.name());
    }

    @Test
    void containsAnswerOnWholeWords() {
        Grader contains = Graders.named("contains");
        assertTrue(contains.grade(Q, "They were the Denver Broncos, I think.", "Denver Broncos").correct());
        assertTrue(contains.grade(Q, "a cat sat", "The Cat").correct());
        assertFalse(contains.grade(Q, "a category", "cat").correct());
        assertFalse(contains.grade(Q, "Broncos of Denver", "Denver Broncos").correct());
        assertFalse(contains.grade(Q, "", "Denver").correct());
    }

    @Test
    void judgeSpecs() {
        JudgeConfig config = Graders.judgeConfig("https://api.example.com/v1/#org/model-7b:q8;key-env=MY_KEY;timeout=5;attempts=2", "spec");
        assertEquals(URI.create("https://api.example.com/v1/"), config.baseUrl());
        assertEquals(URI.create("https://api.example.com/v1/chat/completions"), config.endpoint());
        assertEquals("org/model-7b:q8", config.model());
        assertEquals("MY_KEY", config.apiKeyEnv());
        assertEquals(Duration.ofSeconds(5), config.timeout());
        assertEquals(2, config.maxAttempts());

        JudgeConfig plain = Graders.judgeConfig("http://localhost:8000/v1#m", "spec");
        assertNull(plain.apiKeyEnv());
        assertEquals(JudgeConfig.DEFAULT_TIMEOUT, plain.timeout());

        Grader judge = Graders.named("judge:http://localhost:8000/v1#m;key-env=K", name -> name.equals("K") ? "secret" : null);
        assertInstanceOf(CachingGrader.class, judge);
        assertEquals("judge:http://localhost:8000/v1#m", judge.name());
    }

    @Test
    void badSpecsSayWhatIsWrong() {
        assertBad("exactly", "grader 'exactly': unknown grader");
        assertBad("f1:2", "the F1 threshold must be a number in (0, 1]");
        assertBad("f1:x", "the F1 threshold must be a number in (0, 1]");
        assertBad("judge:http://localhost:8000/v1", "expected judge:BASE_URL#MODEL");
        assertBad("judge:localhost:8000#m", "must be an http(s) URL");
        assertBad("judge:http://h/v1#m;timeout=0", "timeout must be a positive whole number, got '0'");
        assertBad("judge:http://h/v1#m;colour=red", "unknown judge option 'colour=red'");
        BadInputException noKey = assertThrows(BadInputException.class,
                () -> Graders.named("judge:http://h/v1#m;key-env=ABSENT_KEY", name -> null));
        assertTrue(noKey.getMessage().contains("environment variable ABSENT_KEY"), noKey.getMessage());
    }

    private static void assertBad(String spec, String expected) {
        BadInputException e = assertThrows(BadInputException.class, () -> Graders.named(spec, name -> null));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void yesNoReplies() {
        for (String yes : new String[]{"yes", "Yes.", "**Yes**", "'yes'", "YES, it matches", "<think>no idea? no</think>Yes",
                "The answer is correct: yes"}) {
            assertEquals(Boolean.TRUE, YesNoReply.parse(yes), yes);
        }
        for (String no : new String[]{"no", "No.", "No, yes is not right", "  \"no\"", "I'd say no."}) {
            assertEquals(Boolean.FALSE, YesNoReply.parse(no), no);
        }
        for (String neither : new String[]{"", "maybe", "It could be yes or no", "nope", "yesterday"}) {
            assertNull(YesNoReply.parse(neither), neither);
        }
    }

    @Test
    void gradeScoresStayInRange() {
        assertThrows(IllegalArgumentException.class, () -> new Grade(true, 1.5));
        assertThrows(IllegalArgumentException.class, () -> new Grade(true, Double.NaN));
    }
}
