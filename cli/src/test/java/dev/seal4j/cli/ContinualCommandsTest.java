package dev.seal4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.seal4j.engine.format.HfModelDir;
import dev.seal4j.engine.model.Checkpoint;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** seal learn, versions, updates and ledger on a state directory, offline. */
class ContinualCommandsTest {
    /** A small learner whose gates let everything through (rate limits off). */
    private static final List<String> SMALL = List.of("--self-edits", "2", "--self-edit-tokens", "24", "--probes", "2",
            "--epochs", "2", "--lora-rank", "4", "--lora-alpha", "8", "--min-interval", "0", "--allow-no-probes",
            "--retention-tolerance", "1", "--min-probe-gain", "-1", "--max-nll-rise", "100", "--answer-tokens", "6");

    private static Cli.Result learn(Path model, Path state, Path file, String... more) {
        List<String> args = new ArrayList<>(List.of("learn", file.toString(), "--state", state.toString(), "--model", model.toString()));
        args.addAll(SMALL);
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    private static void sql(Path state, String... statements) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + state.resolve("ledger.db"));
             Statement s = c.createStatement()) {
            for (String q : statements) {
                s.execute(q);
            }
        }
    }

    @Test
    void learnListRollBackAndVerify(@TempDir Path tmp) throws Exception {
        Path model = TestFiles.longChatModel(tmp.resolve("m"));
        Path state = tmp.resolve("state");
        Path notes = TestFiles.write(tmp.resolve("Ada Quist.txt"), "Ada Quist was born in Velora.");
        Cli.Result r = learn(model, state, notes).ok();
        JsonNode outcome = TestFiles.json(r.outLines().getLast());
        assertEquals("accepted", outcome.get("outcome").asText(), r.out());
        assertEquals(1, outcome.get("version").asInt());

        List<String> versions = Cli.run("versions", "list", "--state", state.toString()).ok().outLines();
        assertEquals(2, versions.size(), versions.toString());
        assertTrue(versions.get(1).startsWith("* v1"), versions.get(1));
        assertTrue(versions.get(1).contains("last: Ada Quist"), versions.get(1));

        // export v1 merged, and compare with 'seal merge' of the base and v1's single adapter
        Path v1 = tmp.resolve("v1");
        Cli.run("versions", "export", "1", "--state", state.toString(), "--out", v1.toString()).ok();
        String adapter = TestFiles.json(Files.readString(v1.resolve("seal-version.json"))).get("stack").get(0)
                .get("adapter").asText();
        Path merged = tmp.resolve("merged");
        Cli.run("merge", "--model", model.toString(), "--adapter", state.resolve("adapters").resolve(adapter).toString(),
                "--out", merged.toString()).ok();
        try (Checkpoint a = HfModelDir.open(v1); Checkpoint b = HfModelDir.open(merged)) {
            for (String name : b.tensors().keySet()) {
                assertArrayEquals(b.tensor(name).toFloatArray(), a.tensor(name).toFloatArray(), 1e-5f, name);
            }
        }
        assertTrue(Files.exists(v1.resolve("tokenizer.json")));

        Cli.Result back = Cli.run("versions", "rollback", "0", "--state", state.toString(), "--by", "dana", "--reason", "test").ok();
        assertEquals(0, TestFiles.json(back.out()).get("version").asInt());
        assertTrue(Cli.run("versions", "list", "--state", state.toString()).ok().outLines().getFirst().startsWith("* v0"));

        assertTrue(Cli.run("ledger", "verify", "--state", state.toString()).ok().out().startsWith("ledger ok: "));
        JsonNode shown = TestFiles.json(Cli.run("ledger", "show", "--state", state.toString(), "--json").ok().out());
        List<String> exported = Cli.run("ledger", "export", "--state", state.toString()).ok().outLines();
        assertEquals(shown.size(), exported.size());
        JsonNode rollback = TestFiles.json(exported.getLast());
        assertEquals("rollback", rollback.get("type").asText());
        assertEquals("dana", rollback.get("payload").get("by").asText());
        assertEquals(shown.get(shown.size() - 2).get("hash").asText(), rollback.get("prev_hash").asText());
    }

    @Test
    void ledgerVerifyFailsOnAnyEditDeletionOrReordering(@TempDir Path tmp) throws Exception {
        Path model = TestFiles.longChatModel(tmp.resolve("m"));
        Path state = tmp.resolve("state");
        learn(model, state, TestFiles.write(tmp.resolve("a.txt"), "Bo was born in Quell.")).ok();
        sql(state, "DROP TRIGGER ledger_no_update", "UPDATE ledger SET payload = replace(payload, 'Quell', 'Elsewhere')");
        Cli.Result edited = Cli.run("ledger", "verify", "--state", state.toString());
        assertEquals(1, edited.exit());
        assertTrue(edited.err().contains("was edited"), edited.err());
        assertTrue(edited.err().contains("trigger ledger_no_update is missing"), edited.err());

        Path state2 = tmp.resolve("state2");
        learn(model, state2, TestFiles.write(tmp.resolve("b.txt"), "Cy was born in Quell.")).ok();
        sql(state2, "DROP TRIGGER ledger_no_delete", "DELETE FROM ledger WHERE seq = 3",
                "CREATE TRIGGER ledger_no_delete BEFORE DELETE ON ledger BEGIN SELECT RAISE(ABORT, 'x'); END");
        Cli.Result deleted = Cli.run("ledger", "verify", "--state", state2.toString());
        assertEquals(1, deleted.exit());
        assertTrue(deleted.err().contains("does not link"), deleted.err());
        Cli.Result refused = learn(model, state2, TestFiles.write(tmp.resolve("c.txt"), "more"));
        assertEquals(1, refused.exit(), "no learning on a tampered ledger: " + refused.err());
        assertTrue(refused.err().contains("does not verify"), refused.err());
    }

    @Test
    void approvalFromTheCommandLine(@TempDir Path tmp) {
        Path model = TestFiles.longChatModel(tmp.resolve("m"));
        Path state = tmp.resolve("state");
        Path feedback = TestFiles.write(tmp.resolve("fix.json"),
                "{\"question\": \"Where was Dee born?\", \"answer\": \"Oslo\", \"correction\": \"Velora\"}");
        Cli.Result r = learn(model, state, feedback, "--approval").ok();
        assertEquals("pending", TestFiles.json(r.outLines().getFirst()).get("outcome").asText(), r.out());
        JsonNode pending = TestFiles.json(Cli.run("updates", "list", "--state", state.toString(), "--json").ok().out());
        String id = pending.get(0).get("id").asText();
        assertTrue(Cli.run("updates", "list", "--state", state.toString()).ok().out().contains("probe-gain: "));
        Cli.Result approved = Cli.run("updates", "approve", id, "--state", state.toString(), "--by", "erin", "--reason", "ok").ok();
        assertEquals(1, TestFiles.json(approved.out()).get("version").asInt());
        Cli.Result again = Cli.run("updates", "approve", id, "--state", state.toString(), "--by", "erin", "--reason", "twice");
        assertEquals(1, again.exit());
        assertTrue(again.err().startsWith("seal: update '" + id + "' was already approved by erin at "), again.err());
    }
}
