package dev.seal4j.seal.continual;

import dev.seal4j.engine.format.PeftAdapter;
import dev.seal4j.engine.model.LoraAdapter;
import dev.seal4j.engine.model.ModelWeights;
import dev.seal4j.engine.model.Transformer;

import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a manifest into a servable model: checks every adapter file against its hash, reads the adapters,
 * and merges the whole stack into a fresh in-memory copy of the adapted matrices (everything else stays
 * shared with the memory-mapped base).
 */
public final class VersionLoader {
    private final Transformer base;
    private final VersionStore store;

    public VersionLoader(Transformer base, VersionStore store) {
        this.base = base;
        this.store = store;
    }

    /** The version's model; the caller owns the returned version's single reference. */
    public LoadedVersion load(VersionManifest m) {
        if (m.stack().isEmpty()) {
            store.verify(m);
            return new LoadedVersion(m, base, null);
        }
        Arena arena = Arena.ofShared();
        try {
            ModelWeights merged;
            try (Arena adapters = Arena.ofShared()) {
                merged = combinedAdapter(m, adapters).mergeInto(base.weights(), arena);
            }
            return new LoadedVersion(m, new Transformer(base.config(), merged), arena);
        } catch (RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    /**
     * The version's whole stack as one adapter (see {@link AdapterStack}), after checking every file against
     * its hash; null for version 0. Its memory belongs to {@code arena}.
     */
    public LoraAdapter combinedAdapter(VersionManifest m, Arena arena) {
        store.verify(m);
        if (m.stack().isEmpty()) {
            return null;
        }
        List<LoraAdapter> stack = new ArrayList<>();
        for (VersionManifest.StackEntry e : m.stack()) {
            stack.add(PeftAdapter.read(store.adapterDir(e.adapter()), base.weights(), arena));
        }
        return AdapterStack.combine(stack, base.weights(), arena);
    }
}
