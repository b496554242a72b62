package dev.seal4j.seal.continual;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Changes the served version, one change at a time: applying an accepted update (a new version on top of
 * the current one) and rolling back to any earlier version. The order of a change is: write the version,
 * load and merge it, point {@code current} at it (the atomic step), serve it, then log it. A crash before
 * the pointer moves leaves the old version served; after it, {@link Recovery} logs what the crash cut short.
 */
public final class VersionSwitcher {
    private final VersionStore store;
    private final VersionLoader loader;
    private final ServedVersion served;
    private final Ledger ledger;
    private final RateLimiter limiter;
    private final Clock clock;
    private final List<Instant> accepted = new ArrayList<>();

    public VersionSwitcher(VersionStore store, VersionLoader loader, ServedVersion served, Ledger ledger,
                           RateLimiter limiter, Clock clock) {
        this.store = store;
        this.loader = loader;
        this.served = served;
        this.ledger = ledger;
        this.limiter = limiter;
        this.clock = clock;
        for (LedgerEntry e : ledger.ofType(LedgerEvent.VERSION_CHANGED)) {
            if ("update".equals(e.payloadJson().path("reason").asText())) {
                accepted.add(Instant.parse(e.time()));
            }
        }
    }

    /** The rate limits' verdict for an update now. */
    public synchronized GateDecision rateCheck() {
        return limiter.check(clock.instant(), accepted);
    }

    /**
     * Serves a new version: the current one plus {@code entry}. Refused when the current version is no longer
     * {@code parentVersion} (the update was measured on another model) or a rate limit holds; otherwise
     * {@code beforeChange} runs (e.g. to log the approval) and the version changes.
     */
    public synchronized VersionManifest apply(VersionManifest.StackEntry entry, int parentVersion, String by,
                                              Runnable beforeChange) {
        VersionManifest current = store.current();
        if (current.version() != parentVersion) {
            throw new LearnerRefusal(LearnerRefusal.Kind.STALE, "the update was made on version " + parentVersion
                    + " but version " + current.version() + " is served now; reject it and send the input again", null);
        }
        GateDecision rate = rateCheck();
        if (!rate.passed()) {
            throw new LearnerRefusal(LearnerRefusal.Kind.RATE_LIMITED, "rate limit: " + rate.detail(),
                    Instant.parse((String) rate.figures().get("retry_at")));
        }
        beforeChange.run();
        VersionManifest next = store.create(current, entry);
        switchTo(next, current);
        accepted.add(clock.instant());
        ledger.append(LedgerEvent.VERSION_CHANGED, ContinualJson.fields("reason", "update", "from", current.version(),
                "to", next.version(), "input", entry.inputId(), "by", by, "adapter_sha256", entry.adapter(),
                "adapter_config_sha256", entry.adapterConfig(), "weights_sha256_before", current.sha256(),
                "weights_sha256_after", next.sha256()));
        return next;
    }

    /** Serves an existing version again. */
    public synchronized VersionManifest rollback(int version, String by, String reason) {
        VersionManifest current = store.current();
        if (!store.exists(version)) {
            throw new LearnerRefusal(LearnerRefusal.Kind.NOT_FOUND, "version " + version + " does not exist", null);
        }
        VersionManifest target = store.read(version);
        switchTo(target, current);
        ledger.append(LedgerEvent.ROLLBACK, ContinualJson.fields("from", current.version(), "to", version, "by", by,
                "reason", reason, "weights_sha256_before", current.sha256(), "weights_sha256_after", target.sha256()));
        return target;
    }

    private void switchTo(VersionManifest next, VersionManifest current) {
        LoadedVersion loaded = loader.load(next);
        try {
            store.switchTo(next.version());
        } catch (RuntimeException e) {
            loaded.release();
            throw e;
        }
        served.switchTo(loaded);
    }
}
