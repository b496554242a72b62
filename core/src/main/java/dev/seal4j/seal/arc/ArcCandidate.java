package dev.seal4j.seal.arc;

import dev.seal4j.engine.generate.Generator;
import dev.seal4j.engine.model.Backprop;
import dev.seal4j.engine.model.LoraAdapter;
import dev.seal4j.engine.model.Transformer;
import dev.seal4j.engine.train.Example;
import dev.seal4j.engine.train.ExampleEncoder;
import dev.seal4j.engine.train.LossMode;
import dev.seal4j.engine.train.LrSchedule;
import dev.seal4j.engine.train.TrainSettings;
import dev.seal4j.engine.train.Trainer;
import dev.seal4j.engine.train.TrainingRecord;
import dev.seal4j.seal.exec.Candidate;
import dev.seal4j.seal.exec.Workbench;

import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.List;

/**
 * One ARC candidate: test-time training of a fresh LoRA adapter by a configuration (a self-edit's, or a fixed
 * one), then the test inputs answered by voting over views (pass@2). Without a configuration — a rejected
 * self-edit, or in-context learning — or with one over the step budget, nothing is trained and the base model
 * answers.
 *
 * @param config    what to train, or null
 * @param untrained why nothing is trained when config is null ("in-context", a rejection)
 */
public record ArcCandidate(String key, ArcTask task, TttConfig config, String untrained, TttSettings settings, long seed)
        implements Candidate<ArcResult> {

    /** A candidate that answers in context, without training; {@code why} is recorded. */
    public static ArcCandidate untrained(String key, ArcTask task, String why, TttSettings settings, long seed) {
        return new ArcCandidate(key, task, null, why, settings, seed);
    }

    @Override
    public ArcResult run(Workbench bench) {
        long start = System.nanoTime();
        Transformer model = bench.model();
        Generator generator = bench.shared(Generator.class, b -> new Generator(b.model(), b.tokenizer()));
        try (Arena arena = Arena.ofShared()) {
            List<Example> examples = examples(bench);
            int steps = config == null ? 0 : (int) Math.min(Integer.MAX_VALUE,
                    (long) Math.ceil(examples.size() / (double) settings.batchSize()) * config.epochs());
            String why = untrained;
            if (why == null && steps == 0) {
                why = config.epochs() == 0 ? "the configuration trains 0 epochs" : "no training task fits the model's context";
            } else if (why == null && steps > settings.stepBudget()) {
                why = "over the step budget: " + steps + " steps > " + settings.stepBudget();
            }
            LoraAdapter adapter = null;
            double loss = 0;
            if (why == null) {
                int longest = examples.stream().mapToInt(Example::length).max().orElseThrow();
                adapter = LoraAdapter.initialize(settings.lora(), model.weights(), seed, arena);
                Backprop backprop = new Backprop(model, adapter, longest * settings.batchSize(), longest, false);
                Trainer.Result r = new Trainer(backprop, new TrainSettings((float) config.learningRate(), config.epochs(), 0,
                        settings.batchSize(), 1, LrSchedule.COSINE, (int) Math.round(settings.warmupFraction() * steps), 0f, 1f, seed))
                        .train(examples, null);
                loss = r.trainLoss();
            }
            List<ArcResult.TestAnswer> tests = new ArrayList<>();
            for (ArcPair test : task.test()) {
                tests.add(ArcPrediction.answer(generator, adapter, task.train(), test, model.config().contextLength()));
            }
            return new ArcResult(tests.stream().allMatch(ArcResult.TestAnswer::correct), why, examples.size(),
                    why == null ? steps : 0, loss, tests, (System.nanoTime() - start) / 1e9);
        }
    }

    /** The training tasks as examples, those longer than the model's context left out. */
    private List<Example> examples(Workbench bench) {
        if (config == null || config.epochs() == 0) {
            return List.of();
        }
        boolean outputOnly = config.strategy() == TttConfig.Strategy.OUTPUT_TOKENS;
        ExampleEncoder encoder = new ExampleEncoder(bench.tokenizer(), outputOnly ? LossMode.COMPLETION : LossMode.ALL, false);
        int context = bench.model().config().contextLength();
        List<Example> out = new ArrayList<>();
        for (TttData.Training t : TttData.tasks(task.train(), config, settings.leaveOutTwo(), settings.maxExamples(), seed)) {
            Example e = encoder.encode(outputOnly ? new TrainingRecord.PromptCompletion(t.prompt(), t.answer())
                    : new TrainingRecord.Text(t.text()));
            if (e.length() <= context) {
                out.add(e);
            }
        }
        return out;
    }
}
