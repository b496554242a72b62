package dev.seal4j.seal.world;

import java.util.ArrayList;
import java.util.List;

/**
 * A small random number generator with a fixed, documented algorithm (SplitMix64), so that the world and its
 * texts are identical on every JVM and version. Seeds are derived from several keys ({@link #of(long...)}),
 * which lets any document or person be generated on its own, in any order.
 */
public final class Rng {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private long state;

    private Rng(long seed) {
        this.state = seed;
    }

    /** A generator seeded by mixing all keys in order. */
    public static Rng of(long... keys) {
        return new Rng(mixAll(keys));
    }

    /** Mixes keys into one well-spread 64-bit value. */
    public static long mixAll(long... keys) {
        long h = 0x243F6A8885A308D3L;
        for (long key : keys) {
            h = mix(h ^ mix(key + GOLDEN));
        }
        return h;
    }

    /** A stable 64-bit hash of a string (FNV-1a over UTF-16 units, then mixed). */
    public static long hash(String text) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            h = (h ^ text.charAt(i)) * 0x100000001b3L;
        }
        return mix(h);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    public long nextLong() {
        state += GOLDEN;
        return mix(state);
    }

    /** Uniform in [0, bound). */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, got " + bound);
        }
        while (true) {
            long r = nextLong() >>> 1;
            long m = r % bound;
            if (r - m + (bound - 1) >= 0) { // reject the incomplete last block so every value is equally likely
                return (int) m;
            }
        }
    }

    /** Uniform in [from, to] (inclusive). */
    public int between(int from, int to) {
        return from + nextInt(to - from + 1);
    }

    /** Uniform in [0, 1). */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** True with probability p. */
    public boolean chance(double p) {
        return nextDouble() < p;
    }

    public <T> T pick(List<T> items) {
        return items.get(nextInt(items.size()));
    }

    /** A shuffled copy (Fisher–Yates). */
    public <T> List<T> shuffled(List<T> items) {
        List<T> out = new ArrayList<>(items);
        for (int i = out.size() - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            T t = out.get(i);
            out.set(i, out.get(j));
            out.set(j, t);
        }
        return out;
    }
}
