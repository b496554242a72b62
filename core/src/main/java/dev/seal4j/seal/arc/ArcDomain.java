package dev.seal4j.seal.arc;

import dev.seal4j.seal.outer.Domain;

/**
 * Few-shot abstract reasoning as a SEAL domain (the paper's §4.1): a context is a task; a self-edit is a JSON
 * configuration of test-time training (augmentations, strategy, learning rate, epochs); applying it trains a
 * fresh LoRA adapter on tasks generated from the demonstrations and answers the test by voting over views; the
 * reward is 1 when the test is solved, else 0. The unadapted reference answers in context.
 */
public record ArcDomain(TttSettings settings) implements Domain<ArcTask, ArcResult> {
    /** The untrained reason of in-context answers. */
    public static final String IN_CONTEXT = "in-context";

    @Override
    public String title(ArcTask task) {
        return task.id();
    }

    @Override
    public String prompt(ArcTask task) {
        return ArcPrompt.of(task);
    }

    @Override
    public ArcSelfEdit.Reading parse(ArcTask task, String selfEdit) {
        return ArcSelfEdit.read(selfEdit);
    }

    @Override
    public ArcCandidate application(ArcTask task, String selfEdit, String key, long seed) {
        ArcSelfEdit.Reading reading = ArcSelfEdit.read(selfEdit);
        return new ArcCandidate(key, task, reading.config(), reading.accepted() ? null : "rejected: " + reading.rejected(),
                settings, seed);
    }

    @Override
    public ArcCandidate unadapted(ArcTask task, String key, long seed) {
        return ArcCandidate.untrained(key, task, IN_CONTEXT, settings, seed);
    }

    @Override
    public double reward(ArcResult result) {
        return result.solved() ? 1 : 0;
    }

    /** A candidate that trains by a fixed configuration (the oracle). */
    public ArcCandidate configured(ArcTask task, TttConfig config, String key, long seed) {
        return new ArcCandidate(key, task, config, null, settings, seed);
    }
}
