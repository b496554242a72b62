package dev.seal4j.seal.world;

/**
 * Visits n items in epochs: within each epoch every item exactly once, in an order that changes per epoch
 * (an affine permutation i ↦ (a·i + b) mod n with a coprime to n), computed from the index alone.
 */
record Enumeration(int n, long seed) {
    /** The item visited at position j (j counts across epochs). */
    int item(long j) {
        long epoch = j / n;
        long position = j % n;
        if (n == 1) {
            return 0;
        }
        Rng rng = Rng.of(seed, epoch);
        long a;
        do {
            a = 1 + rng.nextInt(n - 1);
        } while (gcd(a, n) != 1);
        long b = rng.nextInt(n);
        return (int) ((a * position + b) % n);
    }

    /** Which pass over the items position j belongs to. */
    long epoch(long j) {
        return j / n;
    }

    private static long gcd(long x, long y) {
        return y == 0 ? x : gcd(y, x % y);
    }
}
