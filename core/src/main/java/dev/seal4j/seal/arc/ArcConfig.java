package dev.seal4j.seal.arc;

import dev.seal4j.engine.BadInputException;
import dev.seal4j.engine.Checks;
import dev.seal4j.engine.model.LoraTarget;
import dev.seal4j.seal.outer.GeneratorTraining;
import dev.seal4j.seal.outer.RestEmConfig;
import dev.seal4j.seal.outer.SelectionRule;
import dev.seal4j.seal.outer.SelfEditSampling;

import java.util.EnumSet;
import java.util.List;

/**
 * Everything a few-shot (ARC) experiment does, as config.yaml records it. {@link #PAPER} holds the SEAL paper's
 * settings; the command line and the demo overlay them.
 *
 * @param methods   what the table compares
 * @param evalTasks evaluation tasks used (0: all)
 * @param samples   self-edits per evaluation task for the self-edit methods (paper: 5)
 * @param selfEdits how self-edits are sampled (paper: temperature 0.8, 128 tokens)
 * @param restEm    the outer loop (paper: one round; every self-edit that solved its task is learned)
 * @param ttt       test-time training and prediction
 * @param generator the generator's fine-tuning in each round (paper: LoRA r 16, alpha 16, lr 5e-5, 8 epochs)
 * @param oracle    the oracle's fixed configuration
 * @param seed      everything random in the run derives from it
 */
public record ArcConfig(List<ArcMethod> methods, int evalTasks, int samples, SelfEditSampling selfEdits, RestEmConfig restEm,
                        TttSettings ttt, GeneratorTraining generator, TttConfig oracle, long seed) {
    public static final List<ArcMethod> PAPER_METHODS = List.of(ArcMethod.ICL, ArcMethod.TTT_BASE_SELF_EDITS, ArcMethod.SEAL,
            ArcMethod.ORACLE_TTT);
    public static final ArcConfig PAPER = new ArcConfig(PAPER_METHODS, 0, 5, new SelfEditSampling(128, 0.8f, 1f),
            new RestEmConfig(1, 12, 15, 1, SelectionRule.POSITIVE), TttSettings.PAPER,
            new GeneratorTraining(16, 16f, EnumSet.allOf(LoraTarget.class), 5e-5f, 8, 1, true),
            new TttConfig(true, false, false, false, TttConfig.Strategy.ALL_TOKENS, 1e-4, 3), 0);

    public ArcConfig {
        methods = List.copyOf(methods);
        if (methods.isEmpty()) {
            throw new BadInputException("--methods names no method");
        }
        Checks.atLeast("--eval-tasks", evalTasks, 0);
        Checks.atLeast("--samples", samples, 1);
        if (methods.stream().anyMatch(ArcMethod::trainsGenerator) && restEm.rounds() < 1) {
            throw new BadInputException("the seal and no_selection methods need --rounds >= 1");
        }
    }
}
