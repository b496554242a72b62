package dev.seal4j.seal.arc;

import dev.seal4j.engine.generate.Generator;
import dev.seal4j.engine.generate.SamplingSettings;
import dev.seal4j.engine.model.Transformer;
import dev.seal4j.engine.tokenizer.Tokenizer;
import dev.seal4j.seal.pretrain.Curriculum;
import dev.seal4j.seal.pretrain.Stage;
import dev.seal4j.seal.pretrain.TrainingPlan;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * How seal4j pretrains its grid model: few-shot tasks of the grid world's pretraining families written out
 * whole (every demonstration and the test, so the model learns to answer a query from the demonstrations),
 * and self-edit demonstrations (a task's self-edit prompt followed by a configuration from a broad prior,
 * {@link SelfEditPrior}). Gates: in-context accuracy on fresh tasks of single primitives, then of the
 * pretraining compositions, and that sampled self-edits parse.
 *
 * @param world         the grid world
 * @param ttt           the test-time training the model is described with
 * @param plan          the model and the optimization
 * @param stages        the curriculum, in order
 * @param tokenizerDocs documents the tokenizer is trained on
 */
public record GridCurriculum(GridWorld world, TttSettings ttt, TrainingPlan plan, List<GridStage> stages, int tokenizerDocs)
        implements Curriculum {
    /** Every digit a word of its own (one token per cell); other text in words and whitespace runs. */
    public static final String PRE_TOKENIZER = "\\p{N}| ?[^\\s\\p{N}]+|\\s*[\\r\\n]|\\s+";
    public static final String END = "<|endoftext|>";

    /** The abilities the stages' gates measure. */
    public enum Ability { SINGLE, COMPOSED, SELF_EDITS }

    /**
     * A stage: shares of its documents that are single-primitive tasks, composed tasks and self-edit
     * demonstrations; the rest of the fields as {@link Stage} says.
     */
    public record GridStage(String name, double singles, double pairs, double selfEdits, Ability gate, double threshold,
                            int minSteps, int maxSteps, int evalEvery) implements Stage {
        @Override
        public String ability() {
            return gate.name();
        }
    }

    /** The recipe of the committed grid model (models/tiny-grids). */
    public static GridCurriculum builtIn(long worldSeed) {
        return new GridCurriculum(GridWorld.standard(worldSeed), TttSettings.PAPER,
                new TrainingPlan(384, 192, 6, 6, 3, 512, 1024, 4096, 2e-3f, 200, 600, 0.1f, 0.98f, 200, 1),
                List.of(new GridStage("single", 1, 0, 0, Ability.SINGLE, 0.8, 1000, 6000, 500),
                        new GridStage("composed", 0.3, 0.55, 0.15, Ability.COMPOSED, 0.6, 1000, 8000, 500),
                        new GridStage("self-edits", 0.25, 0.5, 0.25, Ability.SELF_EDITS, 0.95, 200, 1000, 200)),
                20_000);
    }

    /** A small model that trains in minutes: for probes, tests and smoke runs. */
    public static GridCurriculum small(long worldSeed, int steps) {
        return new GridCurriculum(GridWorld.standard(worldSeed), TttSettings.PAPER,
                new TrainingPlan(384, 128, 4, 4, 2, 384, 1024, 4096, 3e-3f, Math.min(100, steps / 10), Math.max(1, steps / 10),
                        0.1f, 0.98f, Math.max(1, steps / 5), 1),
                List.of(new GridStage("single", 1, 0, 0, Ability.SINGLE, 0.8, steps / 4, steps / 2, Math.max(1, steps / 8)),
                        new GridStage("composed", 0.3, 0.55, 0.15, Ability.COMPOSED, 0.6, steps / 8, steps / 2, Math.max(1, steps / 8))),
                2_000);
    }

    @Override
    public List<String> tokenizerTexts() {
        List<String> texts = new ArrayList<>();
        GridStage all = new GridStage("tokenizer", 0.4, 0.4, 0.2, Ability.SINGLE, 0, 0, 0, 1);
        for (long k = 0; k < tokenizerDocs; k++) {
            texts.add(text(all, Long.MAX_VALUE / 2 + k));
        }
        return texts;
    }

    @Override
    public String preTokenizerRegex() {
        return PRE_TOKENIZER;
    }

    @Override
    public String endOfText() {
        return END;
    }

    @Override
    public String chatTemplate() {
        return null;
    }

    @Override
    public List<Path> describe(Path modelDir) {
        return List.of(new GridModel(world, ttt, ArcConfig.PAPER.oracle()).write(modelDir));
    }

    /** Document k of a stage: a task written out whole, or a self-edit demonstration, ending with the end token. */
    String text(GridStage stage, long k) {
        Random random = new Random(k * 0x9E3779B97F4A7C15L + plan.seed());
        double draw = random.nextDouble() * (stage.singles() + stage.pairs() + stage.selfEdits());
        List<GridWorld.Family> families = world.families(GridWorld.Split.PRETRAIN);
        int singles = Primitive.values().length;
        boolean single = draw < stage.singles();
        GridWorld.Family family = single ? families.get(random.nextInt(singles))
                : families.get(singles + random.nextInt(families.size() - singles));
        ArcTask task = world.task(family, "pretrain-" + k, random.nextLong());
        if (draw >= stage.singles() + stage.pairs()) {
            return ArcPrompt.of(task) + SelfEditPrior.draw(random).json() + "\n" + END;
        }
        StringBuilder out = new StringBuilder();
        task.train().forEach(p -> out.append(GridText.pair(p)));
        task.test().forEach(p -> out.append(GridText.pair(p)));
        return out.append(END).toString();
    }

    @Override
    public Lessons lessons(Transformer model, Tokenizer tokenizer) {
        Generator generator = new Generator(model, tokenizer);
        return new Lessons() {
            @Override
            public int[] document(Stage stage, long k, int stageStep) {
                return tokenizer.encode(text((GridStage) stage, k));
            }

            @Override
            public Measurement measure(Stage stage, long step) {
                GridStage s = (GridStage) stage;
                return switch (s.gate()) {
                    case SINGLE -> new Measurement(inContext(generator, true, step), "in-context accuracy on 40 fresh single-primitive tasks");
                    case COMPOSED -> new Measurement(inContext(generator, false, step),
                            "in-context accuracy on 40 fresh tasks of the pretraining compositions");
                    case SELF_EDITS -> new Measurement(parseRate(generator, step), "share of 40 sampled self-edits that parse");
                };
            }
        };
    }

    /** Fresh pretraining-family tasks (seeds no training document uses), singles or compositions. */
    private List<ArcTask> freshTasks(boolean singles, long step) {
        List<GridWorld.Family> families = world.families(GridWorld.Split.PRETRAIN);
        int n = Primitive.values().length;
        List<GridWorld.Family> chosen = singles ? families.subList(0, n) : families.subList(n, families.size());
        List<ArcTask> out = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            out.add(world.task(chosen.get(i % chosen.size()), "gate-" + i, -(step * 64 + i) - 1));
        }
        return out;
    }

    /** The share of fresh tasks whose test the model answers right, greedily, from the demonstrations alone. */
    private double inContext(Generator generator, boolean singles, long step) {
        List<ArcTask> tasks = freshTasks(singles, step);
        List<int[]> prompts = tasks.stream().map(t -> generator.tokenizer().encode(GridText.query(t.train(), t.test().getFirst().input()))).toList();
        int right = 0;
        for (int i = 0; i < tasks.size(); i += 8) {
            List<int[]> batch = prompts.subList(i, Math.min(tasks.size(), i + 8));
            int longest = tasks.subList(i, i + batch.size()).stream().mapToInt(t -> ArcPrediction.answerTokens(t.train(), t.test().getFirst().input()))
                    .max().orElse(1);
            List<Generator.Output> outs = generator.generate(batch, 1, SamplingSettings.greedy(longest).withStopStrings(List.of(GridText.END)), null, null);
            for (int j = 0; j < outs.size(); j++) {
                ArcTask t = tasks.get(i + j);
                right += GridText.parse(outs.get(j).text()).filter(g -> g.equals(t.test().getFirst().output())).isPresent() ? 1 : 0;
            }
        }
        return right / (double) tasks.size();
    }

    /** The share of self-edits sampled (temperature 1) for fresh tasks that parse into a configuration. */
    private double parseRate(Generator generator, long step) {
        List<ArcTask> tasks = freshTasks(false, step);
        List<int[]> prompts = tasks.stream().map(t -> generator.tokenizer().encode(ArcPrompt.of(t))).toList();
        int parsed = 0;
        for (int i = 0; i < prompts.size(); i += 8) {
            List<Generator.Output> outs = generator.generate(prompts.subList(i, Math.min(prompts.size(), i + 8)), 1,
                    new SamplingSettings(1f, 0, 1f, 1f, step, 128, List.of("\n"), false), null, null);
            parsed += (int) outs.stream().filter(o -> ArcSelfEdit.read(o.text()).accepted()).count();
        }
        return parsed / (double) prompts.size();
    }
}
