package dev.seal4j.seal.continual;

import dev.seal4j.engine.format.PeftAdapter;
import dev.seal4j.engine.model.LoraAdapter;
import dev.seal4j.engine.model.LoraConfig;
import dev.seal4j.engine.model.LoraTarget;
import dev.seal4j.engine.model.ModelWeights;
import dev.seal4j.seal.eval.ExactMatchGrader;
import dev.seal4j.seal.inner.InnerLoopConfig;
import dev.seal4j.seal.selfedit.SelfEditFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContinualLearnerTest {
    static final LearnerConfig LEARNER = new LearnerConfig(SelfEditFormat.IMPLICATIONS, 2, 24, 1f, 0.95f, 4, 24,
            new InnerLoopConfig(new LoraConfig(4, 8f, 0f, EnumSet.of(LoraTarget.Q_PROJ, LoraTarget.V_PROJ)), 1e-3f, 2, 1,
                    InnerLoopConfig.PAPER_QUESTION_TEMPLATE, 6, false, 0), 50, 1);
    static final GateConfig OPEN = GateConfig.none();

    @TempDir
    Path tmp;
    TinyModel tiny;
    StateDir state;
    TestClock clock = new TestClock();

    @BeforeEach
    void model() {
        tiny = TinyModel.create(tmp.resolve("model"));
        state = StateDir.create(tmp.resolve("state"));
    }

    @AfterEach
    void close() {
        tiny.close();
    }

    ContinualLearner open(GateConfig gates, int maxQueued) {
        return ContinualLearner.open(new LearnerSetup(state, tiny.model, BaseModelFiles.describe(tiny.dir), tiny.tokenizer,
                LEARNER, gates, List.of(), new ExactMatchGrader(), maxQueued, clock));
    }

    static LearningInput doc(String title) {
        return new LearningInput.Document(title, title + " was born in Velora and works at Quint Labs.", "test",
                List.of(new Probe(null, "Where was " + title + " born?", "Velora")));
    }

    List<String> types() {
        return Ledger.readAll(state.ledger()).stream().map(LedgerEntry::type).toList();
    }

    @Test
    void anAcceptedUpdateIsServedAsTheBasePlusItsAdapter() {
        try (ContinualLearner l = open(OPEN, 10)) {
            QueuedInput q = l.submit(doc("Ada Quist"), "test");
            Outcome o = l.processNext();
            assertEquals(Outcome.Kind.ACCEPTED, o.kind(), o.detail());
            assertEquals(1, o.version());
            VersionManifest v1 = l.served().manifest();
            assertEquals(1, v1.version());
            assertEquals(q.id(), v1.stack().getFirst().inputId());
            assertEquals("Velora", v1.stack().getFirst().probes().getFirst().answer());
            assertEquals(List.of(), l.queue().pending());
            // the served weights are the base with the stored PEFT adapter merged, by the engine's own merge
            try (ServedVersion.Lease lease = l.served().lease(); Arena arena = Arena.ofShared()) {
                ModelWeights base = tiny.model.weights();
                LoraAdapter stored = PeftAdapter.read(l.versions().adapterDir(v1.stack().getFirst().adapter()), base, arena);
                ModelWeights expected = stored.mergeInto(base, arena);
                for (LoraTarget t : List.of(LoraTarget.Q_PROJ, LoraTarget.V_PROJ, LoraTarget.K_PROJ)) {
                    assertArrayEquals(expected.layers().get(1).matrix(t).toFloatArray(),
                            lease.version().model().weights().layers().get(1).matrix(t).toFloatArray(), 1e-6f);
                }
            }
        }
        assertEquals(List.of("started", "input-received", "self-edits-generated", "probes-written", "candidates-scored",
                "gates-decided", "version-changed"), types());
        assertTrue(LedgerVerifier.verify(state).ok());
        List<String> selfEdits = new java.util.ArrayList<>();
        Ledger.readAll(state.ledger()).get(2).payloadJson().get("self_edits").forEach(n -> selfEdits.add(n.asText()));
        assertEquals(2, selfEdits.size(), "the ledger holds every self-edit in full");
    }

    @Test
    void aFailedGateRejectsAndNothingChanges() {
        GateConfig strict = new GateConfig(0.05, 2.0, true, Double.POSITIVE_INFINITY, 100, Duration.ZERO, 0, 0, false);
        try (ContinualLearner l = open(strict, 10)) {
            l.submit(doc("Bo Pell"), "test");
            Outcome o = l.processNext();
            assertEquals(Outcome.Kind.REJECTED, o.kind());
            assertTrue(o.detail().startsWith("probe-gain: "), o.detail());
            assertEquals(0, l.served().manifest().version());
            assertEquals(1, l.queue().done().size());
        }
        assertEquals("rejected", Ledger.readAll(state.ledger()).getLast().payloadJson().get("outcome").asText());
    }

    @Test
    void approvalHoldsTheUpdateUntilAPersonDecides() {
        GateConfig approval = new GateConfig(1, Double.NEGATIVE_INFINITY, false, Double.POSITIVE_INFINITY, 100,
                Duration.ZERO, 0, 0, true);
        try (ContinualLearner l = open(approval, 10)) {
            l.submit(doc("Cy Dorn"), "test");
            l.submit(doc("Di Evans"), "test");
            assertEquals(Outcome.Kind.PENDING, l.processNext().kind());
            assertEquals(Outcome.Kind.WAITING, l.processNext().kind(), "one decision at a time");
            PendingUpdate u = l.pendingUpdates().pending().getFirst();
            assertThrows(dev.seal4j.engine.BadInputException.class, () -> l.approve(u.id(), " ", "ok"));
            assertEquals(1, l.approve(u.id(), "alice", "checked the self-edit").version());
            assertEquals(Outcome.Kind.PENDING, l.processNext().kind());
            PendingUpdate second = l.pendingUpdates().pending().getFirst();
            l.reject(second.id(), "bob", "off topic");
            assertEquals(1, l.served().manifest().version());
            assertEquals(List.of(), l.pendingUpdates().pending());
            PendingUpdate.Decision d = l.pendingUpdates().decided().stream().filter(x -> x.id().equals(second.id()))
                    .findFirst().orElseThrow().decision();
            assertEquals("bob", d.by());
            assertEquals("off topic", d.reason());
            LearnerRefusal again = assertThrows(LearnerRefusal.class, () -> l.approve(second.id(), "bob", "changed my mind"));
            assertEquals(LearnerRefusal.Kind.DECIDED, again.kind());
            assertTrue(again.getMessage().startsWith("update '" + second.id() + "' was already rejected by bob at "), again.getMessage());
        }
        assertTrue(types().containsAll(List.of("update-pending", "update-approved", "update-rejected")));
        assertTrue(LedgerVerifier.verify(state).ok());
    }

    /** Runs {@code action} on {@code n} threads released at once; returns what each returned or threw. */
    private static List<Object> atOnce(int n, java.util.function.IntFunction<Object> action) throws Exception {
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(n);
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(n)) {
            List<java.util.concurrent.Future<Object>> futures = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                int k = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    try {
                        return action.apply(k);
                    } catch (RuntimeException e) {
                        return e;
                    }
                }));
            }
            List<Object> out = new java.util.ArrayList<>();
            for (var f : futures) {
                out.add(f.get());
            }
            return out;
        }
    }

    @Test
    void concurrentSubmissionsNeverOverfillTheQueue() throws Exception {
        try (ContinualLearner l = open(OPEN, 5)) {
            List<Object> results = atOnce(20, i -> l.submit(doc("Person " + i), "test"));
            assertEquals(5, results.stream().filter(r -> r instanceof QueuedInput).count());
            assertEquals(5, l.queue().pendingCount());
            for (Object r : results) {
                if (r instanceof LearnerRefusal refusal) {
                    assertEquals(LearnerRefusal.Kind.QUEUE_FULL, refusal.kind());
                    assertTrue(refusal.getMessage().contains("(5 inputs wait; the limit is 5)"), refusal.getMessage());
                } else {
                    assertTrue(r instanceof QueuedInput, String.valueOf(r));
                }
            }
        }
    }

    @Test
    void concurrentApprovalsOfOneUpdateApproveItOnce() throws Exception {
        GateConfig approval = new GateConfig(1, Double.NEGATIVE_INFINITY, false, Double.POSITIVE_INFINITY, 100,
                Duration.ZERO, 0, 0, true);
        try (ContinualLearner l = open(approval, 10)) {
            l.submit(doc("Eve Fox"), "test");
            assertEquals(Outcome.Kind.PENDING, l.processNext().kind());
            String id = l.pendingUpdates().pending().getFirst().id();
            List<Object> results = atOnce(5, i -> l.approve(id, "op" + i, "looked at it"));
            List<Object> approved = results.stream().filter(r -> r instanceof VersionManifest).toList();
            assertEquals(1, approved.size(), results.toString());
            assertEquals(1, ((VersionManifest) approved.getFirst()).version());
            for (Object r : results) {
                if (r instanceof LearnerRefusal refusal) {
                    assertEquals(LearnerRefusal.Kind.DECIDED, refusal.kind(), refusal.getMessage());
                    assertTrue(refusal.getMessage().matches("update '" + id + "' was already approved by op[0-4] at .*"),
                            refusal.getMessage());
                }
            }
            assertEquals(1, l.served().manifest().version());
        }
        assertEquals(1, types().stream().filter(t -> t.equals("update-approved")).count());
        assertEquals(1, types().stream().filter(t -> t.equals("version-changed")).count());
        assertTrue(LedgerVerifier.verify(state).ok());
    }

    @Test
    void theStateIsPrivateToItsOwner() throws Exception {
        try (ContinualLearner l = open(OPEN, 10)) {
            l.submit(doc("Gil Hart"), "test");
            assertEquals(Outcome.Kind.ACCEPTED, l.processNext().kind());
        }
        try (var all = Files.walk(state.root())) {
            for (Path p : all.toList()) {
                String mode = java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
                assertEquals(Files.isDirectory(p) ? "rwx------" : "rw-------", mode, p.toString());
            }
        }
    }

    @Test
    void rateLimitsDeferInputsWithoutLosingThem() {
        GateConfig hourly = new GateConfig(1, Double.NEGATIVE_INFINITY, false, Double.POSITIVE_INFINITY, 100,
                Duration.ofMinutes(30), 0, 0, false);
        try (ContinualLearner l = open(hourly, 10)) {
            l.submit(doc("Ed Fane"), "test");
            QueuedInput second = l.submit(doc("Fay Gort"), "test");
            assertEquals(Outcome.Kind.ACCEPTED, l.processNext().kind());
            Outcome d = l.processNext();
            assertEquals(Outcome.Kind.DEFERRED, d.kind());
            assertTrue(d.detail().contains("minimum interval is 1800 s"), d.detail());
            l.processNext();
            assertEquals(List.of(second.id()), l.queue().pending().stream().map(QueuedInput::id).toList());
            clock.advance(Duration.ofMinutes(31));
            assertEquals(Outcome.Kind.ACCEPTED, l.processNext().kind());
        }
        assertEquals(1, types().stream().filter("input-deferred"::equals).count(), "deferral is logged once");
    }

    @Test
    void aFullQueueRefusesWithAReason() {
        try (ContinualLearner l = open(OPEN, 2)) {
            l.submit(doc("Gil Hart"), "test");
            l.submit(doc("Hal Ives"), "test");
            LearnerRefusal r = assertThrows(LearnerRefusal.class, () -> l.submit(doc("Ivy Jolt"), "test"));
            assertEquals(LearnerRefusal.Kind.QUEUE_FULL, r.kind());
            assertTrue(r.getMessage().contains("queue is full"), r.getMessage());
            assertEquals(2, l.queue().pendingCount());
        }
    }

    @Test
    void rollbackServesAnEarlierVersionAndLaterUpdatesBranchFromIt() {
        try (ContinualLearner l = open(OPEN, 10)) {
            l.submit(doc("Jo King"), "test");
            l.processNext();
            assertEquals(0, l.rollback(0, "carol", "bad answers").version());
            assertEquals(0, l.served().manifest().version());
            l.submit(doc("Kay Lund"), "test");
            assertEquals(2, l.processNext().version());
            VersionManifest v2 = l.versions().read(2);
            assertEquals(0, v2.parent());
            assertEquals(1, v2.stack().size());
            assertEquals(List.of(0, 1, 2), l.versions().list().stream().map(VersionManifest::version).toList());
            assertThrows(LearnerRefusal.class, () -> l.rollback(9, "carol", "no such"));
        }
        assertTrue(types().contains("rollback"));
    }

    @Test
    void anUpdateMadeOnAnotherVersionIsRefusedAsStale() {
        try (ContinualLearner l = open(OPEN, 10)) {
            l.submit(doc("Lu Marr"), "test");
            l.processNext();
        }
        GateConfig approval = new GateConfig(1, Double.NEGATIVE_INFINITY, false, Double.POSITIVE_INFINITY, 100,
                Duration.ZERO, 0, 0, true);
        try (ContinualLearner l = open(approval, 10)) {
            l.submit(doc("Mo Nash"), "test");
            assertEquals(Outcome.Kind.PENDING, l.processNext().kind());
            l.rollback(0, "carol", "test");
            PendingUpdate u = l.pendingUpdates().pending().getFirst();
            LearnerRefusal r = assertThrows(LearnerRefusal.class, () -> l.approve(u.id(), "alice", "ok"));
            assertEquals(LearnerRefusal.Kind.STALE, r.kind());
        }
    }

    @Test
    void restartAfterACrashCompletesWhatTheCrashCutShort() throws Exception {
        QueuedInput q;
        try (ContinualLearner l = open(OPEN, 10)) {
            q = l.submit(doc("Ned Oak"), "test");
            l.processNext();
        }
        // a crash after the switch but before dequeuing: the input is still pending
        Files.move(state.queue().resolve("done").resolve(q.id() + ".json"), state.queue().resolve("pending").resolve(q.id() + ".json"));
        // a crash after writing version 2 and moving 'current' but before its ledger entry
        VersionStore store = new VersionStore(state, clock);
        VersionManifest v2 = store.create(store.read(1), store.read(1).stack().getFirst());
        store.switchTo(v2.version());
        try (ContinualLearner l = open(OPEN, 10)) {
            assertEquals(List.of(), l.queue().pending(), "the applied input is not applied twice");
            assertEquals(2, l.served().manifest().version());
            assertEquals(Outcome.Kind.IDLE, l.processNext().kind());
        }
        List<LedgerEntry> recovered = Ledger.readAll(state.ledger()).stream().filter(e -> e.type().equals("recovered")).toList();
        assertEquals(2, recovered.size());
        assertTrue(LedgerVerifier.verify(state).ok());
    }

    @Test
    void aChangedAdapterFileStopsTheVersionFromLoading() throws Exception {
        try (ContinualLearner l = open(OPEN, 10)) {
            l.submit(doc("Ola Pym"), "test");
            l.processNext();
        }
        Path weights = new VersionStore(state, clock).adapterDir(new VersionStore(state, clock).read(1).stack().getFirst()
                .adapter()).resolve(PeftAdapter.WEIGHTS);
        byte[] bytes = Files.readAllBytes(weights);
        bytes[bytes.length - 1] ^= 1;
        Files.write(weights, bytes);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> open(OPEN, 10));
        assertTrue(e.getMessage().contains("the file was changed"), e.getMessage());
    }
}
