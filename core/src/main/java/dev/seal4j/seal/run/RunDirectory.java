package dev.seal4j.seal.run;

import dev.seal4j.engine.BadInputException;
import dev.seal4j.engine.format.AtomicFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A run's own directory ("runs are records"):
 * <pre>
 *   config.yaml       the run's settings (written once)
 *   manifest.json     kind, status, timestamps, versions, command line, seeds, SHA-256 of model and data
 *   hash-cache.json   SHA-256 of inputs by (path, size, mtime), so resuming does not rehash the model
 *   *.jsonl           append-only record logs ({@link RecordLog}), e.g. selfedits.jsonl
 *   results.json/.md  the results ({@link ResultsFiles}); plots ({@link Plots})
 *   .lock             held while a process works in the run
 * </pre>
 * A new run never reuses a directory that holds files; the directory appears complete (config and manifest in
 * place) or not at all. A killed run is continued with {@link #resume}, which checks that the model and data
 * are still the ones the run started with. Close it to release its lock.
 */
public final class RunDirectory implements AutoCloseable {
    public static final String CONFIG = "config.yaml";
    public static final String MANIFEST = "manifest.json";
    public static final String HASH_CACHE = "hash-cache.json";
    private static final Pattern KIND = Pattern.compile("[a-z0-9][a-z0-9_-]*");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final Path dir;
    private final RunLock lock;
    private RunManifest manifest;

    private RunDirectory(Path dir, RunLock lock, RunManifest manifest) {
        this.dir = dir;
        this.lock = lock;
        this.manifest = manifest;
    }

    /** A new run in a new directory {@code parent/KIND-yyyyMMdd-HHmmss} (with -2, -3, ... if taken). */
    public static RunDirectory createIn(Path parent, String kind, Object config, RunInputs inputs) {
        checkKind(kind);
        String base = kind + "-" + LocalDateTime.now().format(STAMP);
        Path dir = parent.resolve(base);
        for (int n = 2; Files.exists(dir); n++) {
            dir = parent.resolve(base + "-" + n);
        }
        return createAt(dir, kind, config, inputs);
    }

    /** A new run in {@code dir}, which must not exist or be empty. */
    public static RunDirectory createAt(Path dir, String kind, Object config, RunInputs inputs) {
        checkKind(kind);
        Objects.requireNonNull(config, "config");
        Path target = dir.toAbsolutePath().normalize();
        if (holdsFiles(target)) {
            throw BadInputException.inFile(target, "already holds files; choose a new directory, or continue"
                    + " that run with `seal runs resume " + target + "`");
        }
        FileHasher hasher = FileHasher.empty();
        ModelDigest model = inputs.model() == null ? null : hasher.model(inputs.model());
        List<FileDigest> data = inputs.data().stream().map(hasher::file).toList();
        RunManifest manifest = RunManifest.started(kind, inputs, model, data, Instant.now());
        byte[] configYaml = yaml(config);
        AtomicFiles.writeDirectory(target, tmp -> {
            try {
                Files.write(tmp.resolve(CONFIG), configYaml);
                Files.write(tmp.resolve(MANIFEST), RunJson.PRETTY.writeValueAsBytes(manifest));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            hasher.save(tmp.resolve(HASH_CACHE));
        });
        return new RunDirectory(target, RunLock.acquire(target), manifest);
    }

    /**
     * Continues a run that was killed or failed: locks it, checks that the model and data files still have the
     * SHA-256 the manifest recorded, and marks it running again. A finished run cannot be resumed.
     *
     * @param resumingCommand the command doing the resuming, for the record
     */
    public static RunDirectory resume(Path dir, List<String> resumingCommand) {
        Path target = dir.toAbsolutePath().normalize();
        RunManifest recorded = readManifest(target);
        if (recorded.status() == RunStatus.FINISHED) {
            throw BadInputException.inFile(target, "the run finished on " + recorded.finished() + "; nothing to resume");
        }
        RunLock lock = RunLock.acquire(target);
        try {
            FileHasher hasher = FileHasher.load(target.resolve(HASH_CACHE));
            checkUnchanged(target, recorded, hasher);
            hasher.save(target.resolve(HASH_CACHE));
            RunDirectory run = new RunDirectory(target, lock, recorded);
            run.update(recorded.resumedAt(Instant.now(), resumingCommand));
            return run;
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private static void checkUnchanged(Path dir, RunManifest recorded, FileHasher hasher) {
        if (recorded.model() != null) {
            ModelDigest now = hasher.model(Path.of(recorded.model().path()));
            if (!now.sha256().equals(recorded.model().sha256())) {
                throw BadInputException.inFile(dir, "the model " + recorded.model().path()
                        + " changed since the run started (SHA-256 " + recorded.model().sha256() + ", now "
                        + now.sha256() + "); resuming would mix two models' results");
            }
        }
        for (FileDigest before : recorded.data()) {
            FileDigest now = hasher.file(Path.of(before.path()));
            if (!now.sha256().equals(before.sha256())) {
                throw BadInputException.inFile(dir, "the data file " + before.path() + " changed since the run"
                        + " started (SHA-256 " + before.sha256() + ", now " + now.sha256() + ")");
            }
        }
    }

    /** The manifest of a run directory. */
    public static RunManifest readManifest(Path dir) {
        Path file = dir.resolve(MANIFEST);
        if (!Files.isRegularFile(file)) {
            throw BadInputException.inFile(dir, "not a run directory (no " + MANIFEST + ")");
        }
        try {
            return RunJson.PRETTY.readValue(file.toFile(), RunManifest.class);
        } catch (IOException e) {
            throw BadInputException.inFile(file, "not a run manifest: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    public Path path() {
        return dir;
    }

    /** The manifest as it stands. */
    public synchronized RunManifest manifest() {
        return manifest;
    }

    /** A file of this run, by a plain name (no directories). */
    public Path file(String name) {
        Path file = dir.resolve(name).normalize();
        if (!dir.equals(file.getParent())) {
            throw new IllegalArgumentException("not a plain file name: " + name);
        }
        return file;
    }

    /** A subdirectory of this run (e.g. generator checkpoints), created if missing. */
    public Path subdirectory(String name) {
        Path sub = file(name);
        try {
            return Files.createDirectories(sub);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + sub + ": " + e.getMessage(), e);
        }
    }

    /** The run's config.yaml read as {@code type}. */
    public <T> T config(Class<T> type) {
        Path file = dir.resolve(CONFIG);
        try {
            return RunJson.YAML.readValue(file.toFile(), type);
        } catch (IOException e) {
            throw BadInputException.inFile(file, "cannot read the run's config: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    /** An append-only record log of this run ({@code name} e.g. "selfedits.jsonl"), keyed by {@code keyField}. */
    public RecordLog log(String name, String keyField) {
        return RecordLog.open(file(name), keyField);
    }

    /** Marks the run finished. */
    public synchronized void finish() {
        update(manifest.ended(RunStatus.FINISHED, null, Instant.now()));
    }

    /** Marks the run failed, with the reason (one line). */
    public synchronized void fail(String reason) {
        update(manifest.ended(RunStatus.FAILED, reason.strip().replaceAll("\\s*\\R\\s*", " | "), Instant.now()));
    }

    /** Releases the lock. A run neither finished nor failed stays "running" and can be resumed. */
    @Override
    public void close() {
        lock.close();
    }

    private synchronized void update(RunManifest next) {
        try {
            AtomicFiles.write(dir.resolve(MANIFEST), RunJson.PRETTY.writeValueAsBytes(next));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        manifest = next;
    }

    private static byte[] yaml(Object config) {
        try {
            return RunJson.YAML.writeValueAsBytes(config);
        } catch (IOException e) {
            throw new IllegalArgumentException("the config cannot be written as YAML: " + e.getMessage(), e);
        }
    }

    private static void checkKind(String kind) {
        if (!KIND.matcher(kind).matches()) {
            throw new IllegalArgumentException("a run kind is lower-case letters, digits, - and _: '" + kind + "'");
        }
    }

    private static boolean holdsFiles(Path dir) {
        if (!Files.exists(dir)) {
            return false;
        }
        if (!Files.isDirectory(dir)) {
            return true;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            return entries.iterator().hasNext();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
