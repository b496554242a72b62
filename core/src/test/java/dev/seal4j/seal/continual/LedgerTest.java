package dev.seal4j.seal.continual;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LedgerTest {

    private static StateDir ledgerOf(Path dir, int entries) {
        StateDir state = StateDir.create(dir);
        try (Ledger ledger = Ledger.open(state, Clock.systemUTC())) {
            for (int i = 0; i < entries; i++) {
                ledger.append(LedgerEvent.INPUT_RECEIVED, ContinualJson.fields("input", "in-" + i, "n", i));
            }
        }
        return state;
    }

    private static void sql(StateDir state, String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + state.ledger());
             Statement s = c.createStatement()) {
            for (String q : statements) {
                s.execute(q);
            }
        }
    }

    private static String problems(StateDir state) {
        return String.join("; ", LedgerVerifier.verify(state).problems());
    }

    @Test
    void entriesChainByHashAndSurviveReopening(@TempDir Path dir) {
        StateDir state = ledgerOf(dir, 3);
        List<LedgerEntry> entries = Ledger.readAll(state.ledger());
        assertEquals(3, entries.size());
        assertEquals(LedgerEntry.GENESIS, entries.getFirst().prevHash());
        for (int i = 1; i < 3; i++) {
            assertEquals(entries.get(i - 1).hash(), entries.get(i).prevHash());
        }
        // the hash is SHA-256 over "prev\nseq\ntime\ntype\npayload", computed here independently
        LedgerEntry e = entries.get(1);
        assertEquals(Sha256.of(e.prevHash() + "\n2\n" + e.time() + "\ninput-received\n{\"input\":\"in-1\",\"n\":1}"), e.hash());
        try (Ledger again = Ledger.open(state, Clock.systemUTC())) {
            assertEquals(4, again.append(LedgerEvent.STARTED, ContinualJson.object()).seq());
        }
        assertTrue(LedgerVerifier.verify(state).ok(), problems(state));
    }

    @Test
    void sqliteIsInWalModeAndRefusesUpdatesAndDeletes(@TempDir Path dir) throws SQLException {
        StateDir state = ledgerOf(dir, 2);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + state.ledger());
             Statement s = c.createStatement()) {
            var rs = s.executeQuery("PRAGMA journal_mode");
            rs.next();
            assertEquals("wal", rs.getString(1));
        }
        SQLException update = assertThrows(SQLException.class, () -> sql(state, "UPDATE ledger SET payload = '{}' WHERE seq = 1"));
        assertTrue(update.getMessage().contains("append-only"), update.getMessage());
        assertThrows(SQLException.class, () -> sql(state, "DELETE FROM ledger WHERE seq = 2"));
        assertTrue(LedgerVerifier.verify(state).ok());
    }

    @Test
    void anEditIsDetected(@TempDir Path dir) throws SQLException {
        StateDir state = ledgerOf(dir, 3);
        sql(state, "DROP TRIGGER ledger_no_update", "UPDATE ledger SET payload = '{\"input\":\"forged\"}' WHERE seq = 2");
        String p = problems(state);
        assertTrue(p.contains("entry 2 (input-received) does not match its hash"), p);
        assertTrue(p.contains("trigger ledger_no_update is missing"), p);
        assertThrows(IllegalStateException.class, () -> Ledger.open(state, Clock.systemUTC()), "no appends to a tampered ledger");
    }

    @Test
    void aDeletionInTheMiddleOrAtTheEndIsDetected(@TempDir Path dir) throws SQLException {
        StateDir middle = ledgerOf(dir.resolve("a"), 4);
        sql(middle, "DROP TRIGGER ledger_no_delete", "DELETE FROM ledger WHERE seq = 2", "CREATE TRIGGER ledger_no_delete "
                + "BEFORE DELETE ON ledger BEGIN SELECT RAISE(ABORT, 'no'); END");
        String p = problems(middle);
        assertTrue(p.contains("does not link to the entry before it"), p);
        StateDir end = ledgerOf(dir.resolve("b"), 4);
        sql(end, "DROP TRIGGER ledger_no_delete", "DELETE FROM ledger WHERE seq = 4", "CREATE TRIGGER ledger_no_delete "
                + "BEFORE DELETE ON ledger BEGIN SELECT RAISE(ABORT, 'no'); END");
        p = problems(end);
        assertTrue(p.contains("entries were deleted from the end"), p);
    }

    @Test
    void reorderingIsDetected(@TempDir Path dir) throws SQLException {
        StateDir state = ledgerOf(dir, 3);
        // rewrite the table with entries 2 and 3 swapped in storage order, keeping every row's own fields
        sql(state, "DROP TRIGGER ledger_no_update", "DROP TRIGGER ledger_no_delete",
                "CREATE TABLE t AS SELECT * FROM ledger", "DELETE FROM ledger",
                "INSERT INTO ledger (seq, time, type, payload, prev_hash, hash) SELECT seq, time, type, payload, prev_hash, hash FROM t WHERE seq = 1",
                "INSERT INTO ledger (seq, time, type, payload, prev_hash, hash) SELECT 2, time, type, payload, prev_hash, hash FROM t WHERE seq = 3",
                "INSERT INTO ledger (seq, time, type, payload, prev_hash, hash) SELECT 3, time, type, payload, prev_hash, hash FROM t WHERE seq = 2",
                "DROP TABLE t");
        String p = problems(state);
        assertFalse(LedgerVerifier.verify(state).ok());
        assertTrue(p.contains("does not match its hash") && p.contains("does not link"), p);
    }

    @Test
    void aMissingHeadFileOrABrokenFileIsReported(@TempDir Path dir) throws Exception {
        StateDir state = ledgerOf(dir.resolve("a"), 2);
        Files.delete(state.ledgerHead());
        assertTrue(problems(state).contains("is missing"));
        StateDir garbage = ledgerOf(dir.resolve("b"), 2);
        Files.write(garbage.ledger(), new byte[]{'n', 'o', 't', ' ', 's', 'q', 'l'});
        assertFalse(LedgerVerifier.verify(garbage).ok());
    }
}
