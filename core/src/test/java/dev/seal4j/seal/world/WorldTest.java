package dev.seal4j.seal.world;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorldTest {

    @Test
    void sameSeedGivesTheSameWorldAndDifferentSeedsDifferentOnes() {
        World a = World.generate(5);
        World b = World.generate(5);
        assertEquals(a.countries(), b.countries());
        assertEquals(a.cities(), b.cities());
        assertEquals(a.organisations(), b.organisations());
        assertEquals(a.universities(), b.universities());
        assertEquals(a.givenNames(), b.givenNames());
        assertEquals(a.familyNames(), b.familyNames());
        assertEquals(a.petNames(), b.petNames());
        assertNotEquals(a.cities(), World.generate(6).cities());
    }

    @Test
    void hasTheRequestedShape() {
        World world = Fixtures.WORLD;
        WorldShape shape = WorldShape.DEFAULT;
        assertEquals(shape.countries(), world.countries().size());
        assertEquals(shape.cities(), world.cities().size());
        assertEquals(shape.organisations(), world.organisations().size());
        assertEquals(shape.universities(), world.universities().size());
        assertEquals(shape.givenNames(), world.givenNames().size());
        assertEquals(shape.familyNames(), world.familyNames().size());
        assertEquals(shape.petNames(), world.petNames().size());
        for (String country : world.countries()) {
            assertTrue(world.cities().stream().anyMatch(c -> c.country().equals(country)), country + " has no city");
        }
        for (Organisation org : world.organisations()) {
            assertTrue(world.cities().stream().anyMatch(c -> c.name().equals(org.city())), org.toString());
            assertTrue(org.founded() >= World.FIRST_FOUNDING_YEAR && org.founded() <= World.LAST_FOUNDING_YEAR);
            assertTrue(Vocabulary.INDUSTRIES.contains(org.industry()));
        }
        for (University university : world.universities()) {
            assertTrue(world.cities().stream().anyMatch(c -> c.name().equals(university.city())), university.toString());
        }
    }

    @Test
    void madeUpWordsArePronounceableCapitalizedAndUnique() {
        World world = Fixtures.WORLD;
        List<String> madeUp = new ArrayList<>(world.countries());
        world.cities().forEach(c -> madeUp.add(c.name()));
        world.organisations().forEach(o -> madeUp.add(o.name().split(" ")[0]));
        world.universities().forEach(u -> madeUp.add(u.name().replace("University of ", "").split(" ")[0]));
        madeUp.addAll(world.givenNames());
        madeUp.addAll(world.familyNames());
        madeUp.addAll(world.petNames());
        Set<String> seen = new HashSet<>();
        for (String word : madeUp) {
            assertTrue(word.matches("[A-Z][a-z]{2,13}"), word);
            assertTrue(word.toLowerCase().matches(".*[aeiou].*[aeiou].*"), word + " has fewer than two syllables");
            assertTrue(!word.toLowerCase().matches(".*[^aeiou]{3}.*"), word + " has three consonants in a row");
            assertTrue(seen.add(word.toLowerCase()), word + " is used twice");
        }
        for (String fixed : List.of("chemistry", "engineer", "shipping", "chess", "cat")) {
            assertTrue(!seen.contains(fixed));
        }
    }

    @Test
    void organisationAndUniversityNamesDoNotNameTheirCity() {
        World world = Fixtures.WORLD;
        for (Organisation org : world.organisations()) {
            assertTrue(!Words.containsWord(org.name(), org.city()) && !Words.containsWord(org.name(), org.industry()), org.toString());
        }
        for (University university : world.universities()) {
            assertTrue(!Words.containsWord(university.name(), university.city()), university.toString());
        }
    }

    @Test
    void rngIsReproducibleAndUniform() {
        Rng a = Rng.of(1, 2, 3);
        Rng b = Rng.of(1, 2, 3);
        for (int i = 0; i < 100; i++) {
            assertEquals(a.nextLong(), b.nextLong());
        }
        assertNotEquals(Rng.of(1, 2, 3).nextLong(), Rng.of(1, 2, 4).nextLong());
        int[] counts = new int[7];
        Rng rng = Rng.of(42);
        for (int i = 0; i < 70_000; i++) {
            counts[rng.nextInt(7)]++;
        }
        for (int count : counts) {
            assertTrue(Math.abs(count - 10_000) < 500, "bucket count " + count); // ~5 standard deviations
        }
    }

    @Test
    void enumerationVisitsEveryItemOncePerEpoch() {
        for (int n : List.of(1, 2, 7, 30, 97)) {
            Enumeration enumeration = new Enumeration(n, 3);
            for (int epoch = 0; epoch < 3; epoch++) {
                Set<Integer> seen = new HashSet<>();
                for (int i = 0; i < n; i++) {
                    seen.add(enumeration.item((long) epoch * n + i));
                }
                assertEquals(n, seen.size(), "n=" + n + " epoch " + epoch);
            }
        }
    }
}
