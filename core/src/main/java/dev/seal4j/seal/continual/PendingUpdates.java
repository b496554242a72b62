package dev.seal4j.seal.continual;

import dev.seal4j.engine.BadInputException;
import dev.seal4j.engine.format.AtomicFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Updates waiting for approval (updates/pending/ID.json) and the decided ones (updates/decided/ID.json, kept
 * with their verdict). A decision writes the decided file first, then removes the pending one; a pending file
 * whose decided twin exists is leftover from a crash and is removed at startup.
 */
public final class PendingUpdates {
    private final Path pending;
    private final Path decided;

    public PendingUpdates(StateDir state) {
        this.pending = state.updates().resolve("pending");
        this.decided = state.updates().resolve("decided");
    }

    public void add(PendingUpdate u) {
        AtomicFiles.write(pending.resolve(u.id() + ".json"), ContinualJson.pretty(u));
    }

    /** Updates that wait, oldest first. */
    public List<PendingUpdate> pending() {
        return read(pending);
    }

    public List<PendingUpdate> decided() {
        return read(decided);
    }

    public Optional<PendingUpdate> get(String id) {
        Path f = pending.resolve(id + ".json");
        return Files.exists(f) && id.matches("[A-Za-z0-9._-]+") ? Optional.of(ContinualJson.readFile(f, PendingUpdate.class))
                : Optional.empty();
    }

    /** The decision on {@code id}, when it was decided. */
    public Optional<PendingUpdate.Decision> decision(String id) {
        Path f = decided.resolve(id + ".json");
        return id.matches("[A-Za-z0-9._-]+") && Files.exists(f)
                ? Optional.ofNullable(ContinualJson.readFile(f, PendingUpdate.class).decision()) : Optional.empty();
    }

    /** The pending update, or bad input naming it. */
    public PendingUpdate require(String id) {
        return get(id).orElseThrow(() -> new BadInputException("no pending update '" + id + "'"
                + (Files.exists(decided.resolve(id + ".json")) ? " (it was already decided)" : "")));
    }

    /** Records the decision and takes the update off the pending list. */
    public PendingUpdate decide(PendingUpdate u, PendingUpdate.Decision d) {
        PendingUpdate done = u.decided(d);
        AtomicFiles.write(decided.resolve(u.id() + ".json"), ContinualJson.pretty(done));
        removePending(u.id());
        return done;
    }

    /** Removes pending files whose decision was written before a crash. */
    public void removeDecidedLeftovers() {
        for (PendingUpdate u : pending()) {
            if (Files.exists(decided.resolve(u.id() + ".json"))) {
                removePending(u.id());
            }
        }
    }

    private void removePending(String id) {
        try {
            Files.deleteIfExists(pending.resolve(id + ".json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<PendingUpdate> read(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json") && !f.getFileName().toString().startsWith("."))
                    .sorted().map(f -> ContinualJson.readFile(f, PendingUpdate.class)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }
}
