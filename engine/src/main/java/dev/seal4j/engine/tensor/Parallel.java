package dev.seal4j.engine.tensor;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs loops on all cores with static partitioning, so a result never depends on timing: the same thread
 * count gives bit-identical output. The caller runs the first share itself; workers are daemon threads that
 * spin briefly for the next task before parking (decoding dispatches hundreds of small loops per token).
 * A loop started from inside a worker (nested) runs on the calling thread alone.
 *
 * <p>The thread count is {@code -Dseal4j.threads=N} or the number of processors, and can be changed with
 * {@link #setThreads} (benchmarks, determinism tests).
 */
public final class Parallel {
    /** A share of a loop: indices [from, to), run by thread {@code thread} of {@code threads}. */
    @FunctionalInterface
    public interface Range {
        void run(int from, int to, int thread);
    }

    private static final Object LOCK = new Object();
    private static volatile Pool pool = new Pool(Integer.getInteger("seal4j.threads", Runtime.getRuntime().availableProcessors()));
    private static final ThreadLocal<Boolean> IN_TASK = ThreadLocal.withInitial(() -> false);

    private Parallel() {
    }

    public static int threads() {
        return pool.threads;
    }

    /** Sets the number of threads (>= 1) used by every later loop. */
    public static void setThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + n);
        }
        synchronized (LOCK) {
            if (n != pool.threads) {
                Pool old = pool;
                pool = new Pool(n);
                old.shutdown();
            }
        }
    }

    /**
     * Runs {@code body} over [0, n) split into at most threads() contiguous shares whose boundaries are
     * multiples of {@code grain} (except the end).
     */
    public static void forRange(int n, int grain, Range body) {
        if (n <= 0) {
            return;
        }
        int chunks = (n + grain - 1) / grain;
        int t = Math.min(threads(), chunks);
        if (t <= 1 || IN_TASK.get()) {
            body.run(0, n, 0);
            return;
        }
        synchronized (LOCK) {
            pool.run(n, grain, t, body);
        }
    }

    public static void forRange(int n, Range body) {
        forRange(n, 1, body);
    }

    /** Start of share {@code i} of {@code t} over [0, n) in whole grains. */
    static int shareStart(int n, int grain, int t, int i) {
        int chunks = (n + grain - 1) / grain;
        long start = (long) chunks * i / t * grain;
        return (int) Math.min(n, start);
    }

    /**
     * Worker threads that wait for a new sequence number. Every worker acknowledges every loop (idle ones
     * too), so the caller can reuse the fields for the next loop without allocating.
     */
    private static final class Pool {
        final int threads;
        private final Thread[] workers;
        private int n, grain, active;
        private Range body;
        private final AtomicLong sequence = new AtomicLong();
        private final AtomicInteger pending = new AtomicInteger();
        private volatile boolean stopped;
        private volatile Throwable failure;

        Pool(int threads) {
            this.threads = threads;
            this.workers = new Thread[threads - 1];
            for (int i = 0; i < workers.length; i++) {
                int index = i + 1;
                workers[i] = Thread.ofPlatform().daemon().name("seal4j-worker-" + index).unstarted(() -> work(index));
                workers[i].start();
            }
        }

        void run(int n, int grain, int active, Range body) {
            this.n = n;
            this.grain = grain;
            this.active = active;
            this.body = body;
            failure = null;
            pending.set(workers.length);
            sequence.incrementAndGet(); // publishes the fields above
            for (Thread w : workers) {
                LockSupport.unpark(w);
            }
            IN_TASK.set(true);
            try {
                body.run(0, shareStart(n, grain, active, 1), 0);
            } finally {
                IN_TASK.set(false);
            }
            int spins = 0;
            while (pending.get() != 0) {
                if (++spins > 1 << 20) {
                    Thread.yield();
                } else {
                    Thread.onSpinWait();
                }
            }
            this.body = null;
            Throwable f = failure;
            if (f != null) {
                if (f instanceof RuntimeException r) {
                    throw r;
                }
                if (f instanceof Error e) {
                    throw e;
                }
                throw new IllegalStateException(f);
            }
        }

        private void work(int index) {
            IN_TASK.set(true);
            long done = 0;
            while (true) {
                int spins = 0;
                while (sequence.get() == done && !stopped) {
                    if (++spins < 20_000) {
                        Thread.onSpinWait();
                    } else {
                        LockSupport.parkNanos(1_000_000);
                    }
                }
                if (stopped) {
                    return;
                }
                done = sequence.get();
                try {
                    if (index < active) {
                        body.run(shareStart(n, grain, active, index), shareStart(n, grain, active, index + 1), index);
                    }
                } catch (Throwable e) {
                    failure = e;
                } finally {
                    pending.decrementAndGet();
                }
            }
        }

        void shutdown() {
            stopped = true;
            for (Thread w : workers) {
                LockSupport.unpark(w);
            }
        }
    }
}
