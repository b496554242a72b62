package dev.seal4j.engine.train;

import dev.seal4j.engine.model.Backprop;
import dev.seal4j.engine.tensor.CrossEntropy;

import java.util.List;

/** Lays examples out as one ragged batch: rows are the concatenated sequences, positions restart at 0. */
public final class Batches {
    private Batches() {
    }

    public static Backprop.Batch of(List<Example> examples) {
        int n = examples.stream().mapToInt(Example::length).sum();
        int[] tokens = new int[n], targets = new int[n], pos = new int[n];
        int row = 0;
        for (Example e : examples) {
            for (int t = 0; t < e.length(); t++, row++) {
                tokens[row] = e.tokens()[t];
                pos[row] = t;
                targets[row] = t + 1 < e.length() && e.trains()[t + 1] ? e.tokens()[t + 1] : CrossEntropy.IGNORE;
            }
        }
        return new Backprop.Batch(tokens, targets, pos, n);
    }
}
