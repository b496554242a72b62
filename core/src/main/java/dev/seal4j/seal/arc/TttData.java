package dev.seal4j.seal.arc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The training tasks of test-time training, made from a task's demonstrations alone (Akyürek et al. 2024; the
 * SEAL paper's few-shot code): leave-one-out tasks (each demonstration in turn is the query, the others its
 * demonstrations) and, with three or more, leave-two-out tasks; each under every chosen augmentation that
 * keeps all its grids within 30 × 30, its colours permuted (the background kept) and its demonstrations
 * shuffled; at most {@code max} of them, drawn at random when there are more.
 */
final class TttData {
    private TttData() {
    }

    /** A generated training task: demonstrations and a query whose answer is known. */
    record Training(List<ArcPair> demonstrations, ArcPair query) {
        /** The whole task as text, answer included (the all-tokens strategy trains on all of it). */
        String text() {
            return prompt() + answer();
        }

        /** Up to where the answer starts. */
        String prompt() {
            return GridText.query(demonstrations, query.input());
        }

        /** The answer and the blank line that ends it. */
        String answer() {
            return GridText.grid(query.output()) + "\n";
        }
    }

    static List<Training> tasks(List<ArcPair> demonstrations, TttConfig config, boolean leaveOutTwo, int max, long seed) {
        Random random = new Random(seed);
        List<Training> plain = new ArrayList<>();
        int n = demonstrations.size();
        for (int i = 0; i < n && n >= 2; i++) {
            plain.add(new Training(without(demonstrations, i, -1), demonstrations.get(i)));
        }
        for (int i = 0; i < n && leaveOutTwo && n >= 3; i++) {
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    plain.add(new Training(without(demonstrations, i, j), demonstrations.get(i)));
                }
            }
        }
        List<Training> out = new ArrayList<>();
        for (Transform t : config.augmentations()) {
            for (Training task : plain) {
                if (fits(task, t)) {
                    out.add(varied(task, t, random));
                }
            }
        }
        if (out.size() > max) {
            Collections.shuffle(out, random);
            out = new ArrayList<>(out.subList(0, max));
        }
        return out;
    }

    private static List<ArcPair> without(List<ArcPair> demonstrations, int i, int j) {
        List<ArcPair> out = new ArrayList<>();
        for (int k = 0; k < demonstrations.size(); k++) {
            if (k != i && k != j) {
                out.add(demonstrations.get(k));
            }
        }
        return out;
    }

    private static boolean fits(Training task, Transform t) {
        List<ArcPair> all = new ArrayList<>(task.demonstrations());
        all.add(task.query());
        return all.stream().allMatch(p -> t.fits(p.input()) && t.fits(p.output()));
    }

    /** The task under {@code t}, then a colour permutation (0 stays) and its demonstrations shuffled. */
    private static Training varied(Training task, Transform t, Random random) {
        Transform colours = randomColours(random);
        Transform both = new Transform.Chain(t, colours);
        List<ArcPair> demos = new ArrayList<>(task.demonstrations().stream().map(p -> p.map(both)).toList());
        Collections.shuffle(demos, random);
        return new Training(demos, task.query().map(both));
    }

    /** A random permutation of colours 1–9; the background, 0, stays. */
    static Transform.Recolour randomColours(Random random) {
        List<Integer> rest = new ArrayList<>(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9));
        Collections.shuffle(rest, random);
        int[] colours = new int[Grid.COLOURS];
        for (int c = 1; c < Grid.COLOURS; c++) {
            colours[c] = rest.get(c - 1);
        }
        return new Transform.Recolour(colours);
    }
}
