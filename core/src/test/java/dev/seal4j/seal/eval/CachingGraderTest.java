package dev.seal4j.seal.eval;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Candidates that run side by side share one verdict per distinct answer, and a failed call is not remembered. */
class CachingGraderTest {

    @Test
    void concurrentAskersOfTheSameAnswerShareOneCall() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch bothAsked = new CountDownLatch(1);
        Grader slow = (question, prediction, gold) -> {
            calls.incrementAndGet();
            try {
                bothAsked.await(5, TimeUnit.SECONDS); // the second asker arrives while this call is in flight
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new Grade(true, 0.5);
        };
        CachingGrader cached = new CachingGrader(slow);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Grade> first = pool.submit(() -> cached.grade("q", "Denver ", "Denver"));
            Future<Grade> second = pool.submit(() -> cached.grade("q", "Denver", "Denver"));
            Thread.sleep(200);
            bothAsked.countDown();
            assertSame(first.get(5, TimeUnit.SECONDS), second.get(5, TimeUnit.SECONDS));
            assertEquals(1, calls.get());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailedCallIsAskedAgain() {
        AtomicInteger calls = new AtomicInteger();
        Grader flaky = (question, prediction, gold) -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("judge unreachable");
            }
            return Grade.RIGHT;
        };
        CachingGrader cached = new CachingGrader(flaky);
        assertEquals("judge unreachable", assertThrows(IllegalStateException.class, () -> cached.grade("q", "a", "a")).getMessage());
        assertEquals(Grade.RIGHT, cached.grade("q", "a", "a"));
        assertEquals(Grade.RIGHT, cached.grade("q", "a", "a"));
        assertEquals(2, calls.get());
    }
}
