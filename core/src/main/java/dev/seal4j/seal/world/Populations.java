package dev.seal4j.seal.world;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The three populations of a world: pretraining people and SEAL-training people (from the people seed) and
 * evaluation people (from the evaluation seed). Names never repeat within a population and can never be
 * shared between populations ({@link Split#owning}).
 */
public record Populations(World world, Population pretrain, Population train, Population eval, int qaPeopleCount) {

    public static Populations draw(World world, WorldConfig config) {
        PopulationSizes sizes = config.sizes();
        Population pretrain = draw(world, Split.PRETRAIN, config.peopleSeed(), sizes.pretrain());
        Population train = draw(world, Split.TRAIN, config.peopleSeed(), sizes.train());
        Population eval = draw(world, Split.EVAL, config.evalSeed(), sizes.eval());
        int qaPeople = (int) Math.round(sizes.pretrain() * (1 - sizes.qaHeldOutFraction()));
        return new Populations(world, pretrain, train, eval, qaPeople);
    }

    private static Population draw(World world, Split split, long seed, int size) {
        PersonSampler sampler = new PersonSampler(world, split);
        Rng rng = Rng.of(world.seed(), seed, split.ordinal());
        Set<String> used = new HashSet<>();
        List<Person> people = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            people.add(sampler.draw(rng, used));
        }
        return new Population(split, people);
    }

    /** A throwaway person for pretraining drills, determined by its seed keys; names may repeat. */
    public static Person drillPerson(World world, long... seedKeys) {
        return new PersonSampler(world, Split.DRILL).draw(Rng.of(seedKeys), null);
    }

    public Population get(Split split) {
        return switch (split) {
            case PRETRAIN -> pretrain;
            case TRAIN -> train;
            case EVAL -> eval;
            case DRILL -> throw new IllegalArgumentException("drill people are made per document, not a population");
        };
    }

    /** Pretraining people who get question–answer documents (the first {@code qaPeople}). */
    public List<Person> qaPeople() {
        return pretrain.people().subList(0, qaPeopleCount);
    }

    /** Pretraining people who get biographies only: stored-knowledge extraction is measured on them. */
    public List<Person> qaHeldOutPeople() {
        return pretrain.people().subList(qaPeopleCount, pretrain.size());
    }
}
