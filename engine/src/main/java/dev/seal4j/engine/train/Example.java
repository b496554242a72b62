package dev.seal4j.engine.train;

/**
 * A tokenized training sequence: tokens[t] and whether predicting tokens[t] from tokens[..t) counts in the
 * loss (trains[0] is always false: nothing predicts the first token).
 */
public record Example(int[] tokens, boolean[] trains) {
    public Example {
        if (tokens.length != trains.length) {
            throw new IllegalArgumentException("tokens and loss mask differ in length");
        }
    }

    public int length() {
        return tokens.length;
    }

    /** Number of tokens that count in the loss. */
    public int predicted() {
        int n = 0;
        for (int t = 1; t < trains.length; t++) {
            if (trains[t]) {
                n++;
            }
        }
        return n;
    }

    /** The first {@code n} tokens. */
    public Example truncate(int n) {
        return new Example(java.util.Arrays.copyOf(tokens, n), java.util.Arrays.copyOf(trains, n));
    }
}
