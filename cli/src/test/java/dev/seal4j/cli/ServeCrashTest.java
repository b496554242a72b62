package dev.seal4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seal4j.cli.server.AdminToken;
import dev.seal4j.seal.continual.InputQueue;
import dev.seal4j.seal.continual.Ledger;
import dev.seal4j.seal.continual.LedgerVerifier;
import dev.seal4j.seal.continual.StateDir;
import dev.seal4j.seal.continual.VersionManifest;
import dev.seal4j.seal.continual.VersionStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * kill -9 of a real server process in the middle of an update (while training, and around the version
 * switch), then a restart: the served version is a whole one, the ledger verifies, no queued input is lost
 * and none is applied twice.
 */
class ServeCrashTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static List<String> args(Path model, Path state) {
        return List.of("--model", model.toString(), "--state", state.toString(), "--port", "0", "--served-name", "tiny",
                "--self-edits", "2", "--self-edit-tokens", "24", "--probes", "2", "--epochs", "6", "--lora-rank", "4",
                "--lora-alpha", "8", "--min-interval", "0", "--allow-no-probes", "--retention-tolerance", "1",
                "--min-probe-gain", "-1", "--max-nll-rise", "100", "--max-concurrent", "2", "--answer-tokens", "6");
    }

    private static HttpResponse<String> call(String method, String url, String body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).method(method, body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static long count(StateDir state, String type) {
        return Ledger.readAll(state.ledger()).stream().filter(e -> e.type().equals(type)).count();
    }

    @Test
    void killDuringAnUpdateThenRestart(@TempDir Path tmp) throws Exception {
        Path model = TestFiles.longChatModel(tmp.resolve("m"));
        Path stateDir = tmp.resolve("state");
        StateDir state = new StateDir(stateDir);
        List<String> ids = new ArrayList<>();
        // first kill while self-edits are being applied, then right after an update's gates passed (the switch)
        for (String killAfter : List.of("self-edits-generated", "gates-decided")) {
            long before = Files.exists(state.ledger()) ? count(state, killAfter) : 0;
            try (ServeProcess server = ServeProcess.start(tmp.resolve("serve-" + killAfter + ".log"), args(model, stateDir))) {
                String token = AdminToken.read(state.adminToken());
                for (int i = 0; i < 2; i++) {
                    HttpResponse<String> r = call("POST", server.url + "/v1/documents", TestServer.doc(killAfter + " " + i), token);
                    assertEquals(202, r.statusCode(), r.body());
                    ids.add(TestFiles.json(r.body()).get("id").asText());
                }
                TestServer.await(killAfter, 120, () -> count(state, killAfter) > before);
                server.kill();
            }
            assertTrue(LedgerVerifier.verify(state).ok(), String.join("; ", LedgerVerifier.verify(state).problems()));
            if (killAfter.equals("self-edits-generated")) {
                assertEquals(0, count(state, "version-changed"), "the kill landed in the middle of the first update");
            }
            try (ServeProcess server = ServeProcess.start(tmp.resolve("restart-" + killAfter + ".log"), args(model, stateDir))) {
                VersionStore store = new VersionStore(state, Clock.systemUTC());
                VersionManifest current = store.current();
                store.verify(current); // whole: every adapter file matches its hash
                JsonNode models = TestFiles.json(call("GET", server.url + "/v1/models", null, null).body());
                assertEquals("tiny@v" + current.version(), models.get("data").get(0).get("id").asText());
                InputQueue queue = new InputQueue(state, Clock.systemUTC());
                for (String id : ids) {
                    assertTrue(queue.isPending(id) || queue.isDone(id), id + " was lost");
                }
                TestServer.await("every input to be processed", 240, () -> queue.pendingCount() == 0);
                List<String> applied = store.current().stack().stream().map(VersionManifest.StackEntry::inputId).toList();
                assertEquals(applied.size(), new HashSet<>(applied).size(), "an input was applied twice: " + applied);
                assertTrue(applied.containsAll(ids), "every input is in the served version: " + applied);
            }
            assertTrue(LedgerVerifier.verify(state).ok());
        }
    }
}
