package dev.seal4j.seal.exec;

import dev.seal4j.engine.tensor.Parallel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Runs candidates on this machine. With one worker they run one after another, each using every core through
 * the engine's kernels; with several, that many run side by side on one thread each (faster for small
 * models, whose loops are too short to share well), and each gets the results of a one-thread run. Results
 * reach {@code onResult} on the calling thread, in candidate order. The base weights are shared read-only by
 * all of them (the {@link Workbench}): nothing is copied per candidate.
 */
public final class LocalExecutor implements CandidateExecutor {
    private final Workbench bench;
    private final int workers;

    public LocalExecutor(Workbench bench, int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be >= 1, got " + workers);
        }
        this.bench = bench;
        this.workers = workers;
    }

    /**
     * Runs {@code experiment} — the work around the candidates: sampling self-edits, training the generator —
     * so that it computes the way the candidates do: with several workers, on the calling thread alone, and
     * the whole run gives the results of a one-thread run whatever the number of workers.
     */
    public <T> T drive(Supplier<T> experiment) {
        return workers > 1 ? Parallel.onCallingThread(experiment) : experiment.get();
    }

    @Override
    public <R> void run(List<? extends Candidate<R>> candidates, BiConsumer<Candidate<R>, R> onResult) {
        if (workers == 1 || candidates.size() <= 1) {
            for (Candidate<R> c : candidates) {
                onResult.accept(c, c.run(bench));
            }
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(workers, candidates.size()), job -> {
            Thread t = new Thread(job, "seal4j-candidate");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<R>> pending = new ArrayList<>();
            for (Candidate<R> c : candidates) {
                pending.add(pool.submit(() -> Parallel.onCallingThread(() -> c.run(bench))));
            }
            for (int i = 0; i < pending.size(); i++) {
                onResult.accept(candidates.get(i), result(pending.get(i)));
            }
        } finally {
            pool.shutdownNow();
            awaitRunning(pool);
        }
    }

    /** Waits for candidates already running when a batch ends early (they do not stop on interrupt). */
    private static void awaitRunning(ExecutorService pool) {
        try {
            pool.awaitTermination(Long.MAX_VALUE, TimeUnit.DAYS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static <R> R result(Future<R> f) {
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a candidate", e);
        }
    }
}
