package dev.seal4j.seal.outer;

import dev.seal4j.engine.Checks;
import dev.seal4j.engine.model.Backprop;
import dev.seal4j.engine.model.LoraAdapter;
import dev.seal4j.engine.model.LoraConfig;
import dev.seal4j.engine.model.LoraTarget;
import dev.seal4j.engine.model.ModelWeights;
import dev.seal4j.engine.model.Transformer;
import dev.seal4j.engine.tokenizer.Tokenizer;
import dev.seal4j.engine.train.Example;
import dev.seal4j.engine.train.ExampleEncoder;
import dev.seal4j.engine.train.LossMode;
import dev.seal4j.engine.train.LrSchedule;
import dev.seal4j.engine.train.TrainSettings;
import dev.seal4j.engine.train.Trainer;
import dev.seal4j.engine.train.TrainingRecord;

import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * ReST-EM's M-step: supervised fine-tuning of the generator on (prompt → chosen self-edit) pairs with the
 * loss on the completion only, as a LoRA adapter that is then merged into the generator's weights.
 *
 * @param loraRank  paper: 64
 * @param loraAlpha paper: 128
 * @param targets   paper: every projection
 * @param lr        paper: 3e-4
 * @param epochs    paper: 2
 * @param batchSize examples per step
 * @param endWithEos whether each completion ends with the tokenizer's end-of-sequence token as a training
 *                   target (paper: yes, through the chat template). Without it the generator learns what to
 *                   write and not where to stop, so its self-edits run to the sampling budget. Measured on the
 *                   built-in model: with it, self-edits shrink round after round (9.5, 8.6, 7.5 lines); a
 *                   6-layer model cannot count lines and raises the end's probability at every line end. Absent
 *                   from the config.yaml of runs made before it was an option, which trained with it: absent
 *                   means true.
 */
public record GeneratorTraining(int loraRank, float loraAlpha, Set<LoraTarget> targets, float lr, int epochs, int batchSize,
                                Boolean endWithEos) {
    public static final GeneratorTraining PAPER = new GeneratorTraining(64, 128f, EnumSet.allOf(LoraTarget.class), 3e-4f, 2, 1, true);

    public GeneratorTraining {
        endWithEos = endWithEos == null || endWithEos;
        targets = LoraTarget.setOf(targets);
        Checks.positive("--generator-lr", lr);
        Checks.atLeast("--generator-epochs", epochs, 1);
        Checks.atLeast("the generator's batch size", batchSize, 1);
        new LoraConfig(loraRank, loraAlpha, 0f, targets); // checks the adapter's shape
    }

    /** The adapter trained and merged in each M-step. */
    public LoraConfig lora() {
        return new LoraConfig(loraRank, loraAlpha, 0f, targets);
    }

    public GeneratorTraining withLora(int rank, float alpha) {
        return new GeneratorTraining(rank, alpha, targets, lr, epochs, batchSize, endWithEos);
    }

    public GeneratorTraining withLr(float rate) {
        return new GeneratorTraining(loraRank, loraAlpha, targets, rate, epochs, batchSize, endWithEos);
    }

    public GeneratorTraining withEpochs(int n) {
        return new GeneratorTraining(loraRank, loraAlpha, targets, lr, n, batchSize, endWithEos);
    }

    public GeneratorTraining withEndWithEos(boolean eos) {
        return new GeneratorTraining(loraRank, loraAlpha, targets, lr, epochs, batchSize, eos);
    }

    /** What one M-step did. */
    public record Result(Transformer generator, double trainLoss, int steps, double seconds) {
    }

    /** Trains on the pairs and returns the merged generator (its new weights live in {@code arena}). */
    public Result train(Transformer generator, Tokenizer tokenizer, List<Selection.Chosen> pairs, long seed, Arena arena) {
        List<Example> examples = examples(tokenizer, pairs, generator.config().contextLength());
        if (examples.isEmpty()) {
            return new Result(generator, 0, 0, 0);
        }
        int longest = examples.stream().mapToInt(Example::length).max().orElseThrow();
        LoraAdapter adapter = LoraAdapter.initialize(lora(), generator.weights(), seed, arena);
        Backprop backprop = new Backprop(generator, adapter, longest * batchSize, longest, false);
        Trainer.Result r = new Trainer(backprop, new TrainSettings(lr, epochs, 0, batchSize, 1, LrSchedule.CONSTANT, 0, 0f, 1f, seed))
                .train(examples, null);
        ModelWeights merged = adapter.mergeInto(generator.weights(), arena);
        return new Result(new Transformer(generator.config(), merged), r.trainLoss(), r.steps(), r.seconds());
    }

    /** The training examples: prompt then self-edit, loss on the self-edit (and its end), cut to the context. */
    List<Example> examples(Tokenizer tokenizer, List<Selection.Chosen> pairs, int context) {
        ExampleEncoder encoder = new ExampleEncoder(tokenizer, LossMode.COMPLETION, endWithEos && !tokenizer.eosIds().isEmpty());
        List<Example> examples = new ArrayList<>();
        for (Selection.Chosen c : pairs) {
            Example e = encoder.encode(new TrainingRecord.PromptCompletion(c.prompt(), c.completion()));
            examples.add(e.length() > context ? e.truncate(context) : e);
        }
        return examples;
    }
}
