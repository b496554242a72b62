package dev.seal4j.seal.inner;

import dev.seal4j.engine.generate.Generator;
import dev.seal4j.engine.generate.SamplingSettings;
import dev.seal4j.engine.model.Backprop;
import dev.seal4j.engine.model.LoraAdapter;
import dev.seal4j.engine.model.Transformer;
import dev.seal4j.engine.tokenizer.Tokenizer;
import dev.seal4j.engine.train.Example;
import dev.seal4j.engine.train.ExampleEncoder;
import dev.seal4j.engine.train.LossMode;
import dev.seal4j.engine.train.Trainer;
import dev.seal4j.engine.train.TrainingRecord;

import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.List;

/**
 * SEAL's inner loop: apply a self-edit by LoRA fine-tuning on its training sequences, then ask questions
 * without the passage. The base model is shared and never changes; each application trains a fresh adapter.
 * Replay texts ({@link ReplayPool}) are mixed into the sequences by the caller.
 */
public final class InnerLoop {
    private final Transformer model;
    private final Tokenizer tokenizer;
    private final InnerLoopConfig config;
    private final Generator generator;

    public InnerLoop(Transformer model, Tokenizer tokenizer, InnerLoopConfig config) {
        this.model = model;
        this.tokenizer = tokenizer;
        this.config = config;
        this.generator = new Generator(model, tokenizer);
    }

    public InnerLoopConfig config() {
        return config;
    }

    public Transformer model() {
        return model;
    }

    /** A trained adapter and how training went. */
    public record Adaptation(LoraAdapter adapter, double trainLoss, int steps, double seconds) {
    }

    /**
     * Trains a fresh adapter (PEFT initialisation, seeded) on {@code sequences}, each one {"text"} example cut
     * to the model's context. The adapter's memory belongs to {@code arena}.
     */
    public Adaptation adapt(List<String> sequences, long seed, Arena arena) {
        ExampleEncoder encoder = new ExampleEncoder(tokenizer, LossMode.ALL, config.appendEos());
        int context = model.config().contextLength();
        List<Example> examples = new ArrayList<>();
        for (String s : sequences) {
            Example e = encoder.encode(new TrainingRecord.Text(s));
            examples.add(e.length() > context ? e.truncate(context) : e);
        }
        int longest = examples.stream().mapToInt(Example::length).max().orElse(1);
        int rows = examples.stream().mapToInt(Example::length).sorted().skip(Math.max(0, examples.size() - config.batchSize()))
                .sum();
        LoraAdapter adapter = LoraAdapter.initialize(config.lora(), model.weights(), seed, arena);
        Backprop backprop = new Backprop(model, adapter, Math.max(1, rows), Math.max(1, longest), false);
        Trainer.Result r = new Trainer(backprop, config.trainSettings(seed)).train(examples, null);
        return new Adaptation(adapter, r.trainLoss(), r.steps(), r.seconds());
    }

    /** A question to ask about a topic. */
    public record Asked(String title, String question) {
    }

    /** Greedy answers (first line, trimmed) with the adapter applied, or the base model when it is null. */
    public List<String> answer(List<Asked> questions, LoraAdapter adapter) {
        List<int[]> prompts = questions.stream().map(q -> tokenizer.encode(config.prompt(q.title(), q.question()))).toList();
        return complete(prompts, adapter);
    }

    /** Greedy answers with the passage in the prompt ("{context}\n\n" + the question prompt), no adaptation. */
    public List<String> answerInContext(List<String> contexts, List<Asked> questions) {
        List<int[]> prompts = new ArrayList<>();
        for (int i = 0; i < questions.size(); i++) {
            prompts.add(tokenizer.encode(contexts.get(i) + "\n\n" + config.prompt(questions.get(i).title(), questions.get(i).question())));
        }
        return complete(prompts, null);
    }

    private List<String> complete(List<int[]> prompts, LoraAdapter adapter) {
        SamplingSettings greedy = SamplingSettings.greedy(config.maxAnswerTokens()).withStopStrings(List.of("\n"));
        List<String> out = new ArrayList<>();
        int batch = 32;
        for (int i = 0; i < prompts.size(); i += batch) {
            for (Generator.Output o : generator.generate(prompts.subList(i, Math.min(prompts.size(), i + batch)), 1,
                    greedy, adapter, null)) {
                out.add(o.text().trim());
            }
        }
        return out;
    }
}
