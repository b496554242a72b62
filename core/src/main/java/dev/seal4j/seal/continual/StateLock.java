package dev.seal4j.seal.continual;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.StandardOpenOption;

/**
 * The exclusive right to change a state directory, held by one process at a time (a server, or an offline
 * command). The operating system drops it when the process dies, so a killed server leaves no stale lock.
 */
public final class StateLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private StateLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock, or null when another process (or this one) holds it. */
    public static StateLock tryAcquire(StateDir state) {
        try {
            FileChannel channel = FileChannel.open(state.lock(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            try {
                FileLock lock = channel.tryLock();
                if (lock != null) {
                    return new StateLock(channel, lock);
                }
            } catch (OverlappingFileLockException e) {
                // held by this process
            }
            channel.close();
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + state.lock() + ": " + e.getMessage(), e);
        }
    }

    /** Whether some process holds the lock of {@code state} now. */
    public static boolean isHeld(StateDir state) {
        StateLock l = tryAcquire(state);
        if (l == null) {
            return true;
        }
        l.close();
        return false;
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
