package dev.seal4j.seal.pretrain;

/**
 * A stage of a pretraining curriculum: it trains on its mix of documents until its gate passes (checked every
 * {@code evalEvery} steps from {@code minSteps} on) or its {@code maxSteps} run out.
 */
public interface Stage {
    /** The stage's name in logs and checkpoints. */
    String name();

    /** The ability its gate measures (its name in logs). */
    String ability();

    /** The gate's pass mark (a fraction). */
    double threshold();

    int minSteps();

    int maxSteps();

    int evalEvery();
}
