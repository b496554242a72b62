package dev.seal4j.seal.continual;

import java.util.function.Consumer;

/**
 * Runs the learner in the background: processes inputs one after another, and when there is nothing it may
 * do (empty queue, a rate limit, an update waiting for approval) sleeps until woken or a poll interval passes
 * (other processes may add inputs; rate limits expire).
 */
public final class LearnerWorker implements AutoCloseable {
    private final ContinualLearner learner;
    private final Consumer<Outcome> onOutcome;
    private final long pollMillis;
    private final Object signal = new Object();
    private final Thread thread;
    private volatile boolean stopped;

    public LearnerWorker(ContinualLearner learner, Consumer<Outcome> onOutcome, long pollMillis) {
        this.learner = learner;
        this.onOutcome = onOutcome;
        this.pollMillis = pollMillis;
        this.thread = Thread.ofPlatform().name("seal-learner").daemon().unstarted(this::loop);
    }

    public void start() {
        thread.start();
    }

    /** Look at the queue now (a new input or a decision arrived). */
    public void wake() {
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    private void loop() {
        while (!stopped) {
            Outcome o;
            try {
                o = learner.processNext();
            } catch (RuntimeException e) {
                o = Outcome.of(Outcome.Kind.FAILED, e.toString());
            }
            onOutcome.accept(o);
            boolean idle = switch (o.kind()) {
                case IDLE, DEFERRED, WAITING -> true;
                case FAILED -> o.inputId() == null; // not about an input: do not spin on the error
                default -> false;
            };
            if (idle) {
                synchronized (signal) {
                    try {
                        signal.wait(pollMillis);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }
    }

    /** Stops after the input being processed (if any) and waits for that; a killed process leaves it queued. */
    @Override
    public void close() {
        stopped = true;
        wake();
        try {
            thread.join(120_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
