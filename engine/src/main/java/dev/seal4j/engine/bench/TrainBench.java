package dev.seal4j.engine.bench;

import dev.seal4j.engine.model.Backprop;
import dev.seal4j.engine.model.LoraAdapter;
import dev.seal4j.engine.model.LoraConfig;
import dev.seal4j.engine.model.LoraTarget;
import dev.seal4j.engine.model.ModelConfig;
import dev.seal4j.engine.model.ModelWeights;
import dev.seal4j.engine.model.Parameter;
import dev.seal4j.engine.model.Transformer;
import dev.seal4j.engine.tensor.DType;
import dev.seal4j.engine.train.AdamW;
import dev.seal4j.engine.train.GradientClipping;

import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Training throughput and memory: optimizer steps (forward, backward, gradient clipping at 1.0, AdamW) on
 * batches of random token sequences, with random weights of a {@link BenchShape}. Tokens per second is the
 * batch's token count over the median step time after warm-up; memory is this process's peak RSS and Java
 * heap, so run one plan per process when memory matters.
 */
public final class TrainBench {
    private TrainBench() {
    }

    /**
     * What one benchmark trains.
     *
     * @param loraRank      0 for full fine-tuning (fp32 weights), else the rank of a LoRA on q_proj and v_proj
     *                      (alpha 2·rank) over frozen weights of {@code dtype}
     * @param checkpointing recompute each layer in backward instead of keeping its activations
     */
    public record Plan(String shape, DType dtype, int loraRank, int batch, int seqLen, boolean checkpointing,
                       int warmup, int steps) {
        public String mode() {
            return loraRank == 0 ? "full" : "lora";
        }
    }

    /** The plan of a shape as the performance targets state it. */
    public static Plan standardPlan(String shape) {
        return switch (shape) {
            case "tiny-world" -> new Plan(shape, DType.F32, 0, 8, 256, false, 2, 5);
            case "qwen2.5-0.5b-4l" -> new Plan(shape, DType.BF16, 32, 1, 256, false, 2, 5);
            case "qwen2.5-0.5b" -> new Plan(shape, DType.BF16, 32, 1, 512, true, 1, 2);
            default -> throw new dev.seal4j.engine.BadInputException("no training benchmark for shape '" + shape
                    + "' (known: tiny-world, qwen2.5-0.5b-4l, qwen2.5-0.5b)");
        };
    }

    /**
     * @param tokensPerStep batch × sequence length
     * @param stepSeconds   every timed step
     * @param losses        mean loss of every step, warm-up included
     */
    public record Result(Plan plan, long trainableParameters, int tokensPerStep, double tokensPerSecond,
                         List<Double> stepSeconds, List<Double> losses, long peakRssBytes, long peakHeapBytes,
                         long heapUsedBytes) {
    }

    public static Result run(Plan p, long seed) {
        ModelConfig c = BenchShape.named(p.shape()).config();
        if (p.seqLen() > c.contextLength()) {
            throw new IllegalArgumentException("sequence " + p.seqLen() + " exceeds the context " + c.contextLength());
        }
        try (Arena arena = Arena.ofShared()) {
            ModelWeights weights = RandomWeights.generate(c, p.loraRank() == 0 ? DType.F32 : p.dtype(), seed, arena);
            Transformer model = new Transformer(c, weights);
            LoraAdapter lora = p.loraRank() == 0 ? null : LoraAdapter.initialize(
                    new LoraConfig(p.loraRank(), 2f * p.loraRank(), 0f, EnumSet.of(LoraTarget.Q_PROJ, LoraTarget.V_PROJ)),
                    weights, seed, arena);
            int rows = p.batch() * p.seqLen();
            Backprop backprop = new Backprop(model, lora, rows, p.seqLen(), p.checkpointing());
            List<Parameter> params = backprop.parameters();
            AdamW adam = AdamW.standard(params, 0f);
            float lr = p.loraRank() == 0 ? 1e-4f : 1e-3f;
            Backprop.Batch batch = batch(c, p, new SplittableRandom(seed));
            float gradScale = 1f / batch.predicted();
            List<Double> seconds = new ArrayList<>();
            List<Double> losses = new ArrayList<>();
            for (int step = 0; step < p.warmup() + p.steps(); step++) {
                long t0 = System.nanoTime();
                backprop.zeroGradients();
                double loss = backprop.forwardBackward(batch, gradScale, step);
                GradientClipping.clip(params, 1f);
                adam.step(lr);
                double s = (System.nanoTime() - t0) / 1e9;
                losses.add(loss / batch.predicted());
                if (step >= p.warmup()) {
                    seconds.add(s);
                }
            }
            long trainable = params.stream().mapToLong(Parameter::size).sum();
            return new Result(p, trainable, rows, rows / Measure.median(seconds), seconds, losses,
                    Measure.peakRssBytes(), Measure.peakHeapBytes(), Measure.heapUsedBytes());
        }
    }

    /** batch × seqLen random tokens; each row predicts the next token of its sequence (the last a random one). */
    private static Backprop.Batch batch(ModelConfig c, Plan p, SplittableRandom rnd) {
        int n = p.batch() * p.seqLen();
        int[] tokens = rnd.ints(n + 1, 0, c.vocabSize()).toArray();
        int[] targets = new int[n], pos = new int[n];
        for (int i = 0; i < n; i++) {
            targets[i] = tokens[i + 1];
            pos[i] = i % p.seqLen();
        }
        return new Backprop.Batch(java.util.Arrays.copyOf(tokens, n), targets, pos, n);
    }
}
