package dev.seal4j.seal.selfedit;

import dev.seal4j.engine.BadInputException;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How a self-edit completion is cut into training sequences (after splitting it on {@code ---}). */
public enum ParseMode {
    /** Each {@code ---} segment is one sequence (the paper's multi-passage setting). */
    WHOLE,
    /**
     * One sequence per non-empty line, dropping a leading filler line before a numbered list; text laid out as
     * "Question N: ... Answer N: ..." is kept as question–answer pairs (the paper's single-passage setting).
     */
    LINES,
    /** One sequence per "Question N: ... Answer N: ..." pair; falls back to {@link #LINES} without questions. */
    QA_PAIRS;

    /** The lower-case name used in flags and run configs: whole, lines, qa-pairs. */
    public String flagName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses a flag value (whole, lines, qa-pairs). */
    public static ParseMode fromFlag(String value) {
        for (ParseMode mode : values()) {
            if (mode.flagName().equals(value)) {
                return mode;
            }
        }
        String known = Arrays.stream(values()).map(ParseMode::flagName).collect(Collectors.joining(", "));
        throw new BadInputException("unknown self-edit parse mode '" + value + "' (known: " + known + ")");
    }
}
