package dev.seal4j.engine.model;

/**
 * The keys and values one sequence has produced so far, per layer: (positions, KVH·D) each. Grows by
 * doubling up to the model's context length; {@link #length()} is how many positions are filled.
 */
public final class KvCache {
    private final int kvDim;
    private final int maxLength;
    private final float[][] keys;   // [layer] (capacity, KVH·D)
    private final float[][] values; // [layer] (capacity, KVH·D)
    private int length;

    public KvCache(ModelConfig c, int initialCapacity) {
        this.kvDim = c.kvDim();
        this.maxLength = c.contextLength();
        int cap = Math.max(1, Math.min(initialCapacity, maxLength));
        this.keys = new float[c.numLayers()][cap * kvDim];
        this.values = new float[c.numLayers()][cap * kvDim];
    }

    /** An independent cache with the same filled positions (to sample several continuations of one prompt). */
    public KvCache copy() {
        return new KvCache(this);
    }

    private KvCache(KvCache other) {
        this.kvDim = other.kvDim;
        this.maxLength = other.maxLength;
        this.length = other.length;
        this.keys = new float[other.keys.length][];
        this.values = new float[other.values.length][];
        for (int l = 0; l < keys.length; l++) {
            keys[l] = other.keys[l].clone();
            values[l] = other.values[l].clone();
        }
    }

    public int length() {
        return length;
    }

    /** Forgets positions from {@code n} on (to reuse a prompt's prefix). */
    public void truncate(int n) {
        if (n < 0 || n > length) {
            throw new IllegalArgumentException("cannot truncate a cache of " + length + " positions to " + n);
        }
        length = n;
    }

    int capacity() {
        return keys[0].length / kvDim;
    }

    /** Makes room for positions [0, n). */
    void reserve(int n) {
        if (n > maxLength) {
            throw new IllegalArgumentException("sequence of " + n + " tokens exceeds the model's context length " + maxLength);
        }
        if (n <= capacity()) {
            return;
        }
        int cap = Math.min(maxLength, Math.max(n, capacity() * 2));
        for (int l = 0; l < keys.length; l++) {
            keys[l] = java.util.Arrays.copyOf(keys[l], cap * kvDim);
            values[l] = java.util.Arrays.copyOf(values[l], cap * kvDim);
        }
    }

    /** Marks positions [0, n) as filled. */
    void advanceTo(int n) {
        length = Math.max(length, n);
    }

    float[] keys(int layer) {
        return keys[layer];
    }

    float[] values(int layer) {
        return values[layer];
    }
}
