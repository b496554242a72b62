package dev.seal4j.engine.train;

import dev.seal4j.engine.model.Backprop;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Supervised fine-tuning: epochs over shuffled examples, micro-batches, gradient accumulation, global-norm
 * clipping, AdamW with a schedule. The loss of a step is the mean over every predicted token of its
 * micro-batches. Deterministic for a given seed, data and thread count.
 */
public final class Trainer {
    private final TrainSettings settings;
    private final OptimizerStep optimizerStep;

    public Trainer(Backprop backprop, TrainSettings settings) {
        this.settings = settings;
        this.optimizerStep = new OptimizerStep(backprop, AdamW.standard(backprop.parameters(), settings.weightDecay()),
                settings.maxGradNorm());
    }

    /** What the trainer reports after each optimizer step. */
    public record Step(int step, int totalSteps, double loss, double gradNorm, double lr, long tokens, double seconds) {
        public double tokensPerSecond() {
            return seconds > 0 ? tokens / seconds : 0;
        }
    }

    @FunctionalInterface
    public interface Listener {
        void onStep(Step step);
    }

    /** Summary of a run: the mean of step losses, the number of steps, throughput. */
    public record Result(double trainLoss, int steps, long tokens, double seconds, List<Double> losses) {
        public double tokensPerSecond() {
            return seconds > 0 ? tokens / seconds : 0;
        }
    }

    /** The loss became NaN or infinite; nothing should be saved from this run. */
    public static final class DivergedException extends RuntimeException {
        public DivergedException(String message) {
            super(message);
        }
    }

    /** Number of optimizer steps a run over {@code examples} examples takes. */
    public int totalSteps(int examples) {
        int batches = (examples + settings.batchSize() - 1) / settings.batchSize();
        int perEpoch = (batches + settings.gradAccum() - 1) / settings.gradAccum();
        int total = perEpoch * settings.epochs();
        return settings.maxSteps() > 0 ? Math.min(total, settings.maxSteps()) : total;
    }

    public Result train(List<Example> examples, Listener listener) {
        int total = totalSteps(examples.size());
        List<Double> losses = new ArrayList<>();
        long tokens = 0;
        long start = System.nanoTime();
        int step = 0;
        Random order = new Random(settings.seed());
        for (int epoch = 0; epoch < settings.epochs() && step < total; epoch++) {
            List<Example> shuffled = new ArrayList<>(examples);
            java.util.Collections.shuffle(shuffled, order);
            List<List<Example>> micro = new ArrayList<>();
            for (int i = 0; i < shuffled.size(); i += settings.batchSize()) {
                micro.add(shuffled.subList(i, Math.min(shuffled.size(), i + settings.batchSize())));
            }
            for (int m = 0; m < micro.size() && step < total; m += settings.gradAccum()) {
                List<Backprop.Batch> batches = new ArrayList<>();
                for (int k = m; k < Math.min(micro.size(), m + settings.gradAccum()); k++) {
                    batches.add(Batches.of(micro.get(k)));
                }
                double lr = settings.lr() * settings.schedule().multiplier(step, settings.warmupSteps(), total);
                OptimizerStep.Outcome o;
                try {
                    o = optimizerStep.run(batches, lr, settings.seed() * 31 + (long) step * batches.size(), step + 1);
                } catch (DivergedException e) {
                    throw new DivergedException(e.getMessage() + " (try a lower --lr or --max-grad-norm 1)");
                }
                tokens += o.tokens();
                step++;
                losses.add(o.loss());
                if (listener != null) {
                    listener.onStep(new Step(step, total, o.loss(), o.gradNorm(), lr, tokens, (System.nanoTime() - start) / 1e9));
                }
            }
        }
        double mean = losses.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        return new Result(mean, step, tokens, (System.nanoTime() - start) / 1e9, losses);
    }
}
