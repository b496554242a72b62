package dev.seal4j.seal.continual;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The version requests are answered with. {@link #lease()} pins the current version for one request;
 * {@link #switchTo} replaces it atomically: new leases get the new version at once, leases in flight finish
 * on the old one, whose memory is freed when the last of them ends.
 */
public final class ServedVersion {
    private final AtomicReference<LoadedVersion> current;

    public ServedVersion(LoadedVersion initial) {
        this.current = new AtomicReference<>(initial);
    }

    /** A pinned version; close it when the request ends. */
    public static final class Lease implements AutoCloseable {
        private final LoadedVersion version;
        private boolean closed;

        private Lease(LoadedVersion version) {
            this.version = version;
        }

        public LoadedVersion version() {
            return version;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                version.release();
            }
        }
    }

    public Lease lease() {
        while (true) {
            LoadedVersion v = current.get();
            if (v.retain()) {
                return new Lease(v);
            }
        }
    }

    /** The current version's manifest (no lease: for status displays). */
    public VersionManifest manifest() {
        return current.get().manifest();
    }

    /** Serves {@code next} from now on; takes over the caller's reference to it. */
    public void switchTo(LoadedVersion next) {
        current.getAndSet(next).release();
    }

    /** Releases the server's reference to the current version. */
    public void close() {
        current.get().release();
    }
}
