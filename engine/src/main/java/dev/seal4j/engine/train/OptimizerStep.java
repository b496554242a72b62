package dev.seal4j.engine.train;

import dev.seal4j.engine.model.Backprop;

import java.util.List;

/**
 * One optimizer step, the step of every training loop here (fine-tuning's epochs in {@link Trainer}, the
 * built-in model's curriculum): zero the gradients; forward and backward each micro-batch with its loss scaled
 * by 1 / (tokens predicted in the whole step), so the gradients are those of the step's mean loss; refuse a
 * NaN or infinite loss before any weight changes; clip the global gradient norm; AdamW at the step's rate.
 *
 * @param maxGradNorm clip the global gradient norm to this (0: off)
 */
public record OptimizerStep(Backprop backprop, AdamW optimizer, float maxGradNorm) {

    /** What a step did: its mean loss per predicted token, the gradient norm before clipping, its size. */
    public record Outcome(double loss, double gradNorm, int predicted, long tokens) {
    }

    /**
     * Step {@code stepNumber} (from 1, for messages) over {@code microBatches} at learning rate {@code lr};
     * micro-batch k draws its dropout from {@code seed + k}.
     *
     * @throws Trainer.DivergedException when the loss is NaN or infinite (the weights are untouched)
     */
    public Outcome run(List<Backprop.Batch> microBatches, double lr, long seed, long stepNumber) {
        int predicted = 0;
        long tokens = 0;
        for (Backprop.Batch b : microBatches) {
            predicted += b.predicted();
            tokens += b.n();
        }
        backprop.zeroGradients();
        double lossSum = 0;
        for (int k = 0; k < microBatches.size(); k++) {
            lossSum += backprop.forwardBackward(microBatches.get(k), predicted == 0 ? 0f : 1f / predicted, seed + k);
        }
        double loss = predicted == 0 ? 0 : lossSum / predicted;
        if (!Double.isFinite(loss)) {
            throw new Trainer.DivergedException("the loss became " + loss + " at step " + stepNumber);
        }
        double norm = GradientClipping.clip(backprop.parameters(), maxGradNorm);
        optimizer.step((float) lr);
        return new Outcome(loss, norm, predicted, tokens);
    }
}
