package dev.seal4j.cli;

import dev.seal4j.seal.continual.ContinualJson;
import dev.seal4j.seal.continual.GateDecision;
import dev.seal4j.seal.continual.PendingUpdate;
import dev.seal4j.seal.continual.PendingUpdates;
import dev.seal4j.seal.continual.StateDir;
import dev.seal4j.seal.continual.StateLock;
import dev.seal4j.seal.continual.VersionManifest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.util.Map;

/** {@code seal updates list|approve|reject}: the updates that wait for a person (serve --approval). */
@Command(name = "updates", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = "List, approve or reject the updates that wait for approval (seal serve --approval).",
        subcommands = {UpdatesCommand.ListUpdates.class, UpdatesCommand.Approve.class, UpdatesCommand.Reject.class})
final class UpdatesCommand implements Runnable {
    @ParentCommand
    Main main;

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(main.io().out());
    }

    @Command(name = "list", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
            description = "The pending updates with their gate figures and self-edit (--json: JSON array).")
    static final class ListUpdates implements Runnable {
        @ParentCommand
        UpdatesCommand parent;

        @Mixin
        StateOptions stateOptions;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public void run() {
            PrintStream out = parent.main.io().out();
            var pending = new PendingUpdates(stateOptions.existing()).pending();
            if (json) {
                out.println(ContinualJson.write(pending));
                return;
            }
            for (PendingUpdate u : pending) {
                out.println(u.id() + "  on v" + u.parentVersion() + "  " + u.title() + "  (input " + u.inputId() + ")");
                for (GateDecision g : u.gates()) {
                    out.println("    " + g.gate() + ": " + g.detail());
                }
                u.selfEdit().lines().limit(6).forEach(l -> out.println("    | " + l));
            }
        }
    }

    /** Approve or reject, through the server when one runs. */
    abstract static class Decide implements Runnable {
        @ParentCommand
        UpdatesCommand parent;

        @Parameters(paramLabel = "ID", description = "The update (see 'seal updates list').")
        String id;

        @Mixin
        StateOptions stateOptions;

        @Mixin
        DecisionOptions decision;

        abstract boolean approve();

        @Override
        public void run() {
            StateDir state = stateOptions.existing();
            PrintStream out = parent.main.io().out();
            String action = approve() ? "approve" : "reject";
            if (StateLock.isHeld(state)) {
                out.println(ContinualJson.write(AdminClient.of(state).post("/admin/updates/" + id + "/" + action,
                        Map.of("by", decision.by(), "reason", decision.reason()))));
                return;
            }
            try (ContinualSession s = ContinualSession.open(stateOptions.state, null, null, new ContinualOptions())) {
                if (approve()) {
                    VersionManifest m = s.learner.approve(id, decision.by(), decision.reason());
                    out.println(ContinualJson.write(Map.of("version", m.version(), "weights_sha256", m.sha256())));
                } else {
                    s.learner.reject(id, decision.by(), decision.reason());
                    out.println(ContinualJson.write(Map.of("update", id, "status", "rejected")));
                }
            }
        }
    }

    @Command(name = "approve", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
            description = "Approve a pending update: it is served at once (if it was made on the served version).")
    static final class Approve extends Decide {
        @Override
        boolean approve() {
            return true;
        }
    }

    @Command(name = "reject", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
            description = "Reject a pending update: nothing changes but the record.")
    static final class Reject extends Decide {
        @Override
        boolean approve() {
            return false;
        }
    }
}
