package dev.seal4j.engine.train;

import dev.seal4j.engine.BadInputException;

/**
 * Optimization settings of a fine-tuning run.
 *
 * @param lr          peak learning rate
 * @param epochs      passes over the data
 * @param maxSteps    stop after this many optimizer steps (0: no limit)
 * @param batchSize   examples per micro-batch
 * @param gradAccum   micro-batches per optimizer step
 * @param schedule    learning-rate schedule
 * @param warmupSteps linear warm-up steps
 * @param weightDecay AdamW decoupled weight decay
 * @param maxGradNorm clip the global gradient norm to this (0: off)
 * @param seed        data order and LoRA dropout
 */
public record TrainSettings(float lr, int epochs, int maxSteps, int batchSize, int gradAccum, LrSchedule schedule,
                            int warmupSteps, float weightDecay, float maxGradNorm, long seed) {
    public TrainSettings {
        if (!(lr > 0) || Float.isInfinite(lr)) {
            throw new BadInputException("--lr must be > 0, got " + lr);
        }
        if (epochs < 1) {
            throw new BadInputException("--epochs must be >= 1, got " + epochs);
        }
        if (maxSteps < 0) {
            throw new BadInputException("--max-steps must be >= 0 (0: no limit), got " + maxSteps);
        }
        if (warmupSteps < 0) {
            throw new BadInputException("--warmup-steps must be >= 0, got " + warmupSteps);
        }
        if (batchSize < 1) {
            throw new BadInputException("--batch-size must be >= 1, got " + batchSize);
        }
        if (gradAccum < 1) {
            throw new BadInputException("--grad-accum must be >= 1, got " + gradAccum);
        }
        if (!(weightDecay >= 0) || Float.isInfinite(weightDecay)) {
            throw new BadInputException("--weight-decay must be a finite number >= 0, got " + weightDecay);
        }
        if (!(maxGradNorm >= 0) || Float.isInfinite(maxGradNorm)) {
            throw new BadInputException("--max-grad-norm must be a finite number >= 0 (0: no clipping), got " + maxGradNorm);
        }
    }
}
