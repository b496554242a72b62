package dev.seal4j.seal.pretrain;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seal4j.engine.BadInputException;
import dev.seal4j.engine.format.AtomicFiles;
import dev.seal4j.engine.format.HfModelDir;
import dev.seal4j.engine.format.HfWeights;
import dev.seal4j.engine.model.Backprop;
import dev.seal4j.engine.model.Checkpoint;
import dev.seal4j.engine.model.ModelConfig;
import dev.seal4j.engine.model.ModelInit;
import dev.seal4j.engine.model.ModelWeights;
import dev.seal4j.engine.model.Transformer;
import dev.seal4j.engine.tensor.CrossEntropy;
import dev.seal4j.engine.tensor.DType;
import dev.seal4j.engine.tokenizer.BpeTrainer;
import dev.seal4j.engine.tokenizer.Tokenizer;
import dev.seal4j.engine.tokenizer.Tokenizers;
import dev.seal4j.engine.tokenizer.TrainedBpe;
import dev.seal4j.engine.train.AdamW;
import dev.seal4j.engine.train.OptimizerStep;
import dev.seal4j.engine.train.Trainer;
import dev.seal4j.engine.train.TrainingCheckpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.foreign.Arena;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Pretrains a model by a {@link Curriculum}: trains a BPE tokenizer on its texts, then runs the stages in
 * order, checking each stage's gate every so often and moving on once it passes (or its steps run out), then
 * a learning-rate cool-down. Everything needed to continue — weights, optimizer moments, stage, data
 * position, time spent — is checkpointed atomically, and a resumed run continues exactly as an uninterrupted
 * one would. Progress goes to {@code metrics.jsonl} (every step) and {@code gates.jsonl} (every gate check)
 * in the output folder; the finished model is {@code out/model}.
 */
public final class Pretrainer {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the pretrainer reports as it goes. */
    public interface Listener {
        void onStep(Step step);

        void onGate(GateCheck check);

        void onMessage(String message);
    }

    /** One optimizer step. */
    public record Step(long step, String stage, int stageStep, int stageMaxSteps, double loss, double lr, int tokens,
                       double seconds) {
    }

    /** One gate measurement. */
    public record GateCheck(long step, String stage, String gate, double value, double threshold, boolean passed, String detail) {
    }

    private final Curriculum curriculum;
    private final TrainingPlan plan;
    private final Path out;
    private final Listener listener;

    public Pretrainer(Curriculum curriculum, Path out, Listener listener) {
        this.curriculum = curriculum;
        this.plan = curriculum.plan();
        this.out = out;
        this.listener = listener;
    }

    public Path tokenizerDir() {
        return out.resolve("tokenizer");
    }

    public Path checkpoints() {
        return out.resolve("checkpoints");
    }

    /**
     * Trains until the curriculum is done, or for at most {@code maxStepsNow} steps in this call (0: no limit),
     * starting from the newest checkpoint when {@code resume}. Returns true when the whole curriculum finished.
     */
    public boolean run(boolean resume, int maxStepsNow) {
        boolean started = TrainingCheckpoint.latest(checkpoints()).isPresent();
        if (started && !resume) {
            throw BadInputException.inFile(out, "already holds a pretraining run; add --resume to continue it, or choose a new --out");
        }
        Tokenizer tokenizer = ensureTokenizer();
        int eos = tokenizer.idOf(curriculum.endOfText()).orElseThrow();
        ModelConfig config = plan.modelConfig(eos, eos);
        try (Arena arena = Arena.ofShared()) {
            PretrainState state;
            ModelWeights weights;
            var latest = TrainingCheckpoint.latest(checkpoints());
            if (latest.isPresent()) {
                try (Checkpoint ck = TrainingCheckpoint.openModel(latest.get())) {
                    weights = ModelWeights.from(ck).trainableCopy(arena);
                }
                state = PretrainState.of(TrainingCheckpoint.readState(latest.get()));
                listener.onMessage("resuming from " + latest.get().getFileName());
            } else {
                weights = ModelInit.random(config, plan.seed(), arena);
                state = PretrainState.START;
            }
            Transformer model = new Transformer(config, weights);
            int maxRows = plan.tokensPerStep() + plan.contextLength();
            Backprop backprop = new Backprop(model, null, maxRows, plan.contextLength(), false);
            AdamW optimizer = new AdamW(backprop.parameters(), 0.9f, plan.beta2(), 1e-8f, plan.weightDecay());
            latest.ifPresent(dir -> TrainingCheckpoint.restoreOptimizer(dir, optimizer, backprop.parameters()));
            Session s = new Session(config, model, new OptimizerStep(backprop, optimizer, 1f), curriculum.lessons(model, tokenizer), state);
            return s.train(maxStepsNow);
        }
    }

