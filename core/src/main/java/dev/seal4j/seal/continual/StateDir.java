package dev.seal4j.seal.continual;

import dev.seal4j.engine.format.AtomicFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The files of a continual learner, all under one directory:
 * <pre>
 * ledger.db, ledger.head     the audit ledger and its last entry (see {@link Ledger})
 * queue/pending, queue/done  learning inputs (see {@link InputQueue})
 * versions/vN/manifest.json  every model version (see {@link VersionStore}); current names the served one
 * adapters/SHA256/           accepted and pending adapters as PEFT directories, named by content
 * updates/pending, decided   updates that wait for (or got) a person's decision (see {@link PendingUpdates})
 * admin-token                the bearer token of mutating endpoints (mode 0600)
 * server.json                where a running server listens (for the CLI's approve/rollback)
 * lock                       held by the one process that changes this state
 * </pre>
 * The state holds everything the model was taught, so it is private to its owner: the directories are 0700
 * and the files 0600 (an existing state directory is made private when it is opened to write).
 */
public record StateDir(Path root) {

    /** The state under {@code root}, creating its directories. */
    public static StateDir create(Path root) {
        StateDir s = new StateDir(root.toAbsolutePath().normalize());
        AtomicFiles.keepPrivate(s.root);
        try {
            for (Path dir : new Path[]{s.root, s.queue(), s.queue().resolve("pending"), s.queue().resolve("done"), s.versions(),
                    s.adapters(), s.updates(), s.updates().resolve("pending"), s.updates().resolve("decided")}) {
                Files.createDirectories(dir);
                makePrivate(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the state directory " + root + ": " + e.getMessage(), e);
        }
        return s;
    }

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private static void makePrivate(Path dir) throws IOException {
        try {
            Files.setPosixFilePermissions(dir, OWNER_ONLY);
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: its own access control applies
        }
    }

    /** An existing state directory (nothing is created). */
    public static StateDir existing(Path root) {
        Path r = root.toAbsolutePath().normalize();
        if (!Files.isDirectory(r) || !Files.exists(r.resolve("ledger.db"))) {
            throw new dev.seal4j.engine.BadInputException(root + ": not a seal state directory (no ledger.db); "
                    + "start one with 'seal serve --state " + root + "'");
        }
        AtomicFiles.keepPrivate(r);
        return new StateDir(r);
    }

    public Path ledger() {
        return root.resolve("ledger.db");
    }

    public Path ledgerHead() {
        return root.resolve("ledger.head");
    }

    public Path queue() {
        return root.resolve("queue");
    }

    public Path versions() {
        return root.resolve("versions");
    }

    public Path currentVersion() {
        return root.resolve("current");
    }

    public Path adapters() {
        return root.resolve("adapters");
    }

    public Path updates() {
        return root.resolve("updates");
    }

    public Path adminToken() {
        return root.resolve("admin-token");
    }

    public Path serverInfo() {
        return root.resolve("server.json");
    }

    public Path lock() {
        return root.resolve("lock");
    }
}
