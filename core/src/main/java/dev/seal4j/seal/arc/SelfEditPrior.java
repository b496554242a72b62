package dev.seal4j.seal.arc;

import java.util.Random;

/**
 * The configurations the built-in grid model learns to write before any ReST-EM: a broad, natural prior —
 * every augmentation flag a coin flip, either strategy, learning rates over five orders of magnitude (one
 * significant digit), 1 to 10 epochs. Some of its draws train well, many do not; which is which is what SEAL's
 * reward teaches.
 */
final class SelfEditPrior {
    private static final int[] DIGITS = {1, 2, 3, 5};

    private SelfEditPrior() {
    }

    static TttConfig draw(Random random) {
        double lr = DIGITS[random.nextInt(DIGITS.length)] * Math.pow(10, -6 + random.nextInt(5)); // 1e-6 .. 5e-2
        return new TttConfig(random.nextBoolean(), random.nextBoolean(), random.nextBoolean(), random.nextBoolean(),
                random.nextBoolean() ? TttConfig.Strategy.ALL_TOKENS : TttConfig.Strategy.OUTPUT_TOKENS, lr, 1 + random.nextInt(10));
    }
}
