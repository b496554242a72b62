package dev.seal4j.seal.continual;

import java.util.HashSet;
import java.util.Set;

/**
 * Brings the state back to a consistent story after a crash, logging each repair: removes half-written
 * adapters and decided leftovers, logs a version switch whose ledger entry the crash cut off, and completes
 * queued inputs whose update is already in a version (so a crash between switching and dequeuing does not
 * apply the same input twice).
 */
final class Recovery {
    private Recovery() {
    }

    static void run(VersionStore store, InputQueue queue, PendingUpdates pending, Ledger ledger) {
        store.removeIncomplete();
        pending.removeDecidedLeftovers();
        Set<Integer> logged = new HashSet<>(Set.of(0));
        for (LedgerEvent type : new LedgerEvent[]{LedgerEvent.VERSION_CHANGED, LedgerEvent.ROLLBACK, LedgerEvent.RECOVERED}) {
            ledger.ofType(type).forEach(e -> {
                if (e.payloadJson().has("to")) {
                    logged.add(e.payloadJson().get("to").asInt());
                }
            });
        }
        VersionManifest current = store.current();
        if (!logged.contains(current.version())) {
            ledger.append(LedgerEvent.RECOVERED, ContinualJson.fields("what", "version " + current.version()
                            + " was switched to just before a crash; its version-changed entry is written now",
                    "to", current.version(), "input", current.stack().isEmpty() ? "" : current.stack().getLast().inputId(),
                    "weights_sha256_after", current.sha256()));
        }
        logged.add(current.version());
        Set<String> applied = new HashSet<>(); // inputs in versions that were served (not in ones a crash left unused)
        store.list().stream().filter(m -> logged.contains(m.version()))
                .forEach(m -> m.stack().forEach(e -> applied.add(e.inputId())));
        for (QueuedInput q : queue.pending()) {
            boolean decided = pending.decided().stream().anyMatch(u -> u.inputId().equals(q.id()));
            if (applied.contains(q.id()) || decided) {
                queue.complete(q.id());
                ledger.append(LedgerEvent.RECOVERED, ContinualJson.fields("what", "input " + q.id()
                        + " was already " + (decided ? "decided" : "applied") + " before a crash; taken off the queue",
                        "input", q.id()));
            }
        }
    }
}
