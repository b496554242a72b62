package dev.seal4j.engine.format;


import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Comparator;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Writes files and directories so that readers see either nothing or the complete result: write a temporary
 * sibling, fsync it, rename it into place, fsync the parent directory. What is written is an ordinary readable
 * file (0644) or directory (0755), except under a tree declared private ({@link #keepPrivate}, such as a continual
 * learner's state): there it stays private to its owner (0600, 0700).
 */
public final class AtomicFiles {
    private static final Set<Path> PRIVATE_TREES = ConcurrentHashMap.newKeySet();

    private AtomicFiles() {
    }

    /** Files and directories written under {@code root} from now on are private to their owner (0600, 0700). */
    public static void keepPrivate(Path root) {
        PRIVATE_TREES.add(root.toAbsolutePath().normalize());
    }

    /**
     * Creates (or replaces) {@code target} with exactly {@code size} bytes that {@code fill} writes into a
     * memory-mapped view of the new file.
     */
    public static void write(Path target, long size, Consumer<MemorySegment> fill) {
        Path dir = parentOf(target);
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
            makeReadable(tmp, target, "rw-r--r--");
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.READ, StandardOpenOption.WRITE);
                 Arena arena = Arena.ofConfined()) {
                if (size > 0) {
                    MemorySegment out = channel.map(FileChannel.MapMode.READ_WRITE, 0, size, arena);
                    fill.accept(out);
                    out.force();
                }
                channel.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            tmp = null;
            fsyncDirectory(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    /** Creates (or replaces) {@code target} holding {@code bytes}. */
    public static void write(Path target, byte[] bytes) {
        write(target, bytes.length, out -> MemorySegment.copy(MemorySegment.ofArray(bytes), 0, out, 0, bytes.length));
    }

    /**
     * Builds a directory at {@code target}: {@code fill} writes files into a fresh temporary sibling, which is
     * then renamed into place. An existing non-empty {@code target} is never overwritten.
     */
    public static void writeDirectory(Path target, Consumer<Path> fill) {
        Path parent = parentOf(target);
        if (Files.exists(target) && !isEmptyDirectory(target)) {
            throw BadInput.inFile(target, "already exists and is not an empty directory; choose a new path");
        }
        Path tmp = null;
        try {
            Files.createDirectories(parent);
            tmp = Files.createTempDirectory(parent, "." + target.getFileName() + ".");
            makeReadable(tmp, target, "rwxr-xr-x");
            fill.accept(tmp);
            try (Stream<Path> files = Files.list(tmp)) {
                for (Path f : files.toList()) {
                    fsync(f);
                }
            }
            fsyncDirectory(tmp);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            tmp = null;
            fsyncDirectory(parent);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            deleteTreeQuietly(tmp);
        }
    }

    private static Path parentOf(Path target) {
        Path parent = target.toAbsolutePath().getParent();
        if (parent == null) {
            throw new IllegalArgumentException("cannot write the root directory " + target);
        }
        return parent;
    }

    /**
     * Temporary files are created private; what they become is an ordinary readable file or directory, unless
     * {@code target} lies in a private tree: then they stay private.
     */
    private static void makeReadable(Path path, Path target, String permissions) throws IOException {
        Path t = target.toAbsolutePath().normalize();
        if (PRIVATE_TREES.stream().anyMatch(t::startsWith)) {
            return;
        }
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: it has its own defaults
        }
    }

    private static boolean isEmptyDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            return !entries.iterator().hasNext();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void fsync(Path file) throws IOException {
        if (Files.isRegularFile(file)) {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                channel.force(true);
            }
        }
    }

    /** Makes a rename durable. Some platforms cannot open directories; there the rename is as durable as it gets. */
    private static void fsyncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // not supported on this platform (e.g. Windows)
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // best effort: a stray temp file is harmless
            }
        }
    }

    private static void deleteTreeQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(AtomicFiles::deleteQuietly);
        } catch (IOException e) {
            // best effort
        }
    }
}
