package dev.seal4j.seal.continual;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seal4j.engine.BadInputException;

import java.lang.foreign.Arena;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Continual self-adaptation of one model with safeguards. Inputs are queued durably; {@link #processNext}
 * turns the oldest into a candidate update (k self-edits, probes, one LoRA fine-tune per self-edit, the best
 * kept), runs the gates, and then serves the update, holds it for approval, or rejects it. Every step is an
 * entry in the ledger. Versions change only through the {@link VersionSwitcher}. One learner per state
 * directory (the caller holds the {@link StateLock}).
 */
public final class ContinualLearner implements AutoCloseable {
    private final LearnerSetup setup;
    private final Ledger ledger;
    private final InputQueue queue;
    private final VersionStore store;
    private final PendingUpdates pending;
    private final ServedVersion served;
    private final VersionSwitcher switcher;
    private final VersionLoader loader;
    private final Set<String> received = new HashSet<>();
    private final Set<String> deferred = new HashSet<>();
    /** Makes "is there room?" and "queue it" one step, so concurrent submissions cannot overfill the queue. */
    private final Object queueLock = new Object();
    /** One decision on a pending update at a time: the first approves or rejects it, the others are told so. */
    private final Object decisionLock = new Object();
    private volatile String activity = "idle";

    private ContinualLearner(LearnerSetup setup, Ledger ledger, InputQueue queue, VersionStore store,
                             PendingUpdates pending, ServedVersion served, VersionSwitcher switcher, VersionLoader loader) {
        this.setup = setup;
        this.ledger = ledger;
        this.queue = queue;
        this.store = store;
        this.pending = pending;
        this.served = served;
        this.switcher = switcher;
        this.loader = loader;
        ledger.ofType(LedgerEvent.INPUT_RECEIVED).forEach(e -> received.add(e.payloadJson().path("input").asText()));
    }

    /** Opens (creating) the state: checks the ledger and the base model, repairs after a crash, loads the current version. */
    public static ContinualLearner open(LearnerSetup s) {
        Ledger ledger = Ledger.open(s.state(), s.clock());
        try {
            VersionStore store = new VersionStore(s.state(), s.clock());
            store.initialize(s.baseFiles());
            InputQueue queue = new InputQueue(s.state(), s.clock());
            PendingUpdates pending = new PendingUpdates(s.state());
            Recovery.run(store, queue, pending, ledger);
            VersionLoader loader = new VersionLoader(s.base(), store);
            ServedVersion served = new ServedVersion(loader.load(store.current()));
            VersionSwitcher switcher = new VersionSwitcher(store, loader, served, ledger, new RateLimiter(s.gates()), s.clock());
            ledger.append(LedgerEvent.STARTED, ContinualJson.fields("base", s.baseFiles().path(),
                    "base_files", s.baseFiles().files(), "version", store.currentNumber(),
                    "queued", queue.pendingCount(), "pending_updates", pending.pending().size()));
            return new ContinualLearner(s, ledger, queue, store, pending, served, switcher, loader);
        } catch (RuntimeException e) {
            ledger.close();
            throw e;
        }
    }

    public Ledger ledger() {
        return ledger;
    }

    public InputQueue queue() {
        return queue;
    }

    public VersionStore versions() {
        return store;
    }

    public PendingUpdates pendingUpdates() {
        return pending;
    }

    public ServedVersion served() {
        return served;
    }

    public LearnerSetup setup() {
        return setup;
    }

    /** Any version, loaded for serving (e.g. a client asked for an earlier one); the caller releases it. */
    public LoadedVersion load(int version) {
        if (!store.exists(version)) {
            throw new LearnerRefusal(LearnerRefusal.Kind.NOT_FOUND, "version " + version + " does not exist", null);
        }
        return loader.load(store.read(version));
    }

    /** What the learner is doing now ("idle", "in-…: applying self-edit 2 of 3", ...). */
    public String activity() {
        return activity;
    }

    /** Queues an input durably and logs it; refused when the queue is full. */
    public QueuedInput submit(LearningInput input, String via) {
        QueuedInput q;
        synchronized (queueLock) {
            int waiting = queue.pendingCount();
            if (waiting >= setup.maxQueued()) {
                throw new LearnerRefusal(LearnerRefusal.Kind.QUEUE_FULL, "the learning queue is full (" + waiting
                        + " inputs wait; the limit is " + setup.maxQueued() + "); nothing was queued, send it again later", null);
            }
            q = queue.enqueue(input);
        }
        logReceived(q, via);
        return q;
    }

    /**
     * Queues an input under a fixed id unless that id was queued before (files of a watched directory);
     * returns whether it was queued now. The queue limit does not apply: the file is already here.
     */
    public boolean submitOnce(String id, LearningInput input, String via) {
        if (!queue.enqueueOnce(id, input)) {
            return false;
        }
        logReceived(queue.pending().stream().filter(q -> q.id().equals(id)).findFirst().orElseThrow(), via);
        return true;
    }

    private synchronized void logReceived(QueuedInput q, String via) {
        if (received.add(q.id())) {
            ledger.append(LedgerEvent.INPUT_RECEIVED, ContinualJson.fields("input", q.id(), "via", via,
                    "received", q.received(), "content", q.input()));
        }
    }

    /** Processes the oldest queued input, if one may be processed now. */
    public Outcome processNext() {
        if (!pending.pending().isEmpty()) {
            return Outcome.of(Outcome.Kind.WAITING, "update " + pending.pending().getFirst().id() + " waits for approval");
        }
        List<QueuedInput> inputs = queue.pending();
        if (inputs.isEmpty()) {
            return Outcome.of(Outcome.Kind.IDLE, "the queue is empty");
        }
        QueuedInput q = inputs.getFirst();
        logReceived(q, "queue");
        GateDecision rate = switcher.rateCheck();
        if (!rate.passed()) {
            if (deferred.add(q.id())) {
                ledger.append(LedgerEvent.INPUT_DEFERRED, ContinualJson.fields("input", q.id(), "gate", rate));
            }
            return new Outcome(Outcome.Kind.DEFERRED, q.id(), -1, rate.detail());
        }
        try {
            return process(q);
        } catch (LearnerRefusal r) {
            return new Outcome(r.kind() == LearnerRefusal.Kind.STALE ? Outcome.Kind.STALE : Outcome.Kind.DEFERRED,
                    q.id(), -1, r.getMessage());
        } catch (RuntimeException e) {
            String why = e instanceof BadInputException ? e.getMessage() : e.toString();
            ledger.append(LedgerEvent.INPUT_FAILED, ContinualJson.fields("input", q.id(), "error", why));
            queue.complete(q.id());
            return new Outcome(Outcome.Kind.FAILED, q.id(), -1, why);
        } finally {
            activity = "idle";
        }
    }

    private Outcome process(QueuedInput q) {
        LearningInput input = q.input();
        try (ServedVersion.Lease lease = served.lease(); Arena arena = Arena.ofShared()) {
            VersionManifest parent = lease.version().manifest();
            UpdateProposer proposer = new UpdateProposer(lease.version().model(), setup.tokenizer(), setup.learner(), setup.grader());
            long seed = setup.learner().seed() ^ q.id().hashCode();
            activity = q.id() + ": writing " + setup.learner().selfEdits() + " self-edits";
            List<String> edits = proposer.selfEdits(input, seed);
            ledger.append(LedgerEvent.SELF_EDITS_GENERATED, ContinualJson.fields("input", q.id(), "version",
                    parent.version(), "format", setup.learner().format().name(), "self_edits", edits));
            List<Probe> probes = probes(q, proposer);
            ProbeScore before = proposer.scorer().score(probes, null);
            List<Trial> trials = new ArrayList<>();
            for (int i = 0; i < edits.size(); i++) {
                activity = q.id() + ": applying self-edit " + (i + 1) + " of " + edits.size();
                trials.add(proposer.trial(i, edits.get(i), input, probes, seed, arena));
            }
            Trial best = UpdateProposer.best(trials);
            ledger.append(LedgerEvent.CANDIDATES_SCORED, ContinualJson.fields("input", q.id(), "baseline", before,
                    "candidates", trials.stream().map(ContinualLearner::trialJson).toList(), "chosen", best.index()));
            activity = q.id() + ": checking the gates";
            List<Probe> suite = RetentionSuite.of(parent, setup.heldOut(), setup.learner().maxRetentionProbes());
            UpdateGates.Measurements m = new UpdateGates.Measurements(best.trainLoss(), WeightDelta.norm(best.adapter()),
                    before, best.probes(), proposer.scorer().score(suite, null), proposer.scorer().score(suite, best.adapter()));
            List<GateDecision> decisions = new ArrayList<>(new UpdateGates(setup.gates()).evaluate(m));
            decisions.add(switcher.rateCheck());
            GateDecision failed = decisions.stream().filter(d -> !d.passed()).findFirst().orElse(null);
            Outcome.Kind verdict = failed != null ? Outcome.Kind.REJECTED
                    : setup.gates().approvalRequired() ? Outcome.Kind.PENDING : Outcome.Kind.ACCEPTED;
            ledger.append(LedgerEvent.GATES_DECIDED, ContinualJson.fields("input", q.id(), "title", input.passageTitle(),
                    "version", parent.version(), "outcome", verdict.name().toLowerCase(java.util.Locale.ROOT),
                    "gates", decisions, "measurements", m));
            if (failed != null) {
                queue.complete(q.id());
                return new Outcome(verdict, q.id(), parent.version(), failed.gate() + ": " + failed.detail());
            }
            VersionStore.StoredAdapter stored = store.storeAdapter(best.adapter(), setup.baseFiles().path());
            VersionManifest.StackEntry entry = new VersionManifest.StackEntry(stored.weights(), stored.config(), q.id(),
                    input.passageTitle(), probes);
            if (verdict == Outcome.Kind.PENDING) {
                PendingUpdate u = new PendingUpdate("upd-" + q.id().substring(3), q.id(), input.passageTitle(),
                        parent.version(), setup.clock().instant().toString(), entry, best.selfEdit(), decisions, null);
                pending.add(u);
                ledger.append(LedgerEvent.UPDATE_PENDING, ContinualJson.fields("update", u.id(), "input", q.id(),
                        "version", parent.version(), "adapter_sha256", stored.weights()));
                return new Outcome(verdict, q.id(), parent.version(), "waits for approval as " + u.id());
            }
            VersionManifest next = switcher.apply(entry, parent.version(), "gates", () -> { });
            queue.complete(q.id());
            return new Outcome(verdict, q.id(), next.version(), "served as version " + next.version());
        }
    }

    private List<Probe> probes(QueuedInput q, UpdateProposer proposer) {
        List<Probe> labelled = q.input().labelledProbes();
        if (!labelled.isEmpty()) {
            ledger.append(LedgerEvent.PROBES_WRITTEN, ContinualJson.fields("input", q.id(), "source", "labelled",
                    "probes", labelled));
            return labelled;
        }
        activity = q.id() + ": writing probes";
        UpdateProposer.WrittenProbes w = proposer.writeProbes(q.input());
        ledger.append(LedgerEvent.PROBES_WRITTEN, ContinualJson.fields("input", q.id(), "source", "self-qa",
                "completion", w.completion(), "probes", w.probes()));
        return w.probes();
    }

    private static ObjectNode trialJson(Trial t) {
        return ContinualJson.fields("index", t.index(), "sequences", t.sequences(), "train_loss",
                Double.isFinite(t.trainLoss()) ? t.trainLoss() : Double.toString(t.trainLoss()), "probes", t.probes());
    }

    /** Approves a pending update: it is served at once, on top of the version it was made on. */
    public VersionManifest approve(String updateId, String by, String reason) {
        requireWho(by, "approve");
        synchronized (decisionLock) {
            PendingUpdate u = pendingUpdate(updateId);
            VersionManifest next = switcher.apply(u.entry(), u.parentVersion(), by, () ->
                    ledger.append(LedgerEvent.UPDATE_APPROVED, ContinualJson.fields("update", u.id(), "input", u.inputId(),
                            "by", by, "reason", reason == null ? "" : reason)));
            pending.decide(u, new PendingUpdate.Decision(true, by, reason, setup.clock().instant().toString()));
            queue.complete(u.inputId());
            return next;
        }
    }

    /** Rejects a pending update: nothing changes but the record. */
    public void reject(String updateId, String by, String reason) {
        requireWho(by, "reject");
        synchronized (decisionLock) {
            PendingUpdate u = pendingUpdate(updateId);
            ledger.append(LedgerEvent.UPDATE_REJECTED, ContinualJson.fields("update", u.id(), "input", u.inputId(),
                    "by", by, "reason", reason == null ? "" : reason));
            pending.decide(u, new PendingUpdate.Decision(false, by, reason, setup.clock().instant().toString()));
            queue.complete(u.inputId());
        }
    }

    /** Serves an earlier (or any) version again. */
    public VersionManifest rollback(int version, String by, String reason) {
        requireWho(by, "rollback");
        return switcher.rollback(version, by, reason == null ? "" : reason);
    }

    /** When the rate limits allow the next update (null: now). */
    public Instant nextUpdateAllowed() {
        GateDecision d = switcher.rateCheck();
        return d.passed() ? null : Instant.parse((String) d.figures().get("retry_at"));
    }

    /** The update waiting under {@code id}; refused as already decided (naming who and when) or unknown. */
    private PendingUpdate pendingUpdate(String id) {
        return pending.get(id).orElseThrow(() -> pending.decision(id)
                .<LearnerRefusal>map(d -> new LearnerRefusal(LearnerRefusal.Kind.DECIDED, "update '" + id + "' was already "
                        + (d.approved() ? "approved" : "rejected") + " by " + d.by() + " at " + d.time(), null))
                .orElseGet(() -> new LearnerRefusal(LearnerRefusal.Kind.NOT_FOUND, "no pending update '" + id + "'", null)));
    }

    private static void requireWho(String by, String action) {
        if (by == null || by.isBlank()) {
            throw new BadInputException(action + ": say who decides ('by')");
        }
    }

    @Override
    public void close() {
        served.close();
        ledger.close();
    }
}
