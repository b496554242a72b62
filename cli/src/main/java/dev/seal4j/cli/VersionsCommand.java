package dev.seal4j.cli;

import dev.seal4j.engine.format.AtomicFiles;
import dev.seal4j.engine.model.Checkpoint;
import dev.seal4j.engine.model.LoraAdapter;
import dev.seal4j.seal.continual.ContinualJson;
import dev.seal4j.seal.continual.VersionLoader;
import dev.seal4j.seal.continual.StateDir;
import dev.seal4j.seal.continual.StateLock;
import dev.seal4j.seal.continual.VersionManifest;
import dev.seal4j.seal.continual.VersionStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.lang.foreign.Arena;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/** {@code seal versions list|rollback}: the model versions of a state directory. */
@Command(name = "versions", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = "List the model versions of a state directory, serve an earlier one again, or export one merged.",
        subcommands = {VersionsCommand.ListVersions.class, VersionsCommand.Rollback.class, VersionsCommand.Export.class})
final class VersionsCommand implements Runnable {
    @ParentCommand
    Main main;

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(main.io().out());
    }

    @Command(name = "list", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
            description = {"Every version: number, parent, time, adapters, weights hash; '*' marks the served one.",
                    "With --json: a JSON array of the manifests with a 'current' flag."})
    static final class ListVersions implements Runnable {
        @ParentCommand
        VersionsCommand parent;

        @Mixin
        StateOptions stateOptions;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public void run() {
            StateDir state = stateOptions.existing();
            VersionStore store = new VersionStore(state, Clock.systemUTC());
            int current = store.currentNumber();
            PrintStream out = parent.main.io().out();
            if (json) {
                out.println(ContinualJson.write(store.list().stream().map(m -> Map.of("manifest", m,
                        "current", m.version() == current, "weights_sha256", m.sha256())).toList()));
                return;
            }
            for (VersionManifest m : store.list()) {
                out.printf("%s v%-3d parent %-4s %s  %-6s %d adapter(s)  weights %s  %s%n", m.version() == current ? "*" : " ",
                        m.version(), m.parent() == null ? "-" : "v" + m.parent(), m.created(), m.reason(), m.stack().size(),
                        m.sha256().substring(0, 16), m.stack().isEmpty() ? "" : "last: " + m.stack().getLast().title());
            }
        }
    }

    @Command(name = "rollback", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
            description = {"Serve version N again (nothing is deleted; the ledger records who and why).",
                    "Goes through the running server when one holds the state, else changes the state directly."})
    static final class Rollback implements Runnable {
        @ParentCommand
        VersionsCommand parent;

        @Parameters(paramLabel = "N", description = "The version to serve.")
        int version;

        @Mixin
        StateOptions stateOptions;

        @Mixin
        DecisionOptions decision;

        @Override
        public void run() {
            StateDir state = stateOptions.existing();
            PrintStream out = parent.main.io().out();
            if (StateLock.isHeld(state)) {
                out.println(ContinualJson.write(AdminClient.of(state).post("/admin/rollback",
                        Map.of("version", version, "by", decision.by(), "reason", decision.reason()))));
                return;
            }
            try (ContinualSession s = ContinualSession.open(stateOptions.state, null, null, new ContinualOptions())) {
                VersionManifest m = s.learner.rollback(version, decision.by(), decision.reason());
                out.println(ContinualJson.write(Map.of("version", m.version(), "weights_sha256", m.sha256())));
            }
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
            description = {"Write version N as a plain Hugging Face model directory: the base with the version's whole "
                    + "adapter stack merged, the tokenizer files, and the version's manifest (seal-version.json).",
                    "Every adapter file is checked against its hash first. Reads only; a running server is not disturbed."})
    static final class Export implements Runnable {
        @ParentCommand
        VersionsCommand parent;

        @Parameters(paramLabel = "N", description = "The version to export.")
        int version;

        @Mixin
        StateOptions stateOptions;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "The new model directory.")
        Path out;

        @Option(names = "--dtype", paramLabel = "f32|bf16|f16", description = "Weight type (default: the base's).")
        String dtype;

        @Override
        public void run() {
            Inputs.requireNewDirectory(out, "--out");
            StateDir state = stateOptions.existing();
            VersionStore store = new VersionStore(state, Clock.systemUTC());
            VersionManifest m = store.read(version);
            try (LoadedModel base = LoadedModel.open(ContinualSession.baseOf(state), null, false);
                 Arena arena = Arena.ofShared()) {
                LoraAdapter stack = new VersionLoader(base.model, store).combinedAdapter(m, arena);
                Checkpoint merged = stack == null ? base.checkpoint : MergeCommand.withAdaptedWeights(base.checkpoint, stack,
                        stack.mergeInto(base.model.weights(), arena), arena);
                ModelDirectoryWriter.write(merged, out, ModelDirectoryWriter.dtype(dtype, base.checkpoint),
                        base.tokenizerSource, parent.main.io().err());
            }
            AtomicFiles.write(out.resolve("seal-version.json"), ContinualJson.pretty(m));
            parent.main.io().out().println(ContinualJson.write(Map.of("version", m.version(), "out", out.toString(),
                    "weights_sha256", m.sha256())));
        }
    }
}
