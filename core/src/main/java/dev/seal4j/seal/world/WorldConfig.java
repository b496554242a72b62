package dev.seal4j.seal.world;

/**
 * Everything that fixes a built-in world and its people.
 *
 * @param worldSeed  fixes places, organisations and name pools (what the model learns in pretraining)
 * @param peopleSeed fixes the pretraining and SEAL-training people
 * @param evalSeed   fixes the evaluation people ({@code --eval-seed}); any value gives unseen people
 * @param corpusSeed fixes the order and wording of pretraining documents
 */
public record WorldConfig(long worldSeed, long peopleSeed, long evalSeed, long corpusSeed, WorldShape shape,
                          PopulationSizes sizes) {

    /** The defaults for a world seed: people seed and corpus seed derived from it, evaluation seed 0. */
    public static WorldConfig defaults(long worldSeed) {
        return new WorldConfig(worldSeed, worldSeed + 1, 0, worldSeed + 2, WorldShape.DEFAULT, PopulationSizes.DEFAULT);
    }

    public WorldConfig withEvalSeed(long seed) {
        return new WorldConfig(worldSeed, peopleSeed, seed, corpusSeed, shape, sizes);
    }

    public WorldConfig withPeopleSeed(long seed) {
        return new WorldConfig(worldSeed, seed, evalSeed, corpusSeed, shape, sizes);
    }

    public WorldConfig withSizes(PopulationSizes newSizes) {
        return new WorldConfig(worldSeed, peopleSeed, evalSeed, corpusSeed, shape, newSizes);
    }
}
