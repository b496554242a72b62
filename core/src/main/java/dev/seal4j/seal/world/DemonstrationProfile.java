package dev.seal4j.seal.world;

/**
 * How good one demonstration is, drawn afresh for each: the spread a base model's samples show.
 *
 * @param coverage     chance that each stated attribute is mentioned
 * @param twoHopRate   chance that each implied fact is spelled out (zero in many samples: restatement only)
 * @param restateRate  chance that a direct fact is copied as the passage's own sentence rather than paraphrased
 * @param pronounRate  chance that a paraphrase says "she"/"he"/"they" or the given name instead of the full name
 * @param repeatRate   chance that a fact is stated a second time in other words
 */
record DemonstrationProfile(double coverage, double twoHopRate, double restateRate, double pronounRate,
                            double repeatRate) {

    static DemonstrationProfile draw(Rng rng, boolean longList) {
        double coverage = longList ? 0.6 + 0.4 * rng.nextDouble() : 0.3 + 0.7 * rng.nextDouble();
        double twoHop = longList
                ? (rng.chance(0.2) ? 0 : 0.4 + 0.6 * rng.nextDouble())
                : (rng.chance(0.4) ? 0 : 0.1 + 0.8 * rng.nextDouble());
        return new DemonstrationProfile(coverage, twoHop, rng.nextDouble(), 0.5 * rng.nextDouble(),
                longList ? 0.3 : 0.1 * rng.nextDouble());
    }
}
