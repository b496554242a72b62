package dev.seal4j.seal.outer;

/**
 * Every seed of a SEAL run, derived from the run's seed by purpose and indices — in one place, because each
 * formula is part of what a recorded run means: changing one changes every result recorded with it (the
 * knowledge-run golden test notices).
 *
 * @param seed the run's {@code --seed}
 */
public record Seeds(long seed) {
    /** Sampling round {@code round}'s training self-edits (every arm samples the same ones in round 1). */
    public long roundSelfEdits(int round) {
        return seed * 31 + round;
    }

    /** The generator's fine-tuning after round {@code round}. */
    public long generatorTraining(int round) {
        return seed * 131 + round;
    }

    /** Sampling the self-edits a method's generator writes for the evaluation contexts. */
    public long evalSelfEdits(String method) {
        return seed + method.hashCode();
    }

    /** A method's candidate for an evaluation unit (and sample: several self-edits of one context). */
    public long evaluation(int unit, int sample) {
        return seed * 7919 + unit + 1_000_003L * sample;
    }

    /** A ReST-EM candidate (an application of a training self-edit, or the unadapted reference). */
    public long candidate(RecordKey key, int repeat) {
        return seed * 104729 + key.text().hashCode() + repeat;
    }
}
