package dev.seal4j.seal.continual;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a ledger: every entry's hash matches its content, links to the previous entry's hash, numbers run
 * 1, 2, 3, ... in stored order, the last entry is the one the head file records, and the append-only
 * triggers are in place. Any edit, deletion, insertion or reordering shows up as a problem.
 */
public final class LedgerVerifier {
    private LedgerVerifier() {
    }

    /**
     * What verification found.
     *
     * @param entries  how many entries the ledger holds
     * @param problems one line per problem, empty when the ledger verifies
     * @param headLag  how many entries the ledger holds past the head file (1 after a crash between an
     *                 append and its head write, more while appends go on; negative when entries were cut off)
     */
    public record Verification(long entries, List<String> problems, long headLag) {
        public boolean ok() {
            return problems.isEmpty();
        }

        /** The head file is one entry behind: what a crash right after an append leaves (not a problem). */
        public boolean headBehindByOne() {
            return headLag == 1;
        }
    }

    public static Verification verify(StateDir state) {
        if (!Files.exists(state.ledger())) {
            return new Verification(0, List.of(state.ledger() + ": no ledger"), 0);
        }
        List<String> problems = new ArrayList<>();
        String head = readHead(state.ledgerHead()); // before the entries: a live ledger only grows past its head
        List<LedgerEntry> entries;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + state.ledger().toAbsolutePath())) {
            if (!hasTable(c)) {
                return Files.exists(state.ledgerHead())
                        ? new Verification(0, List.of("the ledger table is gone but " + state.ledgerHead() + " exists"), 0)
                        : new Verification(0, List.of(), 0);
            }
            entries = Ledger.readAll(c);
            Set<String> triggers = triggers(c);
            for (String t : Ledger.TRIGGERS) {
                if (!triggers.contains(t)) {
                    problems.add("trigger " + t + " is missing: the append-only guard was removed");
                }
            }
        } catch (SQLException e) {
            return new Verification(0, List.of(state.ledger() + ": not a readable ledger (" + e.getMessage() + ")"), 0);
        }
        String prev = LedgerEntry.GENESIS;
        for (int i = 0; i < entries.size(); i++) {
            LedgerEntry e = entries.get(i);
            if (e.seq() != i + 1) {
                problems.add("entry at position " + (i + 1) + " is numbered " + e.seq()
                        + ": entries were deleted, inserted or reordered");
            }
            if (!e.prevHash().equals(prev)) {
                problems.add("entry " + e.seq() + " does not link to the entry before it: entries were deleted, "
                        + "inserted or reordered");
            }
            if (!e.hashMatches()) {
                problems.add("entry " + e.seq() + " (" + e.type() + ") does not match its hash: it was edited");
            }
            prev = e.hash();
        }
        long lag = checkHead(state.ledgerHead(), head, entries, problems);
        return new Verification(entries.size(), List.copyOf(problems), lag);
    }

    private static boolean hasTable(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'ledger'")) {
            return rs.next();
        }
    }

    private static Set<String> triggers(Connection c) throws SQLException {
        Set<String> names = new HashSet<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'ledger'")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    private static String readHead(Path head) {
        try {
            return Files.exists(head) ? Files.readString(head).strip() : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Compares the head file (read before the entries) with the stored entries; returns how far the ledger
     * runs past the head. Entries past the head are not a problem: appends go on while a live ledger is read,
     * and a crash right after an append leaves the head one behind.
     */
    private static long checkHead(Path file, String head, List<LedgerEntry> entries, List<String> problems) {
        if (head == null) {
            if (!entries.isEmpty()) {
                problems.add(file + " is missing: the last entry cannot be checked");
            }
            return entries.size();
        }
        String[] parts = head.split(" ");
        long seq;
        try {
            seq = Long.parseLong(parts[0]);
        } catch (NumberFormatException e) {
            problems.add(file + " is not '<seq> <hash>'");
            return 0;
        }
        if (seq > entries.size()) {
            problems.add("the head file records entry " + seq + " but the ledger ends at entry " + entries.size()
                    + ": entries were deleted from the end");
        } else if (seq >= 1 && (parts.length < 2 || !entries.get((int) seq - 1).hash().equals(parts[1]))) {
            problems.add("entry " + seq + " is not the entry the head file records: the ledger was rewritten");
        }
        return entries.size() - seq;
    }
}
