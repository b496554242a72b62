package dev.seal4j.engine.tensor;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Many loops of random sizes back to back, as decoding runs them: every index runs exactly once, in shares
 * whose boundaries follow the rules, and a failure in any share reaches the caller.
 */
class ParallelTest {
    private final int defaultThreads = Parallel.threads();

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(defaultThreads);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void everyIndexRunsExactlyOnceInLoopAfterLoop(int threads) {
        // a broken hand-over between loops shows up as an index run twice, or as a caller waiting forever
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> loops(threads));
    }

    private void loops(int threads) {
        Parallel.setThreads(threads);
        Random rnd = new Random(threads);
        int[] hits = new int[4096];
        for (int loop = 0; loop < 15_000; loop++) {
            int n = 1 + rnd.nextInt(rnd.nextBoolean() ? 40 : 4000);
            int grain = 1 + rnd.nextInt(64);
            boolean chunks = rnd.nextInt(4) != 0;
            java.util.Arrays.fill(hits, 0, n, 0);
            Parallel.Range body = (from, to, share) -> {
                if (chunks ? from != share * grain || to != Math.min(n, from + grain) : from % grain != 0) {
                    fail("share " + share + " is [" + from + ", " + to + ") for n " + n + ", grain " + grain);
                }
                for (int i = from; i < to; i++) {
                    hits[i]++;
                }
            };
            if (chunks) {
                Parallel.forChunks(n, grain, body);
            } else {
                Parallel.forRange(n, grain, body);
            }
            for (int i = 0; i < n; i++) {
                assertEquals(1, hits[i], "loop " + loop + ": index " + i + " of " + n + " (grain " + grain + ")");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void aFailingShareFailsTheLoop(int threads) {
        Parallel.setThreads(threads);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Parallel.forChunks(100, 10, (from, to, share) -> {
            if (from <= 57 && 57 < to) {
                throw new IllegalStateException("share with 57");
            }
        }));
        assertEquals("share with 57", e.getMessage());
        int[] sum = new int[1];
        Parallel.forChunks(10, 10, (from, to, share) -> sum[0] += to - from); // the pool still works
        assertEquals(10, sum[0]);
    }
}
