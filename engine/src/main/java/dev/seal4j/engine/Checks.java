package dev.seal4j.engine;

/** Range checks of user-given values; a failure names the flag or field ({@code what}) and the value. */
public final class Checks {
    private Checks() {
    }

    /** A finite number above zero (a learning rate, a scale). */
    public static void positive(String what, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new BadInputException(what + " must be a number > 0, got " + value);
        }
    }

    /** A whole number of at least {@code min}. */
    public static void atLeast(String what, long value, long min) {
        if (value < min) {
            throw new BadInputException(what + " must be >= " + min + ", got " + value);
        }
    }
}
