package dev.seal4j.seal.world;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seal4j.engine.BadInputException;
import dev.seal4j.engine.format.AtomicFiles;
import dev.seal4j.engine.format.HfModelDir;
import dev.seal4j.engine.format.HfWeights;
import dev.seal4j.engine.generate.Generator;
import dev.seal4j.engine.model.Backprop;
import dev.seal4j.engine.model.Checkpoint;
import dev.seal4j.engine.model.KvCache;
import dev.seal4j.engine.model.ModelConfig;
import dev.seal4j.engine.model.ModelInit;
import dev.seal4j.engine.model.ModelWeights;
import dev.seal4j.engine.model.Transformer;
import dev.seal4j.engine.tensor.CrossEntropy;
import dev.seal4j.engine.tensor.DType;
import dev.seal4j.engine.tensor.VectorMath;
import dev.seal4j.engine.tokenizer.BpeTrainer;
import dev.seal4j.engine.tokenizer.Tokenizer;
import dev.seal4j.engine.tokenizer.Tokenizers;
import dev.seal4j.engine.tokenizer.TrainedBpe;
import dev.seal4j.engine.train.AdamW;
import dev.seal4j.engine.train.OptimizerStep;
import dev.seal4j.engine.train.Trainer;
import dev.seal4j.engine.train.TrainingCheckpoint;
import dev.seal4j.seal.selfedit.SelfEditFormat;

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
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Pretrains a model on a world by a {@link PretrainRecipe}: trains a BPE tokenizer on the corpus, then runs
 * the curriculum stage by stage, checking each stage's gate every so often and moving on once it passes.
 * Everything needed to continue — weights, optimizer moments, stage, data position, time spent — is
 * checkpointed atomically, and a resumed run continues exactly as an uninterrupted one would. Progress goes
 * to {@code metrics.jsonl} (every step) and {@code gates.jsonl} (every gate check) in the output folder.
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
    public record GateCheck(long step, String stage, PretrainRecipe.Gate gate, double value, double threshold,
                            boolean passed, String detail) {
    }

    private final PretrainRecipe recipe;
    private final Path out;
    private final Listener listener;
    private final PretrainingCorpus corpus;

    public Pretrainer(PretrainRecipe recipe, Path out, Listener listener) {
        this.recipe = recipe;
        this.out = out;
        this.listener = listener;
        this.corpus = PretrainingCorpus.of(recipe.world());
    }

    public Path tokenizerDir() {
        return out.resolve("tokenizer");
    }

    public Path checkpoints() {
        return out.resolve("checkpoints");
    }

    /**
     * Trains until the curriculum is done, or for at most {@code maxStepsNow} steps in this call (0: no limit),
     * starting from the newest checkpoint when {@code resume}. Returns true when the whole recipe finished.
     */
    public boolean run(boolean resume, int maxStepsNow) {
        boolean started = TrainingCheckpoint.latest(checkpoints()).isPresent();
        if (started && !resume) {
            throw BadInputException.inFile(out, "already holds a pretraining run; add --resume to continue it, or choose a new --out");
        }
        Tokenizer tokenizer = ensureTokenizer();
        int eos = tokenizer.idOf(TextFormat.EOS).orElseThrow();
        ModelConfig config = recipe.modelConfig(eos, eos);
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
                weights = ModelInit.random(config, recipe.seed(), arena);
                state = PretrainState.START;
            }
            Transformer model = new Transformer(config, weights);
            int maxRows = recipe.tokensPerStep() + recipe.contextLength();
            Backprop backprop = new Backprop(model, null, maxRows, recipe.contextLength(), false);
            AdamW optimizer = new AdamW(backprop.parameters(), 0.9f, recipe.beta2(), 1e-8f, recipe.weightDecay());
            latest.ifPresent(dir -> TrainingCheckpoint.restoreOptimizer(dir, optimizer, backprop.parameters()));
            Session s = new Session(config, tokenizer, model, new OptimizerStep(backprop, optimizer, 1f), state);
            return s.train(maxStepsNow);
        }
    }

    /** The corpus tokenizer, trained once and kept in out/tokenizer. */
    private Tokenizer ensureTokenizer() {
        Path dir = tokenizerDir();
        if (!Files.isRegularFile(dir.resolve("tokenizer.json"))) {
            listener.onMessage("training a " + recipe.vocabSize() + "-token BPE tokenizer on the corpus");
            List<String> texts = new ArrayList<>();
            for (PretrainRecipe.Stage st : recipe.stages()) {
                if (st.stage() != null) { // documents far beyond what training reads, so the sample is its own
                    corpus.documents(st.stage(), 50_000_000L, recipe.tokenizerDocs()).forEach(d -> texts.add(d.text()));
                }
            }
            TrainedBpe bpe = BpeTrainer.train(texts, BpeTrainer.Options.of(recipe.vocabSize(), List.of(TextFormat.EOS)));
            try {
                Files.createDirectories(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            AtomicFiles.writeDirectory(dir, tmp -> bpe.save(tmp,
                    new TrainedBpe.Config(TextFormat.EOS, TextFormat.EOS, false, TextFormat.CHAT_TEMPLATE)));
        }
        return Tokenizers.load(dir);
    }

    /** The learning rate of global step g (0-based). */
    double learningRate(long g, int cooldownStep) {
        double lr = recipe.lr();
        if (g < recipe.warmupSteps()) {
            return lr * (g + 1) / recipe.warmupSteps();
        }
        if (cooldownStep > 0) {
            return lr * (1 - 0.9 * Math.min(1.0, (double) cooldownStep / recipe.cooldownSteps()));
        }
        return lr;
    }

    /** One sitting of training. */
    private final class Session {
        final ModelConfig config;
        final Tokenizer tokenizer;
        final Transformer model;
        final OptimizerStep optimizerStep;
        final WorldAbilities abilities;
        final InductionDrills drills;
        PretrainState state;

        Session(ModelConfig config, Tokenizer tokenizer, Transformer model, OptimizerStep optimizerStep, PretrainState state) {
            this.config = config;
            this.tokenizer = tokenizer;
            this.model = model;
            this.optimizerStep = optimizerStep;
            this.state = state;
            this.abilities = new WorldAbilities(corpus.world(), new Generator(model, tokenizer));
            this.drills = new InductionDrills(recipe.seed(), tokenizer, corpus, config.vocabSize());
            // world.json of the run, copied beside every checkpoint's weights so `seal world eval` can measure it
            new BuiltInModel(recipe.world(), BuiltInModel.defaultInnerLoop()).write(out);
        }

        boolean train(int maxStepsNow) {
            int stepsNow = 0;
            long sittingStart = System.nanoTime();
            double secondsBefore = state.seconds();
            while (true) {
                if (state.cooling(recipe) && state.cooldownStep() >= recipe.cooldownSteps()) {
                    finish(secondsBefore, sittingStart);
                    return true;
                }
                if (maxStepsNow > 0 && stepsNow >= maxStepsNow) {
                    checkpoint(secondsBefore, sittingStart);
                    return false;
                }
                step(secondsBefore, sittingStart);
                stepsNow++;
                if (state.step() % recipe.checkpointEvery() == 0) {
                    checkpoint(secondsBefore, sittingStart);
                }
            }
        }

        /** One optimizer step of the current stage (or of the cool-down), then its gate if due. */
        private void step(double secondsBefore, long sittingStart) {
            boolean cooling = state.cooling(recipe);
            PretrainRecipe.Stage stage = recipe.stages().get(Math.min(state.stageIndex(), recipe.stages().size() - 1));
            long docPos = state.position(stage.name());
            int stageStepBefore = state.stageStep();
            List<int[]> docs = new ArrayList<>();
            int tokens = 0;
            while (tokens < recipe.tokensPerStep()) {
                long k = docPos++;
                int[] ids = drills.isDrill(stage, k) ? drills.drill(k, InductionDrills.maxPeriod(stage, stageStepBefore))
                        : tokenizer.encode(corpus.document(stage.stage(), k).text());
                if (ids.length > recipe.contextLength()) {
                    ids = java.util.Arrays.copyOf(ids, recipe.contextLength());
                }
                docs.add(ids);
                tokens += ids.length;
            }
            Backprop.Batch batch = batch(docs, tokens);
            long g = state.step();
            int cooldownStep = state.cooldownStep();
            double lr = learningRate(g, cooling ? cooldownStep + 1 : 0);
            double loss;
            try {
                loss = optimizerStep.run(List.of(batch), lr, g, g + 1).loss();
            } catch (Trainer.DivergedException e) {
                throw new IllegalStateException(e.getMessage() + "; the last checkpoint is intact (lower the learning rate and --resume)");
            }
            state = state.stepped(recipe, stage.name(), docPos);
            int stageStep = state.stageStep();
            double seconds = secondsBefore + (System.nanoTime() - sittingStart) / 1e9;
            Step info = new Step(g + 1, cooling ? "cooldown" : stage.name(), cooling ? cooldownStep + 1 : stageStep,
                    cooling ? recipe.cooldownSteps() : stage.maxSteps(), loss, lr, tokens, seconds);
            log("metrics.jsonl", JSON.valueToTree(info));
            listener.onStep(info);
            if (!cooling && stageStep >= stage.minSteps()
                    && (stageStep % stage.evalEvery() == 0 || stageStep >= stage.maxSteps())) {
                GateCheck check = measure(stage, g + 1);
                log("gates.jsonl", JSON.valueToTree(check));
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

        /**
         * Teacher-forced next-token accuracy on the repeated parts of fresh drills, the lower of two: short
         * world copy drills (copying the world's words) and random tokens repeated at a period of 100 (copying
         * across the offsets of real documents).
         */
        private double inductionAccuracy(long seed) {
            List<InductionDrills.Repeats> words = new ArrayList<>(), longRandom = new ArrayList<>();
            for (int d = 0; d < 64; d++) {
                long k = Long.MAX_VALUE - seed * 64 - d; // never a training document
                words.add(drills.shortCopy(k));
                if (d < 16) {
                    longRandom.add(drills.repeated(Rng.of(recipe.seed(), 0x6A7E, k), 100, 2));
                }
            }
            return Math.min(copyAccuracy(words), copyAccuracy(longRandom));
        }

        /** Teacher-forced next-token accuracy on each document's tokens after its first period. */
        private double copyAccuracy(List<InductionDrills.Repeats> docs) {
            int right = 0, total = 0;
            for (InductionDrills.Repeats r : docs) {
                int[] doc = r.tokens();
                int n = Math.min(doc.length, config.contextLength());
                Transformer.Workspace ws = model.workspace(n, null);
                KvCache[] caches = new KvCache[n];
                Arrays.fill(caches, new KvCache(config, n));
                int[] rows = IntStream.range(0, n).toArray();
                float[] logits = new float[n * config.vocabSize()];
                model.forward(ws, doc, caches, n, null, rows, n, logits);
                for (int i = r.period(); i < n - 1; i++) { // row i predicts doc[i + 1], a copy
                    total++;
                    right += VectorMath.argmax(logits, i * config.vocabSize(), config.vocabSize()) == doc[i + 1] ? 1 : 0;
                }
            }
            return total == 0 ? 0 : (double) right / total;
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

        /** Measures a stage's gate on people and drills no training step has seen. */
        private GateCheck measure(PretrainRecipe.Stage stage, long step) {
            long seed = 0x6A7E + step;
            List<Person> fresh = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                fresh.add(Populations.drillPerson(corpus.world(), 0x6A7E, step, i));
            }
            double value;
            String detail;
            switch (stage.gate()) {
                case INDUCTION -> {
                    value = inductionAccuracy(step);
                    detail = "the lower teacher-forced accuracy on repeats: 64 fresh short lists of world words, 16 random"
                            + " sequences at period 100";
                }
                case COPYING -> {
                    value = abilities.copyAccuracy(64, seed);
                    detail = "copy accuracy on 64 fresh drills";
                }
                case READING -> {
                    value = WorldAbilities.accuracy(abilities.answer(fresh, true, AttributeKind.DIRECT, 3));
                    detail = "QA with the passage in context, 120 questions about fresh people";
                }
                case EXTRACTION -> {
                    List<Person> heldOut = corpus.populations().qaHeldOutPeople();
                    value = WorldAbilities.accuracy(abilities.answer(heldOut.subList(0, Math.min(60, heldOut.size())),
                            false, AttributeKind.DIRECT, 2));
                    detail = "QA without context on pretraining people never shown in QA form";
                }
                case SELF_EDITS -> {
                    WorldAbilities.SelfEditQuality q = abilities.selfEdits(fresh.subList(0, 16),
                            SelfEditFormat.IMPLICATIONS, 2, 1f, seed);
                    value = Math.min(q.factPrecision(), q.parseRate());
                    detail = "min(parse rate " + q.parseRate() + ", fact precision " + q.factPrecision()
                            + "), coverage mean " + q.coverageMean();
                }
                default -> throw new IllegalStateException();
            }
            return new GateCheck(step, stage.name(), stage.gate(), value, stage.threshold(),
                    value >= stage.threshold(), detail);
        }

        /** Saves a checkpoint of the current step, unless one exists already. */
        private void checkpoint(double secondsBefore, long sittingStart) {
            long step = state.step();
            if (Files.exists(checkpoints().resolve(String.format("step-%08d", step)))) {
                return;
            }
            state = state.withSeconds(secondsBefore + (System.nanoTime() - sittingStart) / 1e9);
            List<Path> extraFiles = Stream.concat(tokenizerFiles().stream(), Stream.of(out.resolve(BuiltInModel.FILE))).toList();
            TrainingCheckpoint.save(checkpoints(), step, config, model.weights(), optimizerStep.optimizer(),
                    optimizerStep.backprop().parameters(), state.json(), extraFiles);
            TrainingCheckpoint.prune(checkpoints(), 2);
        }

        private void finish(double secondsBefore, long sittingStart) {
            checkpoint(secondsBefore, sittingStart);
            Path model = out.resolve("model");
            if (!Files.exists(model)) {
                HfModelDir.write(model, config, HfWeights.of(Pretrainer.Session.this.model.weights(), DType.BF16),
                        HfModelDir.DEFAULT_SHARD_BYTES, tokenizerFiles());
                new BuiltInModel(recipe.world(), BuiltInModel.defaultInnerLoop()).write(model);
                AtomicFiles.write(model.resolve("generation_config.json"), ("{\n  \"bos_token_id\": " + config.bosTokenId()
                        + ",\n  \"eos_token_id\": " + config.eosTokenIds().getFirst() + ",\n  \"do_sample\": false\n}\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            listener.onMessage("pretraining finished: " + model);
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
