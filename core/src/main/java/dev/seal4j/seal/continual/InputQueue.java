package dev.seal4j.seal.continual;

import dev.seal4j.engine.format.AtomicFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;

/**
 * The durable queue of learning inputs: one JSON file per input in queue/pending, written with fsync and an
 * atomic rename before the sender is answered, moved to queue/done when its outcome is final. A crash loses
 * nothing: whatever is in pending after a restart is processed again. Other processes may add files
 * (e.g. {@code seal learn --enqueue-only} beside a running server); they are picked up on the next scan.
 */
public final class InputQueue {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Orders inputs that arrive within the same millisecond. */
    private static final java.util.concurrent.atomic.AtomicLong ARRIVALS = new java.util.concurrent.atomic.AtomicLong();
    private final Path pending;
    private final Path done;
    private final Clock clock;

    public InputQueue(StateDir state, Clock clock) {
        this.pending = state.queue().resolve("pending");
        this.done = state.queue().resolve("done");
        this.clock = clock;
    }

    /** Stores an input durably and returns it with its new id. */
    public QueuedInput enqueue(LearningInput input) {
        long now = clock.millis();
        QueuedInput q = new QueuedInput(String.format("in-%013d-%08d-%04x", now, ARRIVALS.incrementAndGet() % 100_000_000,
                RANDOM.nextInt(1 << 16)),
                java.time.Instant.ofEpochMilli(now).toString(), input);
        write(q);
        return q;
    }

    /** Stores an input under a given id unless an input with that id is already pending or done. */
    public boolean enqueueOnce(String id, LearningInput input) {
        if (isPending(id) || isDone(id)) {
            return false;
        }
        write(new QueuedInput(id, clock.instant().toString(), input));
        return true;
    }

    private void write(QueuedInput q) {
        AtomicFiles.write(pending.resolve(q.id() + ".json"), ContinualJson.pretty(q));
    }

    /** The pending inputs, oldest first. */
    public List<QueuedInput> pending() {
        return files(pending).map(f -> ContinualJson.readFile(f, QueuedInput.class)).toList();
    }

    public int pendingCount() {
        return (int) files(pending).count();
    }

    public boolean isPending(String id) {
        return Files.exists(pending.resolve(id + ".json"));
    }

    public boolean isDone(String id) {
        return Files.exists(done.resolve(id + ".json"));
    }

    /** Moves a pending input to done (idempotent). */
    public void complete(String id) {
        Path from = pending.resolve(id + ".json");
        if (!Files.exists(from)) {
            return;
        }
        try {
            Files.move(from, done.resolve(id + ".json"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            try (var ch = java.nio.channels.FileChannel.open(done, java.nio.file.StandardOpenOption.READ)) {
                ch.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + from + " to done: " + e.getMessage(), e);
        }
    }

    /** Every input that finished, oldest first. */
    public List<QueuedInput> done() {
        return files(done).map(f -> ContinualJson.readFile(f, QueuedInput.class)).toList();
    }

    private static Stream<Path> files(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> f.getFileName().toString().endsWith(".json") && !f.getFileName().toString().startsWith("."))
                    .sorted().toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }
}
