package dev.seal4j.seal.continual;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * A directory whose new files become learning inputs ({@link InputFiles} formats). A file is queued, then
 * moved into .seal-ingested/ (or .seal-rejected/ when unreadable, with the reason in the ledger). Queue ids
 * are derived from the file's name, time and content, so a crash between queueing and moving does not
 * queue the file twice.
 */
public final class WatchedDirectory {
    private final Path dir;
    private final ContinualLearner learner;

    public WatchedDirectory(Path dir, ContinualLearner learner) {
        this.dir = dir;
        this.learner = learner;
        try {
            Files.createDirectories(dir.resolve(".seal-ingested"));
            Files.createDirectories(dir.resolve(".seal-rejected"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use " + dir + " as the watched directory: " + e.getMessage(), e);
        }
    }

    /** Queues every file now in the directory; returns how many inputs were queued. */
    public int scan() {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(f -> Files.isRegularFile(f) && !f.getFileName().toString().startsWith(".")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        int queued = 0;
        for (Path f : files) {
            try {
                List<LearningInput> inputs = InputFiles.read(f);
                String stamp = String.format("in-%013d-%s", Files.getLastModifiedTime(f).toMillis(),
                        Sha256.of(f.getFileName() + "\n" + Files.readString(f)).substring(0, 8));
                for (int i = 0; i < inputs.size(); i++) {
                    if (learner.submitOnce(stamp + (inputs.size() > 1 ? String.format("-%04d", i) : ""), inputs.get(i),
                            "watch:" + f.getFileName())) {
                        queued++;
                    }
                }
                move(f, ".seal-ingested");
            } catch (RuntimeException | IOException e) {
                learner.ledger().append(LedgerEvent.INPUT_FAILED, ContinualJson.fields("file", f.toString(),
                        "error", e.getMessage()));
                move(f, ".seal-rejected");
            }
        }
        return queued;
    }

    private void move(Path f, String to) {
        try {
            Files.move(f, dir.resolve(to).resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + f + " to " + to + ": " + e.getMessage(), e);
        }
    }
}
