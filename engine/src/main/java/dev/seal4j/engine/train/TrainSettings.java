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
        if (maxSteps < 0 || batchSize < 1 || gradAccum < 1 || warmupSteps < 0) {
            throw new BadInputException("--max-steps, --warmup-steps must be >= 0 and --batch-size, --grad-accum >= 1");
        }
        if (weightDecay < 0 || maxGradNorm < 0) {
            throw new BadInputException("--weight-decay and --max-grad-norm must be >= 0");
        }
    }
}
