package dev.seal4j.engine.tokenizer;

/**
 * BPE merges as an open-addressing hash map from a pair of token ids to (priority, merged id). Lower priority
 * values merge first. Keys are the two ids packed in a long, so a lookup allocates nothing.
 */
final class MergeTable {
    private static final long EMPTY = -1L;

    private final long[] keys;      // (left << 32) | right, or EMPTY
    private final int[] priorities;
    private final int[] results;
    private final int mask;
    private final int shift;        // 64 - log2(capacity): the top bits of the multiplicative hash pick the slot
    private int size;

    MergeTable(int expectedPairs) {
        int capacity = Integer.highestOneBit(Math.max(4, expectedPairs * 2 - 1)) << 1;
        keys = new long[capacity];
        java.util.Arrays.fill(keys, EMPTY);
        priorities = new int[capacity];
        results = new int[capacity];
        mask = capacity - 1;
        shift = 64 - Integer.numberOfTrailingZeros(capacity);
    }

    /** Adds or replaces the merge of (left, right). */
    void put(int left, int right, int priority, int result) {
        if (size * 2 >= keys.length) {
            throw new IllegalStateException("MergeTable sized for fewer pairs");
        }
        long key = pack(left, right);
        int slot = slotOf(key);
        if (keys[slot] == EMPTY) {
            keys[slot] = key;
            size++;
        }
        priorities[slot] = priority;
        results[slot] = result;
    }

    /** The slot holding (left, right), or -1 when the pair does not merge. */
    int find(int left, int right) {
        long key = pack(left, right);
        int slot = slotOf(key);
        return keys[slot] == EMPTY ? -1 : slot;
    }

    int priority(int slot) {
        return priorities[slot];
    }

    int result(int slot) {
        return results[slot];
    }

    int size() {
        return size;
    }

    /** Every merge as {left, right}, lowest priority value (first to merge) first; ties in pair order. */
    int[][] pairsByPriority() {
        java.util.List<Integer> slots = new java.util.ArrayList<>(size);
        for (int slot = 0; slot < keys.length; slot++) {
            if (keys[slot] != EMPTY) {
                slots.add(slot);
            }
        }
        slots.sort(java.util.Comparator.<Integer>comparingInt(s -> priorities[s]).thenComparingLong(s -> keys[s]));
        int[][] pairs = new int[slots.size()][];
        for (int i = 0; i < pairs.length; i++) {
            long key = keys[slots.get(i)];
            pairs[i] = new int[] {(int) (key >>> 32), (int) key};
        }
        return pairs;
    }

    private int slotOf(long key) {
        int slot = (int) ((key * 0x9E3779B97F4A7C15L) >>> shift);
        while (keys[slot] != EMPTY && keys[slot] != key) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private static long pack(int left, int right) {
        return ((long) left << 32) | (right & 0xFFFFFFFFL);
    }
}
