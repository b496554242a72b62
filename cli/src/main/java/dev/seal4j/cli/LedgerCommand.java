package dev.seal4j.cli;

import dev.seal4j.seal.continual.ContinualJson;
import dev.seal4j.seal.continual.Ledger;
import dev.seal4j.seal.continual.LedgerEntry;
import dev.seal4j.seal.continual.LedgerVerifier;
import dev.seal4j.seal.continual.StateDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code seal ledger verify|show|export}: the audit ledger of a state directory (read only). */
@Command(name = "ledger", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = "Verify, show or export the audit ledger of a state directory.",
        subcommands = {LedgerCommand.Verify.class, LedgerCommand.Show.class, LedgerCommand.Export.class})
final class LedgerCommand implements Runnable {
    @ParentCommand
    Main main;

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(main.io().out());
    }

    @Command(name = "verify", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
            description = {"Check the hash chain, the numbering, the head file and the append-only triggers.",
                    "Exit code 0 when the ledger verifies; 1 with one line per problem on stderr when it does not."})
    static final class Verify implements Callable<Integer> {
        @ParentCommand
        LedgerCommand parent;

        @Mixin
        StateOptions stateOptions;

        @Override
        public Integer call() {
            StateDir state = stateOptions.existing();
            LedgerVerifier.Verification v = LedgerVerifier.verify(state);
            if (v.ok()) {
                List<LedgerEntry> all = Ledger.readAll(state.ledger());
                parent.main.io().out().println("ledger ok: " + v.entries() + " entries"
                        + (all.isEmpty() ? "" : ", last " + all.getLast().seq() + " " + all.getLast().hash())
                        + (v.headBehindByOne() ? " (the head file is one entry behind: a crash right after an append)" : ""));
                return 0;
            }
            v.problems().forEach(p -> parent.main.io().err().println("seal: ledger: " + p));
            return 1;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
            description = "Print the entries, one line each (--json: a JSON array with the payloads).")
    static final class Show implements Runnable {
        @ParentCommand
        LedgerCommand parent;

        @Mixin
        StateOptions stateOptions;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Option(names = "--type", paramLabel = "TYPE", description = "Only entries of this type (e.g. gates-decided).")
        String type;

        @Option(names = "--last", paramLabel = "N", description = "Only the last N entries.")
        Integer last;

        @Override
        public void run() {
            List<LedgerEntry> entries = Ledger.readAll(stateOptions.existing().ledger()).stream()
                    .filter(e -> type == null || e.type().equals(type)).toList();
            if (last != null) {
                entries = entries.subList(Math.max(0, entries.size() - last), entries.size());
            }
            PrintStream out = parent.main.io().out();
            if (json) {
                out.println(ContinualJson.write(entries.stream().map(LedgerEntry::json).toList()));
                return;
            }
            for (LedgerEntry e : entries) {
                String payload = e.payload();
                out.printf("%6d  %s  %-20s %s%n", e.seq(), e.time(), e.type(),
                        payload.length() > 160 ? payload.substring(0, 157) + "..." : payload);
            }
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
            description = "Every entry with its hashes, as JSON Lines (--json: one JSON array), for archiving or anchoring.")
    static final class Export implements Runnable {
        @ParentCommand
        LedgerCommand parent;

        @Mixin
        StateOptions stateOptions;

        @Option(names = "--json", description = "One JSON array instead of JSON Lines.")
        boolean json;

        @Override
        public void run() {
            List<LedgerEntry> entries = Ledger.readAll(stateOptions.existing().ledger());
            PrintStream out = parent.main.io().out();
            if (json) {
                out.println(ContinualJson.write(entries.stream().map(LedgerEntry::json).toList()));
            } else {
                entries.forEach(e -> out.println(ContinualJson.write(e.json())));
            }
        }
    }
}
