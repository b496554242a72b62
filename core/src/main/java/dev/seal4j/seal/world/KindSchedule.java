package dev.seal4j.seal.world;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Which kind document k of a stage is, and how many documents of that kind came before it — both computed
 * directly from k, so a run can resume at any document. Documents come in blocks of {@link #BLOCK}; each
 * block holds every kind in proportion to its weight (largest remainder), in a block-specific shuffled order.
 */
final class KindSchedule {
    static final int BLOCK = 200;
    private final long seed;
    private final DocumentKind[] kinds;
    private final int[] perBlock; // per kind, how many slots of each block

    KindSchedule(CurriculumStage stage, long seed) {
        this.seed = seed;
        this.kinds = stage.weights().keySet().stream().sorted().toArray(DocumentKind[]::new);
        double total = stage.weights().values().stream().mapToDouble(Double::doubleValue).sum();
        double[] exact = Arrays.stream(kinds).mapToDouble(k -> stage.weights().get(k) / total * BLOCK).toArray();
        perBlock = Arrays.stream(exact).mapToInt(x -> (int) Math.floor(x)).toArray();
        int left = BLOCK - Arrays.stream(perBlock).sum();
        List<Integer> byRemainder = new ArrayList<>();
        for (int i = 0; i < kinds.length; i++) {
            byRemainder.add(i);
        }
        byRemainder.sort(Comparator.comparingDouble((Integer i) -> perBlock[i] - exact[i]).thenComparing(i -> i));
        for (int i = 0; i < left; i++) {
            perBlock[byRemainder.get(i)]++;
        }
    }

    /** The kind of document k and its index among documents of that kind. */
    Slot slot(long k) {
        long block = k / BLOCK;
        int offset = (int) (k % BLOCK);
        int[] arrangement = arrangement(block);
        int kind = arrangement[offset];
        long before = block * perBlock[kind];
        for (int i = 0; i < offset; i++) {
            if (arrangement[i] == kind) {
                before++;
            }
        }
        return new Slot(kinds[kind], before);
    }

    private int[] arrangement(long block) {
        List<Integer> slots = new ArrayList<>(BLOCK);
        for (int i = 0; i < kinds.length; i++) {
            for (int j = 0; j < perBlock[i]; j++) {
                slots.add(i);
            }
        }
        return Rng.of(seed, block).shuffled(slots).stream().mapToInt(Integer::intValue).toArray();
    }

    record Slot(DocumentKind kind, long indexInKind) {
    }
}
