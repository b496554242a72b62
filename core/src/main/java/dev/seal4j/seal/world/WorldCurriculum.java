package dev.seal4j.seal.world;

import dev.seal4j.engine.generate.Generator;
import dev.seal4j.engine.model.KvCache;
import dev.seal4j.engine.model.ModelConfig;
import dev.seal4j.engine.model.Transformer;
import dev.seal4j.engine.tensor.VectorMath;
import dev.seal4j.engine.tokenizer.BpeTrainer;
import dev.seal4j.engine.tokenizer.Tokenizer;
import dev.seal4j.seal.pretrain.Curriculum;
import dev.seal4j.seal.pretrain.Stage;
import dev.seal4j.seal.pretrain.TrainingPlan;
import dev.seal4j.seal.selfedit.SelfEditFormat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The built-in world's curriculum ({@link PretrainRecipe}): induction drills, copying, reading, storage and
 * extraction, self-edit writing — each stage's documents drawn from the world's corpus with induction drills
 * mixed in, each gate measured on people and drills no training step has seen.
 */
public final class WorldCurriculum implements Curriculum {
    private final PretrainRecipe recipe;
    private final PretrainingCorpus corpus;

    public WorldCurriculum(PretrainRecipe recipe) {
        this.recipe = recipe;
        this.corpus = PretrainingCorpus.of(recipe.world());
    }

    public PretrainRecipe recipe() {
        return recipe;
    }

    @Override
    public TrainingPlan plan() {
        return recipe.plan();
    }

    @Override
    public List<PretrainRecipe.Stage> stages() {
        return recipe.stages();
    }

    /** Documents far beyond what training reads, so the tokenizer's sample is its own. */
    @Override
    public List<String> tokenizerTexts() {
        List<String> texts = new ArrayList<>();
        for (PretrainRecipe.Stage st : recipe.stages()) {
            if (st.stage() != null) {
                corpus.documents(st.stage(), 50_000_000L, recipe.tokenizerDocs()).forEach(d -> texts.add(d.text()));
            }
        }
        return texts;
    }

    @Override
    public String preTokenizerRegex() {
        return BpeTrainer.GPT2_REGEX;
    }

    @Override
    public String endOfText() {
        return TextFormat.EOS;
    }

    @Override
    public String chatTemplate() {
        return TextFormat.CHAT_TEMPLATE;
    }

    @Override
    public List<Path> describe(Path modelDir) {
        new BuiltInModel(recipe.world(), BuiltInModel.defaultInnerLoop()).write(modelDir);
        return List.of(modelDir.resolve(BuiltInModel.FILE));
    }

    @Override
    public Lessons lessons(Transformer model, Tokenizer tokenizer) {
        return new WorldLessons(model, tokenizer);
    }

    private final class WorldLessons implements Lessons {
        final Transformer model;
        final Tokenizer tokenizer;
        final WorldAbilities abilities;
        final InductionDrills drills;

        WorldLessons(Transformer model, Tokenizer tokenizer) {
            this.model = model;
            this.tokenizer = tokenizer;
            this.abilities = new WorldAbilities(corpus.world(), new Generator(model, tokenizer));
            this.drills = new InductionDrills(recipe.plan().seed(), tokenizer, corpus, model.config().vocabSize());
        }

        @Override
        public int[] document(Stage stage, long k, int stageStep) {
            PretrainRecipe.Stage s = (PretrainRecipe.Stage) stage;
            return drills.isDrill(s, k) ? drills.drill(k, InductionDrills.maxPeriod(s, stageStep))
                    : tokenizer.encode(corpus.document(s.stage(), k).text());
        }

        /** Measures a stage's gate on people and drills no training step has seen. */
        @Override
        public Measurement measure(Stage stage, long step) {
            long seed = 0x6A7E + step;
            List<Person> fresh = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                fresh.add(Populations.drillPerson(corpus.world(), 0x6A7E, step, i));
            }
            return switch (((PretrainRecipe.Stage) stage).gate()) {
                case INDUCTION -> new Measurement(inductionAccuracy(step), "the lower teacher-forced accuracy on repeats: "
                        + "64 fresh short lists of world words, 16 random sequences at period 100");
                case COPYING -> new Measurement(abilities.copyAccuracy(64, seed), "copy accuracy on 64 fresh drills");
                case READING -> new Measurement(WorldAbilities.accuracy(abilities.answer(fresh, true, AttributeKind.DIRECT, 3)),
                        "QA with the passage in context, 120 questions about fresh people");
                case EXTRACTION -> {
                    List<Person> heldOut = corpus.populations().qaHeldOutPeople();
                    yield new Measurement(WorldAbilities.accuracy(abilities.answer(heldOut.subList(0, Math.min(60, heldOut.size())),
                            false, AttributeKind.DIRECT, 2)), "QA without context on pretraining people never shown in QA form");
                }
                case SELF_EDITS -> {
                    WorldAbilities.SelfEditQuality q = abilities.selfEdits(fresh.subList(0, 16), SelfEditFormat.IMPLICATIONS, 2, 1f, seed);
                    yield new Measurement(Math.min(q.factPrecision(), q.parseRate()), "min(parse rate " + q.parseRate()
                            + ", fact precision " + q.factPrecision() + "), coverage mean " + q.coverageMean());
                }
            };
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
                    longRandom.add(drills.repeated(Rng.of(recipe.plan().seed(), 0x6A7E, k), 100, 2));
                }
            }
            return Math.min(copyAccuracy(words), copyAccuracy(longRandom));
        }

        /** Teacher-forced next-token accuracy on each document's tokens after its first period. */
        private double copyAccuracy(List<InductionDrills.Repeats> docs) {
            ModelConfig config = model.config();
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
    }
}
