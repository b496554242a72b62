package dev.seal4j.seal.run;

import dev.seal4j.engine.BadInputException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;

/**
 * The lock a process holds on a run directory while it works in it (an OS file lock on {@code .lock}, released
 * by the OS when the process dies): two processes never append to the same run, and a run whose manifest says
 * "running" but whose lock is free was killed.
 *
 * <p>POSIX drops all of a process's locks on a file when the process closes any descriptor of it, so this
 * process never opens the lock file of a run it holds a second time: it keeps its own list.
 */
final class RunLock implements AutoCloseable {
    static final String FILE = ".lock";
    private static final Set<Path> HELD_HERE = new HashSet<>();

    private final Path runDir;
    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(Path runDir, FileChannel channel, FileLock lock) {
        this.runDir = runDir;
        this.channel = channel;
        this.lock = lock;
    }

    static RunLock acquire(Path runDir) {
        Path dir = canonical(runDir);
        synchronized (HELD_HERE) {
            if (HELD_HERE.contains(dir)) {
                throw busy(runDir);
            }
            FileChannel channel = null;
            try {
                channel = FileChannel.open(dir.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock();
                if (lock == null) {
                    channel.close();
                    throw busy(runDir);
                }
                HELD_HERE.add(dir);
                return new RunLock(dir, channel, lock);
            } catch (IOException e) {
                closeQuietly(channel);
                throw new UncheckedIOException("cannot lock " + dir.resolve(FILE) + ": " + e.getMessage(), e);
            }
        }
    }

    /** Whether some process (this one included) holds the lock of {@code runDir}. Changes nothing on disk. */
    static boolean isHeld(Path runDir) {
        Path dir = canonical(runDir);
        synchronized (HELD_HERE) {
            if (HELD_HERE.contains(dir)) {
                return true;
            }
            Path file = dir.resolve(FILE);
            if (!Files.exists(file)) {
                return false;
            }
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                FileLock probe = channel.tryLock(0, Long.MAX_VALUE, true);
                if (probe == null) {
                    return true;
                }
                probe.release();
                return false;
            } catch (IOException e) {
                return false;
            }
        }
    }

    @Override
    public void close() {
        synchronized (HELD_HERE) {
            if (HELD_HERE.remove(runDir)) {
                try {
                    lock.release();
                } catch (IOException e) {
                    // closing the channel releases it too
                }
                closeQuietly(channel);
            }
        }
    }

    private static BadInputException busy(Path runDir) {
        return BadInputException.inFile(runDir, "a seal4j process is already working in this run (it is locked)");
    }

    private static Path canonical(Path dir) {
        try {
            return dir.toRealPath();
        } catch (IOException e) {
            return dir.toAbsolutePath().normalize();
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing left to do
            }
        }
    }
}
