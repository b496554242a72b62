package dev.seal4j.seal.continual;

import dev.seal4j.engine.model.Transformer;

import java.lang.foreign.Arena;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A version ready to serve: its merged weights in memory of its own. It is reference counted: each request
 * holds a lease while it runs, and the memory is freed when the last lease ends after the version stopped
 * being served, so a switch never pulls weights from under a request in flight.
 */
public final class LoadedVersion {
    private final VersionManifest manifest;
    private final Transformer model;
    private final Arena arena;
    private final AtomicInteger references = new AtomicInteger(1); // the owner's (the server's) reference

    LoadedVersion(VersionManifest manifest, Transformer model, Arena arena) {
        this.manifest = manifest;
        this.model = model;
        this.arena = arena;
    }

    public VersionManifest manifest() {
        return manifest;
    }

    public Transformer model() {
        return model;
    }

    /** Takes a reference unless the version was already freed. */
    boolean retain() {
        for (int r = references.get(); r > 0; r = references.get()) {
            if (references.compareAndSet(r, r + 1)) {
                return true;
            }
        }
        return false;
    }

    /** Drops a reference; the last one frees the weights. */
    public void release() {
        if (references.decrementAndGet() == 0 && arena != null) {
            arena.close();
        }
    }
}