    /** The corpus tokenizer, trained once and kept in out/tokenizer. */
    private Tokenizer ensureTokenizer() {
        Path dir = tokenizerDir();
        if (!Files.isRegularFile(dir.resolve("tokenizer.json"))) {
            listener.onMessage("training a " + plan.vocabSize() + "-token BPE tokenizer on the corpus");
            String end = curriculum.endOfText();
            TrainedBpe bpe = BpeTrainer.train(curriculum.tokenizerTexts(),
                    new BpeTrainer.Options(plan.vocabSize(), curriculum.preTokenizerRegex(), List.of(end), true));
            try {
                Files.createDirectories(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            AtomicFiles.writeDirectory(dir, tmp -> bpe.save(tmp, new TrainedBpe.Config(end, end, false, curriculum.chatTemplate())));
        }
        return Tokenizers.load(dir);
    }

    /** One sitting of training. */
    private final class Session {
        final ModelConfig config;
        final Transformer model;
        final OptimizerStep optimizerStep;
        final Curriculum.Lessons lessons;
        final List<Path> description;
        PretrainState state;

        Session(ModelConfig config, Transformer model, OptimizerStep optimizerStep, Curriculum.Lessons lessons, PretrainState state) {
            this.config = config;
            this.model = model;
            this.optimizerStep = optimizerStep;
            this.lessons = lessons;
            this.state = state;
            // the model's description, copied beside every checkpoint's weights so the run can be measured
            this.description = curriculum.describe(out);
        }

        boolean train(int maxStepsNow) {
            int stepsNow = 0;
            long sittingStart = System.nanoTime();
            double secondsBefore = state.seconds();
            while (true) {
                if (state.cooling(curriculum) && state.cooldownStep() >= plan.cooldownSteps()) {
                    finish(secondsBefore, sittingStart);
                    return true;
                }
                if (maxStepsNow > 0 && stepsNow >= maxStepsNow) {
                    checkpoint(secondsBefore, sittingStart);
                    return false;
                }
                step(secondsBefore, sittingStart);
                stepsNow++;
                if (state.step() % plan.checkpointEvery() == 0) {
                    checkpoint(secondsBefore, sittingStart);
                }
            }
        }

        /** One optimizer step of the current stage (or of the cool-down), then its gate if due. */
        private void step(double secondsBefore, long sittingStart) {
            boolean cooling = state.cooling(curriculum);
            List<? extends Stage> stages = curriculum.stages();
            Stage stage = stages.get(Math.min(state.stageIndex(), stages.size() - 1));
            long docPos = state.position(stage.name());
            int stageStepBefore = state.stageStep();
            List<int[]> docs = new ArrayList<>();
            int tokens = 0;
            while (tokens < plan.tokensPerStep()) {
                int[] ids = lessons.document(stage, docPos++, stageStepBefore);
                if (ids.length > plan.contextLength()) {
                    ids = Arrays.copyOf(ids, plan.contextLength());
                }
                docs.add(ids);
                tokens += ids.length;
            }
            Backprop.Batch batch = batch(docs, tokens);
            long g = state.step();
            int cooldownStep = state.cooldownStep();
            double lr = plan.learningRate(g, cooling ? cooldownStep + 1 : 0);
            double loss;
            try {
                loss = optimizerStep.run(List.of(batch), lr, g, g + 1).loss();
            } catch (Trainer.DivergedException e) {
                throw new IllegalStateException(e.getMessage() + "; the last checkpoint is intact (lower the learning rate and --resume)");
            }
            state = state.stepped(curriculum, stage.name(), docPos);
            int stageStep = state.stageStep();
            double seconds = secondsBefore + (System.nanoTime() - sittingStart) / 1e9;
            Step info = new Step(g + 1, cooling ? "cooldown" : stage.name(), cooling ? cooldownStep + 1 : stageStep,
                    cooling ? plan.cooldownSteps() : stage.maxSteps(), loss, lr, tokens, seconds);
            log("metrics.jsonl", info);
            listener.onStep(info);
            if (!cooling && stageStep >= stage.minSteps()
                    && (stageStep % stage.evalEvery() == 0 || stageStep >= stage.maxSteps())) {
                Curriculum.Measurement m = lessons.measure(stage, g + 1);
                GateCheck check = new GateCheck(g + 1, stage.name(), stage.ability(), m.value(), stage.threshold(),
                        m.value() >= stage.threshold(), m.detail());
                log("gates.jsonl", check);
                listener.onGate(check);
                if (check.passed() || stageStep >= stage.maxSteps()) {
                    state = state.nextStage(check);
                    if (!check.passed()) {
                        listener.onMessage("stage " + stage.name() + " used its " + stage.maxSteps()
                                + " steps without passing its gate (" + check.gate() + " " + check.value() + " < "
                                + check.threshold() + "); moving on");
                    }
                }
            }
        }

        private Backprop.Batch batch(List<int[]> docs, int n) {
            int[] tokens = new int[n], targets = new int[n], pos = new int[n];
            int row = 0;
            for (int[] d : docs) {
                for (int t = 0; t < d.length; t++, row++) {
                    tokens[row] = d[t];
                    pos[row] = t;
                    targets[row] = t + 1 < d.length ? d[t + 1] : CrossEntropy.IGNORE;
                }
            }
            return new Backprop.Batch(tokens, targets, pos, n);
        }

        /** Saves a checkpoint of the current step, unless one exists already. */
        private void checkpoint(double secondsBefore, long sittingStart) {
            long step = state.step();
            if (Files.exists(checkpoints().resolve(String.format("step-%08d", step)))) {
                return;
            }
            state = state.withSeconds(secondsBefore + (System.nanoTime() - sittingStart) / 1e9);
            TrainingCheckpoint.save(checkpoints(), step, config, model.weights(), optimizerStep.optimizer(),
                    optimizerStep.backprop().parameters(), state.json(), checkpointFiles());
            TrainingCheckpoint.prune(checkpoints(), 2);
        }

        /** The tokenizer's files and the model's description, kept with every checkpoint's weights. */
        private List<Path> checkpointFiles() {
            return Stream.concat(tokenizerFiles().stream(), description.stream()).toList();
        }

        private void finish(double secondsBefore, long sittingStart) {
            checkpoint(secondsBefore, sittingStart);
            Path dir = out.resolve("model");
            if (!Files.exists(dir)) {
                HfModelDir.write(dir, config, HfWeights.of(model.weights(), DType.BF16), HfModelDir.DEFAULT_SHARD_BYTES, tokenizerFiles());
                curriculum.describe(dir);
                AtomicFiles.write(dir.resolve("generation_config.json"), ("{\n  \"bos_token_id\": " + config.bosTokenId()
                        + ",\n  \"eos_token_id\": " + config.eosTokenIds().getFirst() + ",\n  \"do_sample\": false\n}\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            listener.onMessage("pretraining finished: " + dir);
        }

        private List<Path> tokenizerFiles() {
            try (Stream<Path> files = Files.list(tokenizerDir())) {
                return files.filter(Files::isRegularFile).sorted().toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void log(String file, Object record) {
            try (Writer w = Files.newBufferedWriter(out.resolve(file), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
                w.write(JSON.writeValueAsString(record));
                w.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
