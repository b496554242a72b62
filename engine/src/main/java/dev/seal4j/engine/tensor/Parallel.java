package dev.seal4j.engine.tensor;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Runs loops on all cores without making results depend on timing. A loop over [0, n) is cut into shares at
 * boundaries that depend only on n, the grain and the thread count ({@link #forRange}: one share per thread;
 * {@link #forChunks}: many small shares, for loops whose results do not depend on the cut at all), and each
 * share runs start to end on one thread, so the same thread count gives bit-identical output. Which thread
 * runs a share is not fixed: the caller and the workers claim shares in turn, so a worker slowed down by a
 * busy machine delays nothing but the share it holds. Workers are daemon threads that spin for a while
 * ({@code -Dseal4j.spinNanos}, default 50 µs) for the next loop before parking (decoding dispatches dozens of
 * small loops per token). A loop started from inside a share (nested) runs on the calling thread alone.
 *
 * <p>The thread count is {@code -Dseal4j.threads=N} or the number of processors, and can be changed with
 * {@link #setThreads} (benchmarks, determinism tests).
 */
public final class Parallel {
    /** A share of a loop: indices [from, to), the share numbered {@code share} (from 0, in index order). */
    @FunctionalInterface
    public interface Range {
        void run(int from, int to, int share);
    }

    private static final Object LOCK = new Object();
    /**
     * How long an idle worker spins before it parks: long enough to bridge the gaps between the loops of a
     * decoding step, short enough to give the core back on a busy machine (a parked worker that wakes late
     * costs nothing: the caller runs the shares it has not claimed).
     */
    private static final long SPIN_NANOS = Long.getLong("seal4j.spinNanos", 50_000);
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
     * Runs {@code job} with every loop it starts on the calling thread alone — the results of one thread —
     * for callers that run independent jobs side by side, a thread each (small models: one core per job
     * beats two cores per loop).
     */
    public static <T> T onCallingThread(Supplier<T> job) {
        boolean outer = IN_TASK.get();
        IN_TASK.set(true);
        try {
            return job.get();
        } finally {
            IN_TASK.set(outer);
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

    /**
     * Runs {@code body} over [0, n) in shares of {@code chunk} indices (the last one shorter) that the threads
     * claim one at a time, so a thread slowed down by a busy machine simply runs fewer of them. Only for
     * loops whose results do not depend on where the range is cut: then they do not depend on the thread
     * count either.
     */
    public static void forChunks(int n, int chunk, Range body) {
        if (n <= 0) {
            return;
        }
        if ((n + chunk - 1) / chunk > Pool.MAX_SHARES) {
            chunk = (n + Pool.MAX_SHARES - 1) / Pool.MAX_SHARES;
        }
        int chunks = (n + chunk - 1) / chunk;
        if (chunks <= 1 || threads() <= 1 || IN_TASK.get()) {
            body.run(0, n, 0);
            return;
        }
        synchronized (LOCK) {
            pool.run(n, chunk, chunks, body);
        }
    }

    /**
     * A chunk size for {@link #forChunks} over n indices: about {@code perThread} chunks per thread, a
     * multiple of {@code grain}, at least {@code grain}.
     */
    public static int chunkSize(int n, int grain, int perThread) {
        int target = (n + threads() * perThread - 1) / (threads() * perThread);
        return Math.max(grain, (target + grain - 1) / grain * grain);
    }

    /** Start of share {@code i} of {@code t} over [0, n) in whole grains. */
    static int shareStart(int n, int grain, int t, int i) {
        int chunks = (n + grain - 1) / grain;
        long start = (long) chunks * i / t * grain;
        return (int) Math.min(n, start);
    }

    /**
     * Worker threads that wait for a new loop. A loop's shares are claimed through one atomic ticket holding
     * the loop's generation, its number of shares and the next unclaimed share, so a claim never depends on
     * a field that the next loop may already be rewriting. The caller publishes the loop's other fields
     * before the ticket and reuses them only once every share has completed.
     */
    private static final class Pool {
        private static final int BITS = 21;
        private static final long MASK = (1L << BITS) - 1;
        /** The most shares one loop can have. */
        static final int MAX_SHARES = (int) MASK;

        final int threads;
        private final Thread[] workers;
        private int n, grain;
        private Range body;
        /** generation (high bits) | shares << BITS | next share. */
        private final AtomicLong ticket = new AtomicLong();
        private final AtomicInteger completed = new AtomicInteger();
        private volatile boolean stopped;
        private volatile Throwable failure;

        Pool(int threads) {
            this.threads = threads;
            this.workers = new Thread[threads - 1];
            for (int i = 0; i < workers.length; i++) {
                workers[i] = Thread.ofPlatform().daemon().name("seal4j-worker-" + (i + 1)).unstarted(this::work);
                workers[i].start();
            }
        }

        void run(int n, int grain, int active, Range body) {
            this.n = n;
            this.grain = grain;
            this.body = body;
            failure = null;
            completed.set(0);
            long generation = (generation(ticket.get()) + 1) & ((1L << (64 - 2 * BITS)) - 1);
            ticket.set((generation << (2 * BITS)) | ((long) active << BITS)); // publishes the fields above
            for (Thread w : workers) {
                LockSupport.unpark(w);
            }
            IN_TASK.set(true);
            try {
                runShares(generation);
            } finally {
                IN_TASK.set(false);
            }
            int spins = 0;
            while (completed.get() != active) {
                if (++spins > 1 << 12) {
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

        private static long generation(long ticket) {
            return ticket >>> (2 * BITS);
        }

        /** Claims and runs shares of loop {@code generation} until none is left. */
        private void runShares(long generation) {
            while (true) {
                long t = ticket.get();
                int share = (int) (t & MASK), shares = (int) ((t >>> BITS) & MASK);
                if (generation(t) != generation || share >= shares) {
                    return;
                }
                if (!ticket.compareAndSet(t, t + 1)) {
                    continue;
                }
                // this loop cannot end before this share does: its fields stay as they are until then
                try {
                    body.run(shareStart(n, grain, shares, share), shareStart(n, grain, shares, share + 1), share);
                } catch (Throwable e) {
                    failure = e;
                } finally {
                    completed.incrementAndGet();
                }
            }
        }

        private void work() {
            IN_TASK.set(true);
            long seen = 0;
            while (true) {
                long idleSince = System.nanoTime();
                int spins = 0;
                while (generation(ticket.get()) == seen && !stopped) {
                    if ((++spins & 63) != 0 || System.nanoTime() - idleSince < SPIN_NANOS) {
                        Thread.onSpinWait();
                    } else {
                        LockSupport.parkNanos(1_000_000);
                    }
                }
                if (stopped) {
                    return;
                }
                seen = generation(ticket.get());
                runShares(seen);
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
