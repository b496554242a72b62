package dev.seal4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seal4j.seal.continual.GateConfig;
import dev.seal4j.seal.continual.Ledger;
import dev.seal4j.seal.continual.LedgerEntry;
import dev.seal4j.seal.continual.LedgerVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Approvals, rollbacks and rate limits through the admin API, and chat while versions switch. */
class ServeAdminTest {

    private static String pendingId(TestServer s) {
        TestServer.await("an update to wait for approval", 120,
                () -> s.get("/admin/updates", true).json().get("pending").size() > 0);
        return s.get("/admin/updates", true).json().get("pending").get(0).get("id").asText();
    }

    @Test
    void approveRejectAndRollBackWithWhoAndWhy(@TempDir Path tmp) {
        try (TestServer s = TestServer.start(tmp, TestServer.approval(), 20)) {
            assertEquals(202, s.post("/v1/documents", TestServer.doc("Al Burr"), true).status());
            String first = pendingId(s);
            assertEquals(0, s.get("/admin/status", true).json().get("version").asInt(), "nothing changes before approval");
            TestServer.Response noWho = s.post("/admin/updates/" + first + "/approve", "{\"reason\": \"fine\"}", true);
            assertEquals(400, noWho.status());
            assertEquals("by", noWho.json().get("error").get("param").asText());
            TestServer.Response ok = s.post("/admin/updates/" + first + "/approve", "{\"by\": \"alice\", \"reason\": \"checked\"}", true);
            assertEquals(200, ok.status(), ok.body());
            assertEquals("tiny@v1", ok.json().get("model").asText());
            TestServer.Response twice = s.post("/admin/updates/" + first + "/approve", "{\"by\": \"alice\"}", true);
            assertEquals(409, twice.status(), twice.body());
            assertTrue(twice.errorMessage().startsWith("update '" + first + "' was already approved by alice at "), twice.body());
            assertEquals(404, s.post("/admin/updates/upd-none/approve", "{\"by\": \"alice\"}", true).status());

            assertEquals(202, s.post("/v1/documents", TestServer.doc("Bea Cole"), true).status());
            String second = pendingId(s);
            assertEquals(200, s.post("/admin/updates/" + second + "/reject", "{\"by\": \"bob\", \"reason\": \"wrong\"}", true).status());

            assertEquals(202, s.post("/v1/documents", TestServer.doc("Cal Dunn"), true).status());
            String third = pendingId(s);
            TestServer.Response back = s.post("/admin/rollback", "{\"version\": 0, \"by\": \"carol\", \"reason\": \"regression\"}", true);
            assertEquals(200, back.status(), back.body());
            TestServer.Response stale = s.post("/admin/updates/" + third + "/approve", "{\"by\": \"alice\"}", true);
            assertEquals(409, stale.status(), "made on v1, v0 is served now");
            assertTrue(stale.errorMessage().contains("version 1"), stale.errorMessage());
            assertEquals(404, s.post("/admin/rollback", "{\"version\": 42, \"by\": \"carol\"}", true).status());

            List<LedgerEntry> ledger = Ledger.readAll(s.state.ledger());
            JsonNode approved = ledger.stream().filter(e -> e.type().equals("update-approved")).findFirst().orElseThrow().payloadJson();
            assertEquals("alice", approved.get("by").asText());
            assertEquals("checked", approved.get("reason").asText());
            JsonNode rejected = ledger.stream().filter(e -> e.type().equals("update-rejected")).findFirst().orElseThrow().payloadJson();
            assertEquals("bob", rejected.get("by").asText());
            JsonNode rollback = ledger.stream().filter(e -> e.type().equals("rollback")).findFirst().orElseThrow().payloadJson();
            assertEquals(List.of(1, 0, "carol", "regression"), List.of(rollback.get("from").asInt(), rollback.get("to").asInt(),
                    rollback.get("by").asText(), rollback.get("reason").asText()));
            JsonNode verify = s.get("/admin/ledger/verify", true).json();
            assertTrue(verify.get("ok").asBoolean(), verify.toString());
            assertEquals(3, s.get("/admin/curves", true).json().size());
        }
    }

    @Test
    void chatRequestsDuringVersionSwitchesAllSucceed(@TempDir Path tmp) throws Exception {
        try (TestServer s = TestServer.start(tmp, TestServer.approval(), 20);
             ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            s.post("/v1/documents", TestServer.doc("Di Eck"), true);
            s.post("/admin/updates/" + pendingId(s) + "/approve", "{\"by\": \"alice\"}", true);
            List<Future<TestServer.Response>> calls = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                String stream = i % 2 == 0 ? ", \"stream\": true" : "";
                calls.add(clients.submit(() -> s.post("/v1/chat/completions", "{\"messages\": [{\"role\": \"user\", "
                        + "\"content\": \"hello\"}], \"max_tokens\": 12" + stream + "}", false)));
            }
            for (int k = 0; k < 6; k++) {
                assertEquals(200, s.post("/admin/rollback", "{\"version\": " + (k % 2) + ", \"by\": \"test\"}", true).status());
            }
            for (Future<TestServer.Response> f : calls) {
                TestServer.Response r = f.get();
                assertEquals(200, r.status(), r.body());
                assertTrue(r.body().contains("tiny@v"), r.body());
                if (r.body().startsWith("data:")) {
                    assertTrue(r.body().strip().endsWith("data: [DONE]"), r.body());
                }
            }
            assertTrue(LedgerVerifier.verify(s.state).ok());
        }
    }

    @Test
    void aBurstBeyondTheLimitsIsQueuedOrRefusedAndNoneIsLost(@TempDir Path tmp) {
        GateConfig oncePerHour = new GateConfig(1, Double.NEGATIVE_INFINITY, false, Double.POSITIVE_INFINITY, 100,
                Duration.ofHours(1), 0, 0, false);
        try (TestServer s = TestServer.start(tmp, oncePerHour, 4)) {
            List<String> accepted = new ArrayList<>();
            int refused = 0;
            for (int i = 0; i < 10; i++) {
                TestServer.Response r = s.post("/v1/documents", TestServer.doc("Person " + i), true);
                if (r.status() == 202) {
                    accepted.add(r.json().get("id").asText());
                } else {
                    assertEquals(429, r.status(), r.body());
                    assertTrue(r.errorMessage().contains("queue is full"), r.errorMessage());
                    assertTrue(r.headers().firstValue("Retry-After").isPresent());
                    refused++;
                }
            }
            assertTrue(accepted.size() >= 4 && refused > 0, accepted.size() + " accepted, " + refused + " refused");
            TestServer.await("the first update", 120, () -> s.learner.served().manifest().version() == 1);
            TestServer.await("the next input to be deferred", 60, () -> Ledger.readAll(s.state.ledger()).stream()
                    .anyMatch(e -> e.type().equals("input-deferred")));
            for (String id : accepted) {
                assertTrue(s.learner.queue().isPending(id) || s.learner.queue().isDone(id), id + " was lost");
            }
            assertEquals(accepted.size() - 1, s.learner.queue().pendingCount(), "all but the first wait for the rate limit");
            assertEquals(accepted.size(), Ledger.readAll(s.state.ledger()).stream()
                    .filter(e -> e.type().equals("input-received")).count());
            String next = s.get("/admin/status", true).json().get("next_update_allowed").asText();
            assertTrue(next.startsWith("20"), next);
        }
    }
}
