package dev.seal4j.engine;

import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Values named by a label on the command line and in files (an enum constant's lower-case name, say). */
public final class Labels {
    private Labels() {
    }

    /**
     * The value whose label is {@code text} (surrounding blanks ignored); otherwise a one-line error naming
     * {@code what} was asked for and every known label.
     */
    public static <T> T parse(T[] values, Function<T, String> label, String text, String what) {
        for (T v : values) {
            if (label.apply(v).equals(text.strip())) {
                return v;
            }
        }
        throw new BadInputException("unknown " + what + " '" + text + "' (known: "
                + Arrays.stream(values).map(label).collect(Collectors.joining(", ")) + ")");
    }
}
