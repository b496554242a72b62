package dev.seal4j.seal.continual;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seal4j.engine.format.AtomicFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The audit ledger: an append-only SQLite table (WAL journal, synchronous=FULL, triggers that abort any
 * UPDATE or DELETE) of hash-chained entries, one per event. After each append the last entry's number and
 * hash are written to a head file, so that cutting entries off the end is detected too
 * ({@link LedgerVerifier}). Appends are serialized; readers may use the file concurrently.
 */
public final class Ledger implements AutoCloseable {
    static final String TABLE = "ledger";
    static final List<String> TRIGGERS = List.of("ledger_no_update", "ledger_no_delete");
    private static final String SCHEMA = """
            CREATE TABLE IF NOT EXISTS ledger (
              seq INTEGER PRIMARY KEY,
              time TEXT NOT NULL,
              type TEXT NOT NULL,
              payload TEXT NOT NULL,
              prev_hash TEXT NOT NULL,
              hash TEXT NOT NULL);
            CREATE TRIGGER IF NOT EXISTS ledger_no_update BEFORE UPDATE ON ledger
              BEGIN SELECT RAISE(ABORT, 'the ledger is append-only: UPDATE is forbidden'); END;
            CREATE TRIGGER IF NOT EXISTS ledger_no_delete BEFORE DELETE ON ledger
              BEGIN SELECT RAISE(ABORT, 'the ledger is append-only: DELETE is forbidden'); END;
            """;

    private final Connection connection;
    private final Path head;
    private final Clock clock;
    private LedgerEntry last;
    private final List<java.util.function.Consumer<LedgerEntry>> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    private Ledger(Connection connection, Path head, Clock clock, LedgerEntry last) {
        this.connection = connection;
        this.head = head;
        this.clock = clock;
        this.last = last;
    }

    /**
     * Opens (creating) the ledger of a state directory. A ledger whose chain does not verify is refused:
     * nothing is appended to a ledger that was tampered with.
     */
    public static Ledger open(StateDir state, Clock clock) {
        if (Files.exists(state.ledger())) {
            LedgerVerifier.Verification v = LedgerVerifier.verify(state);
            if (!v.ok()) {
                throw new IllegalStateException(state.ledger() + " does not verify (" + v.problems().getFirst()
                        + "); run 'seal ledger verify --state " + state.root() + "'");
            }
        }
        try {
            Connection c = connect(state.ledger());
            try (Statement s = c.createStatement()) {
                s.executeUpdate(SCHEMA);
            }
            List<LedgerEntry> entries = readAll(c);
            Ledger ledger = new Ledger(c, state.ledgerHead(), clock, entries.isEmpty() ? null : entries.getLast());
            if (ledger.last != null) {
                ledger.writeHead(); // a crash between an append and its head write left the head one behind
            }
            return ledger;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the ledger " + state.ledger() + ": " + e.getMessage(), e);
        }
    }

    static Connection connect(Path db) throws SQLException {
        createPrivate(db);
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath());
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA synchronous=FULL");
            s.execute("PRAGMA busy_timeout=10000");
        }
        return c;
    }

    /**
     * A new ledger starts as an empty file only its owner can read (SQLite takes an empty file as a new database,
     * and gives its -wal and -shm files the database's mode).
     */
    private static void createPrivate(Path db) {
        if (Files.exists(db)) {
            return;
        }
        try {
            Files.createFile(db, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException e) {
            // created meanwhile: SQLite opens it
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: SQLite creates it
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the ledger " + db + ": " + e.getMessage(), e);
        }
    }

    /** Appends one event and returns its entry once it is durable. */
    public synchronized LedgerEntry append(LedgerEvent event, JsonNode payload) {
        long seq = last == null ? 1 : last.seq() + 1;
        String prev = last == null ? LedgerEntry.GENESIS : last.hash();
        String time = clock.instant().toString();
        String text = ContinualJson.write(payload);
        LedgerEntry e = new LedgerEntry(seq, time, event.stored(), text, prev,
                LedgerEntry.hashOf(prev, seq, time, event.stored(), text));
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT INTO ledger (seq, time, type, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, e.seq());
            ps.setString(2, e.time());
            ps.setString(3, e.type());
            ps.setString(4, e.payload());
            ps.setString(5, e.prevHash());
            ps.setString(6, e.hash());
            ps.executeUpdate();
        } catch (SQLException ex) {
            throw new IllegalStateException("cannot append to the ledger: " + ex.getMessage(), ex);
        }
        last = e;
        writeHead();
        listeners.forEach(l -> l.accept(e));
        return e;
    }

    /** Calls {@code listener} with every entry appended from now on (metrics follow the ledger). */
    public void onAppend(java.util.function.Consumer<LedgerEntry> listener) {
        listeners.add(listener);
    }

    /** Entries after {@code afterSeq}, oldest first, at most {@code limit}. */
    public synchronized List<LedgerEntry> entries(long afterSeq, int limit) {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT seq, time, type, payload, prev_hash, hash FROM ledger WHERE seq > ? ORDER BY seq LIMIT ?")) {
            ps.setLong(1, afterSeq);
            ps.setInt(2, limit);
            return rows(ps.executeQuery());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the ledger: " + e.getMessage(), e);
        }
    }

    /** Every entry of one type, oldest first. */
    public synchronized List<LedgerEntry> ofType(LedgerEvent event) {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT seq, time, type, payload, prev_hash, hash FROM ledger WHERE type = ? ORDER BY seq")) {
            ps.setString(1, event.stored());
            return rows(ps.executeQuery());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the ledger: " + e.getMessage(), e);
        }
    }

    public synchronized long size() {
        return last == null ? 0 : last.seq();
    }

    /** Every entry of the ledger file at {@code db}, in stored order, without changing anything. */
    public static List<LedgerEntry> readAll(Path db) {
        if (!Files.exists(db)) {
            throw new dev.seal4j.engine.BadInputException(db + ": no such ledger");
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath())) {
            return readAll(c);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the ledger " + db + ": " + e.getMessage(), e);
        }
    }

    static List<LedgerEntry> readAll(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            return rows(s.executeQuery("SELECT seq, time, type, payload, prev_hash, hash FROM ledger ORDER BY rowid"));
        }
    }

    private static List<LedgerEntry> rows(ResultSet rs) throws SQLException {
        List<LedgerEntry> out = new ArrayList<>();
        try (rs) {
            while (rs.next()) {
                out.add(new LedgerEntry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6)));
            }
        }
        return out;
    }

    private void writeHead() {
        AtomicFiles.write(head, (last.seq() + " " + last.hash() + "\n").getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
