package dev.seal4j.engine.train;

import dev.seal4j.engine.BadInputException;

import java.util.Locale;

/** Which tokens of a prompt/completion record count in the loss. */
public enum LossMode {
    /** Every token. */
    ALL,
    /** Completion tokens only (the default for prompt/completion records). */
    COMPLETION;

    public static LossMode parse(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadInputException("unknown loss mode '" + name + "' (use all or completion)");
        }
    }
}
