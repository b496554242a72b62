package dev.seal4j.seal.world;

import dev.seal4j.seal.pretrain.TrainingPlan;

import java.util.List;

/**
 * How seal4j pretrains its built-in model on a world ({@link WorldCurriculum}): the model's shape and the
 * optimizer, the tokenizer, and the curriculum — stages that each train on a mix of document kinds until their
 * gate passes (or their step budget runs out), checked every {@code evalEvery} steps.
 *
 * @param world         the world and its populations
 * @param tokenizerDocs documents per stage the tokenizer is trained on
 * @param plan          the model and the optimization
 * @param stages        the curriculum, in order
 */
public record PretrainRecipe(WorldConfig world, int tokenizerDocs, TrainingPlan plan, List<Stage> stages) {

    /** A stage's gate: the ability it checks, the threshold, and its step budget. */
    public enum Gate { INDUCTION, COPYING, READING, EXTRACTION, SELF_EDITS }

    /**
     * @param name      the stage's name in logs and checkpoints
     * @param stage     the corpus stage (mix of document kinds), or null for the induction warm-up, which trains
     *                  on short sequences repeated: half random tokens, half short lists of the world's words. A
     *                  small model forms induction heads on such short repeats in a few hundred steps, where
     *                  on long documents it plateaus for thousands (the time to form them grows with the
     *                  square of the context length); the world's words keep its output distribution sane.
     * @param gate      the ability that must pass before the next stage
     * @param threshold the gate's pass mark (a fraction)
     * @param minSteps  steps before the gate is first checked
     * @param maxSteps  the stage ends here even if the gate has not passed (and the run says so)
     * @param evalEvery steps between gate checks
     * @param drillShare the fraction of the stage's documents that are induction drills (1 for the warm-up):
     *                  a copy circuit that has just formed on drills is lost again when the data switches to
     *                  long documents all at once, so later stages keep some drills in the mix
     */
    public record Stage(String name, CurriculumStage stage, Gate gate, double threshold, int minSteps, int maxSteps,
                        int evalEvery, double drillShare) implements dev.seal4j.seal.pretrain.Stage {
        @Override
        public String ability() {
            return gate.name();
        }

        /** A stage over the world corpus with {@code drillShare} of induction drills mixed in. */
        public Stage(CurriculumStage stage, Gate gate, double threshold, int minSteps, int maxSteps, int evalEvery,
                     double drillShare) {
            this(stage.name(), stage, gate, threshold, minSteps, maxSteps, evalEvery, drillShare);
        }

        /** The induction warm-up: short repeated sequences of random tokens and of world words. */
        public static Stage induction(double threshold, int minSteps, int maxSteps, int evalEvery) {
            return new Stage("induction", null, Gate.INDUCTION, threshold, minSteps, maxSteps, evalEvery, 1);
        }
    }

    /** The recipe of the committed built-in model (models/tiny-world). */
    public static PretrainRecipe builtIn(long worldSeed) {
        WorldConfig world = WorldConfig.defaults(worldSeed).withSizes(new PopulationSizes(1000, 300, 300, 0.25, 6));
        return new PretrainRecipe(world, 4000, new TrainingPlan(4096, 256, 6, 8, 4, 768, 768, 2048, 2e-3f, 200, 600, 0.1f, 0.98f, 200, 1),
                List.of(Stage.induction(0.8, 800, 2000, 100),
                        new Stage(CurriculumStage.named("copying"), Gate.COPYING, 0.9, 200, 2000, 200, 0.5),
                        new Stage(CurriculumStage.named("reading"), Gate.READING, 0.85, 300, 3000, 300, 0.1),
                        new Stage(CurriculumStage.named("storage"), Gate.EXTRACTION, 0.7, 1000, 6000, 500, 0.05),
                        new Stage(CurriculumStage.named("self-edit"), Gate.SELF_EDITS, 0.8, 500, 2500, 500, 0.05)));
    }

    /**
     * A recipe small enough for tests and smoke runs: a 2-layer model of width 64, a 512-token vocabulary, a
     * small population, short stages.
     */
    public static PretrainRecipe small(long worldSeed) {
        WorldConfig world = WorldConfig.defaults(worldSeed).withSizes(new PopulationSizes(40, 4, 4, 0.25, 2));
        return new PretrainRecipe(world, 60, new TrainingPlan(512, 64, 2, 4, 2, 128, 256, 512, 3e-3f, 4, 3, 0.1f, 0.98f, 5, 1),
                List.of(Stage.induction(0.9, 2, 3, 2),
                        new Stage(CurriculumStage.named("copying"), Gate.COPYING, 0.9, 4, 6, 3, 0.5),
                        new Stage(CurriculumStage.named("storage"), Gate.EXTRACTION, 0.7, 4, 6, 3, 0.1)));
    }
}
