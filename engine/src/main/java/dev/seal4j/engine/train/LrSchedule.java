package dev.seal4j.engine.train;

import dev.seal4j.engine.BadInputException;

import java.util.Locale;

/**
 * Learning-rate schedules as Hugging Face transformers defines them (get_constant_schedule_with_warmup,
 * get_linear_schedule_with_warmup, get_cosine_schedule_with_warmup): a linear warm-up from 0 over
 * {@code warmup} steps, then constant, linear decay to 0, or half a cosine to 0 at {@code total} steps.
 */
public enum LrSchedule {
    CONSTANT, LINEAR, COSINE;

    /** The multiplier of the base learning rate for the update of optimizer step {@code step} (0-based). */
    public double multiplier(long step, long warmup, long total) {
        if (step < warmup) {
            return (double) step / Math.max(1, warmup);
        }
        return switch (this) {
            case CONSTANT -> 1.0;
            case LINEAR -> Math.max(0.0, (double) (total - step) / Math.max(1, total - warmup));
            case COSINE -> {
                double progress = (double) (step - warmup) / Math.max(1, total - warmup);
                yield Math.max(0.0, 0.5 * (1.0 + Math.cos(Math.PI * progress)));
            }
        };
    }

    public static LrSchedule parse(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadInputException("unknown scheduler '" + name + "' (use constant, linear or cosine)");
        }
    }
}
