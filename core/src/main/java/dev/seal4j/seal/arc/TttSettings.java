package dev.seal4j.seal.arc;

import dev.seal4j.engine.Checks;
import dev.seal4j.engine.model.LoraConfig;
import dev.seal4j.engine.model.LoraTarget;

import java.io.Serializable;
import java.util.EnumSet;
import java.util.Set;

/**
 * How test-time training and prediction run, beyond what a self-edit chooses.
 *
 * @param loraRank       adapter rank (paper: 128)
 * @param loraAlpha      adapter alpha (paper: 16)
 * @param targets        adapted projections (paper: q, v, gate, down, up)
 * @param batchSize      tasks per step (paper: 2)
 * @param warmupFraction share of the steps spent warming up, then a cosine decay (paper: cosine with warm-up)
 * @param maxExamples    most training tasks generated (paper: 250)
 * @param stepBudget     a configuration that would take more optimizer steps trains nothing: an empty adapter
 *                       (paper: 375)
 * @param leaveOutTwo    also build training tasks that leave two demonstrations out (paper: yes)
 */
public record TttSettings(int loraRank, float loraAlpha, Set<LoraTarget> targets, int batchSize, double warmupFraction,
                          int maxExamples, int stepBudget, boolean leaveOutTwo) implements Serializable {
    public static final TttSettings PAPER = new TttSettings(128, 16f, EnumSet.of(LoraTarget.Q_PROJ, LoraTarget.V_PROJ,
            LoraTarget.GATE_PROJ, LoraTarget.DOWN_PROJ, LoraTarget.UP_PROJ), 2, 0.1, 250, 375, true);

    public TttSettings {
        targets = LoraTarget.setOf(targets);
        Checks.atLeast("the test-time training batch size", batchSize, 1);
        Checks.atLeast("the most test-time training examples", maxExamples, 1);
        Checks.atLeast("the test-time training step budget", stepBudget, 1);
        new LoraConfig(loraRank, loraAlpha, 0f, targets); // checks the adapter's shape
    }

    public LoraConfig lora() {
        return new LoraConfig(loraRank, loraAlpha, 0f, targets);
    }
}
