package dev.seal4j.seal.world;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PopulationsTest {

    private static Set<String> names(Population population) {
        Set<String> names = new HashSet<>();
        for (Person person : population.people()) {
            assertTrue(names.add(person.name()), "name repeats within " + population.split() + ": " + person.name());
            person.associate().ifPresent(a -> assertTrue(names.add(a.name()), "associate name repeats: " + a.name()));
        }
        return names;
    }

    @Test
    void populationsHaveTheConfiguredSizes() {
        PopulationSizes sizes = PopulationSizes.DEFAULT;
        assertEquals(sizes.pretrain(), Fixtures.PEOPLE.pretrain().size());
        assertEquals(sizes.train(), Fixtures.PEOPLE.train().size());
        assertEquals(sizes.eval(), Fixtures.PEOPLE.eval().size());
        assertEquals(sizes.pretrain(), Fixtures.PEOPLE.qaPeople().size() + Fixtures.PEOPLE.qaHeldOutPeople().size());
        assertEquals(750, Fixtures.PEOPLE.qaHeldOutPeople().size());

        Populations small = Populations.draw(Fixtures.WORLD,
                Fixtures.CONFIG.withSizes(new PopulationSizes(40, 10, 12, 0.5, 2)));
        assertEquals(List.of(40, 10, 12, 20), List.of(small.pretrain().size(), small.train().size(),
                small.eval().size(), small.qaHeldOutPeople().size()));
    }

    @Test
    void splitsNeverShareANameWhateverTheSeeds() {
        Set<String> pretrain = names(Fixtures.PEOPLE.pretrain());
        Set<String> train = names(Fixtures.PEOPLE.train());
        for (long evalSeed : List.of(0L, 1L, 99L, -5L)) {
            Set<String> eval = names(Populations.draw(Fixtures.WORLD, Fixtures.CONFIG.withEvalSeed(evalSeed)).eval());
            for (String name : eval) {
                assertTrue(!pretrain.contains(name) && !train.contains(name), name + " (eval seed " + evalSeed + ")");
            }
        }
        for (String name : train) {
            assertTrue(!pretrain.contains(name), name);
        }
        // Even a pretraining population drawn from another people seed cannot meet the evaluation people.
        Set<String> otherPretrain = names(Populations.draw(Fixtures.WORLD, Fixtures.CONFIG.withPeopleSeed(1234)).pretrain());
        for (String name : names(Fixtures.PEOPLE.eval())) {
            assertTrue(!otherPretrain.contains(name), name);
        }
    }

    @Test
    void peopleSeedChangesPeopleButNotPlaces() {
        Populations a = Populations.draw(Fixtures.WORLD, Fixtures.CONFIG);
        Populations again = Populations.draw(World.generate(Fixtures.CONFIG.worldSeed()), Fixtures.CONFIG);
        assertEquals(a.pretrain(), again.pretrain());
        assertEquals(a.train(), again.train());
        assertEquals(a.eval(), again.eval());

        Populations other = Populations.draw(Fixtures.WORLD, Fixtures.CONFIG.withPeopleSeed(77));
        assertNotEquals(a.pretrain().people(), other.pretrain().people());
        assertEquals(a.eval(), other.eval(), "the evaluation seed alone fixes evaluation people");
        Populations otherEval = Populations.draw(Fixtures.WORLD, Fixtures.CONFIG.withEvalSeed(3));
        assertNotEquals(a.eval().people(), otherEval.eval().people());
        assertEquals(a.pretrain(), otherEval.pretrain());
    }

    @Test
    void attributesComeFromTheWorldAndAssociatesDiffer() {
        World world = Fixtures.WORLD;
        int withAssociate = 0;
        for (Person p : Fixtures.PEOPLE.pretrain().people()) {
            assertTrue(world.cities().stream().anyMatch(c -> c.name().equals(p.birthCity())));
            assertTrue(world.organisations().stream().anyMatch(o -> o.name().equals(p.employer())));
            assertTrue(world.universities().stream().anyMatch(u -> u.name().equals(p.university())));
            assertTrue(world.petNames().contains(p.petName()));
            assertTrue(Vocabulary.ROLES.contains(p.role()) && Vocabulary.HOBBIES.contains(p.hobby())
                    && Vocabulary.FIELDS_OF_STUDY.contains(p.fieldOfStudy()));
            if (p.associate().isPresent()) {
                withAssociate++;
                Associate a = p.associate().get();
                assertNotEquals(a.attribute().valueOf(p, world), a.value());
                assertNotEquals(p.name(), a.name());
                if (a.relation().equals("sister") || a.relation().equals("brother") || a.relation().equals("sibling")) {
                    assertEquals(p.familyName(), a.familyName());
                }
            }
        }
        int n = Fixtures.PEOPLE.pretrain().size();
        assertTrue(withAssociate > 0.4 * n && withAssociate < 0.6 * n, withAssociate + " of " + n);
    }

    @Test
    void splitFlagsNameThePopulations() {
        assertEquals(Fixtures.PEOPLE.eval(), Fixtures.PEOPLE.get(Split.fromFlag("eval")));
        assertEquals(Fixtures.PEOPLE.pretrain(), Fixtures.PEOPLE.get(Split.fromFlag("pretrain")));
        assertEquals(Fixtures.PEOPLE.train(), Fixtures.PEOPLE.get(Split.fromFlag("train")));
        dev.seal4j.engine.BadInputException e = org.junit.jupiter.api.Assertions.assertThrows(
                dev.seal4j.engine.BadInputException.class, () -> Split.fromFlag("drill"));
        assertTrue(e.getMessage().contains("--split"), e.getMessage());
    }
}
