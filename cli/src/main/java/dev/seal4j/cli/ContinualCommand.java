package dev.seal4j.cli;

import dev.seal4j.engine.BadInputException;
import dev.seal4j.seal.continual.ContinualJson;
import dev.seal4j.seal.continual.ForgettingBench;
import dev.seal4j.seal.continual.ForgettingMatrix;
import dev.seal4j.seal.continual.ForgettingReport;
import dev.seal4j.seal.world.ExportedPassage;
import dev.seal4j.seal.world.PretrainRecipe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code seal continual bench}: experiments on continual learning. */
@Command(name = "continual", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = "Experiments on continual self-adaptation.",
        subcommands = {ContinualCommand.Bench.class})
final class ContinualCommand implements Runnable {
    @ParentCommand
    Main main;

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(main.io().out());
    }

    @Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
            description = {"The SEAL paper's forgetting experiment on the built-in world: in each of --sequences random "
                    + "orders of --passages evaluation passages, the model writes a self-edit for one passage after "
                    + "another, which is applied (LoRA) and merged; after each update every passage seen so far is "
                    + "asked (no passage in the prompt; graded by --grader, exact match by default).",
                    "Without gates every update is merged (one self-edit each, as in the paper); with gates each update "
                            + "takes the best of --self-edits and must pass the quality gates (probes the model writes, "
                            + "retention on earlier probes and --held-out, weight change, divergence).",
                    "Writes results.json, report.md and a heat map per configuration to --out; the last stdout line is "
                            + "JSON with the first passage's accuracy after its own update and after all of them, next "
                            + "to the paper's 38.3%% -> 18.9%%."},
            footerHeading = "%nExamples:%n",
            footer = {"  seal continual bench --model models/tiny-world --out work/forgetting",
                    "  seal continual bench --model models/tiny-world --out work/f64 --sequences 64 --gates off"})
    static final class Bench implements Callable<Integer> {
        @ParentCommand
        ContinualCommand parent;

        @Mixin
        ModelOptions modelOptions;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "A new directory for the results.")
        Path out;

        @Option(names = "--world-seed", paramLabel = "S", description = "The built-in world (default: ${DEFAULT-VALUE}, the built-in model's).")
        long worldSeed = 1;

        @Option(names = "--passages", paramLabel = "N", description = "Passages per sequence (default: ${DEFAULT-VALUE}, as in the paper).")
        int passages = 8;

        @Option(names = "--sequences", paramLabel = "N", description = "Random passage orders (default: ${DEFAULT-VALUE}; the paper ran 64).")
        int sequences = 8;

        @Option(names = "--gates", paramLabel = "WHICH", description = "off, on or both (default: ${DEFAULT-VALUE}).")
        String gates = "both";

        @Mixin
        ContinualOptions continual;

        @Override
        public Integer call() {
            Inputs.check(passages >= 1 && sequences >= 1, "--passages and --sequences must be >= 1");
            List<String> configurations = switch (gates.toLowerCase(Locale.ROOT)) {
                case "off" -> List.of("without gates");
                case "on" -> List.of("with gates");
                case "both" -> List.of("without gates", "with gates");
                default -> throw new BadInputException("--gates must be off, on or both, got '" + gates + "'");
            };
            newDirectory(out);
            List<ExportedPassage> pool = ForgettingBench.evaluationPassages(PretrainRecipe.builtIn(worldSeed).world());
            Map<String, ForgettingMatrix> results = new LinkedHashMap<>();
            try (LoadedModel m = modelOptions.load()) {
                ForgettingBench bench = new ForgettingBench(m.model, m.tokenizer, continual.grader());
                for (String configuration : configurations) {
                    boolean gated = configuration.equals("with gates");
                    ForgettingBench.Settings s = new ForgettingBench.Settings(passages, sequences, continual.seed,
                            gated ? continual.learner() : continual.learner().withSelfEdits(1),
                            gated ? continual.gates().qualityOnly() : null, gated ? continual.heldOut() : List.of());
                    results.put(configuration, bench.run(pool, s, line ->
                            parent.main.io().err().println("seal: " + configuration + ": " + line)));
                }
            }
            Map<String, Object> settings = new LinkedHashMap<>();
            settings.put("model", modelOptions.model.toString());
            settings.put("world_seed", worldSeed);
            settings.put("passages", passages);
            settings.put("sequences", sequences);
            settings.put("self_edits_with_gates", continual.selfEdits);
            settings.put("seed", continual.seed);
            settings.put("grader", continual.grader);
            ForgettingReport.write(out, results, settings);
            Map<String, Object> summary = new LinkedHashMap<>();
            results.forEach((k, v) -> summary.put(k, Map.of("first_after_own_update", v.firstAfterOwnUpdate(),
                    "first_after_all_updates", v.firstAfterAll())));
            summary.put("paper", Map.of("first_after_own_update", ForgettingReport.PAPER_FIRST_AFTER_OWN,
                    "first_after_8_updates", ForgettingReport.PAPER_FIRST_AFTER_EIGHT));
            summary.put("out", out.toString());
            parent.main.io().out().println(ContinualJson.write(summary));
            return 0;
        }

        private static void newDirectory(Path dir) {
            try {
                if (Files.isDirectory(dir)) {
                    try (var entries = Files.list(dir)) {
                        if (entries.findAny().isPresent()) {
                            throw new BadInputException("--out " + dir + " is not empty; runs are never overwritten");
                        }
                    }
                }
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
            }
        }
    }
}
