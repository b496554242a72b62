package dev.seal4j.engine.model;

import dev.seal4j.engine.BadInputException;

import java.util.EnumSet;
import java.util.Set;

/**
 * LoRA hyperparameters: W' = W + (alpha / rank) · B·A on every target module of every layer.
 *
 * @param rank    r, the inner width of A (r, in) and B (out, r)
 * @param alpha   scaling numerator
 * @param dropout probability of zeroing an input element of the LoRA branch while training
 * @param targets which linear layers get adapters
 */
public record LoraConfig(int rank, float alpha, float dropout, Set<LoraTarget> targets) {
    public LoraConfig {
        if (rank < 1) {
            throw new BadInputException("LoRA rank must be >= 1, got " + rank);
        }
        if (!Float.isFinite(alpha)) {
            throw new BadInputException("LoRA alpha must be a finite number, got " + alpha);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new BadInputException("LoRA dropout must be in [0, 1), got " + dropout);
        }
        if (targets.isEmpty()) {
            throw new BadInputException("LoRA needs at least one target module");
        }
        targets = Set.copyOf(EnumSet.copyOf(targets));
    }

    public float scale() {
        return alpha / rank;
    }
}
