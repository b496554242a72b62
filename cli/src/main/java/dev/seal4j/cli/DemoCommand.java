package dev.seal4j.cli;

import dev.seal4j.engine.BadInputException;
import dev.seal4j.engine.tensor.Parallel;
import dev.seal4j.seal.inner.InnerLoopConfig;
import dev.seal4j.seal.inner.ReplayPool;
import dev.seal4j.seal.knowledge.KnowledgeConfig;
import dev.seal4j.seal.knowledge.KnowledgePassage;
import dev.seal4j.seal.outer.RestEmConfig;
import dev.seal4j.seal.knowledge.KnowledgeData;
import dev.seal4j.seal.knowledge.KnowledgeRun;
import dev.seal4j.seal.run.Comparison;
import dev.seal4j.seal.run.MethodResult;
import dev.seal4j.seal.run.Results;
import dev.seal4j.seal.run.RunDirectory;
import dev.seal4j.seal.run.RunInputs;
import dev.seal4j.seal.world.BuiltInModel;
import dev.seal4j.seal.world.Populations;
import dev.seal4j.seal.world.Split;
import dev.seal4j.seal.world.World;
import dev.seal4j.seal.world.WorldConfig;
import dev.seal4j.seal.world.WorldExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code seal demo}: SEAL end to end on the built-in world and model, next to the paper's table. */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        subcommands = DemoArcCommand.class,
        description = {"Run SEAL's knowledge-incorporation table on the built-in world with the built-in model: the "
                + "unadapted model, training on the passage, on the model's own self-edits, on the world's ground-truth "
                + "implications (the teacher), on self-edits after one and two ReST-EM rounds, and the passage in context.",
                "Every figure is net accuracy (accuracy minus leakage onto other people) on evaluation people no training "
                        + "step has seen; the table is printed next to the SEAL paper's. The run directory holds everything "
                        + "(results.json, results.md, plots, every self-edit); 'seal runs resume DIR' continues a killed run."},
        footerHeading = "%nExamples:%n",
        footer = {"  ./seal demo --quick", "  ./seal demo --out runs/demo-full", "  ./seal demo --eval-seed 7",
                "  ./seal demo arc --quick     (the few-shot table: see seal demo arc --help)"})
final class DemoCommand implements Callable<Integer> {
    /** The SEAL paper's Table 2 (Qwen2.5-7B, SQuAD, single passage, no context). */
    private static final Map<String, String> PAPER = Map.of("base", "32.7", "passage_only", "33.5", "base_self_edits", "39.7",
            "teacher", "46.3 (GPT-4.1)", "seal_round_2", "47.0", "seal_round_1", "", "in_context", "");

    @ParentCommand
    Main main;

    @Option(names = "--model", paramLabel = "DIR", description = "The built-in model (default: models/tiny-world of this checkout).")
    Path model;

    @Option(names = "--quick", description = "A smaller run (12 evaluation passages, 10 contexts of 3 self-edits per "
            + "round) that takes about 4 minutes on 2 cores.")
    boolean quick;

    @Option(names = "--eval-seed", defaultValue = "0", description = "Draw the evaluation people with this seed (default ${DEFAULT-VALUE}).")
    long evalSeed;

    @Option(names = "--out", paramLabel = "DIR", description = "The run directory to create (default runs/demo-TIME).")
    Path out;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of everything random (default ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    WorkersOption workers; // default here: one per engine thread (the built-in model is small)

    @Override
    public Integer call() throws IOException {
        int parallelCandidates = workers.orElse(Parallel.threads());
        Path modelDir = model != null ? model : BuiltInLocation.tinyWorld();
        if (model == null && !Files.isDirectory(modelDir)) {
            throw new BadInputException("the built-in model " + modelDir + " is not in this checkout; pretrain one with"
                    + " `seal pretrain --world-seed 1 --out DIR` and pass --model DIR/model");
        }
        BuiltInModel built = BuiltInModel.read(Inputs.existing(modelDir));
        WorldConfig world = built.world().withEvalSeed(evalSeed);
        Path dir = out != null ? out : Path.of("runs", (quick ? "demo-quick-" : "demo-")
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        KnowledgeConfig config = config(quick, built.innerLoop(), seed);
        Path eval = dir.toAbsolutePath().resolve("eval.json"), train = dir.toAbsolutePath().resolve("train.json");
        // the inner loop's replay texts: biographies of the people the model was pretrained on
        Path replay = config.inner().replay() > 0 ? dir.toAbsolutePath().resolve("replay.json") : null;
        KnowledgeRun record = new KnowledgeRun(config, KnowledgeCommand.absolute(modelDir), null, eval.toString(),
                train.toString(), null, replay == null ? null : replay.toString());
        long start = System.nanoTime();
        try (RunDirectory run = RunDirectory.createAt(dir, "demo", record,
                new RunInputs(modelDir, List.of(), main.commandLine(), Map.of("seed", seed, "eval_seed", evalSeed)));
             LoadedModel m = LoadedModel.open(modelDir, null, true)) {
            World w = World.generate(world.worldSeed(), world.shape());
            Populations people = Populations.draw(w, world);
            WorldExport.write(WorldExport.passages(w, people.get(Split.EVAL)), eval);
            WorldExport.write(WorldExport.passages(w, people.get(Split.TRAIN)), train);
            if (replay != null) {
                WorldExport.write(WorldExport.passages(w, people.get(Split.PRETRAIN)), replay);
            }
            main.io().err().println("run directory: " + run.path());
            Results results = ExperimentLauncher.run(main.io(), run, config, m.model, m.tokenizer,
                    KnowledgeData.read(train), KnowledgeData.read(eval), replayPool(replay, config), parallelCandidates);
            print(results, (System.nanoTime() - start) / 1e9, run.path());
        }
        return 0;
    }

    /**
     * The demo's experiment: the paper's methods and sampling, with the model's own inner loop; two ReST-EM
     * rounds of 32 contexts × 5 self-edits (quick: 10 × 3), each applied once; the generator trained without
     * EOS (see the README) by a LoRA of the small model's size.
     */
    static KnowledgeConfig config(boolean quick, InnerLoopConfig inner, long seed) {
        KnowledgeConfig paper = KnowledgeConfig.PAPER;
        return paper.withInner(inner).withEvaluation(quick ? 12 : 40, paper.grader()).withSeed(seed).withSeal(
                paper.selfEdits().withMaxTokens(320),
                new RestEmConfig(2, quick ? 10 : 32, quick ? 3 : 5, 1, paper.restEm().selection()),
                paper.generator().withLora(16, 32f).withLr(1e-3f).withEndWithEos(false));
    }

    /** The biographies of the people the model was pretrained on, replayed by its inner loop. */
    private static ReplayPool replayPool(Path replay, KnowledgeConfig config) {
        return replay == null ? ReplayPool.NONE
                : new ReplayPool(KnowledgeData.read(replay).stream().map(KnowledgePassage::sequence).toList(), config.inner().replay());
    }

    private void print(Results results, double seconds, Path dir) {
        PrintStream o = main.io().out();
        o.println();
        o.println("| method | seal4j: net accuracy (built-in world) | leakage | n | SEAL paper (Qwen2.5-7B, SQuAD) |");
        o.println("|---|---|---|---|---|");
        for (Map.Entry<String, MethodResult> e : results.methods().entrySet()) {
            MethodResult r = e.getValue();
            o.printf(Locale.ROOT, "| %s | %.1f ± %.1f | %.1f | %d | %s |%n", e.getKey(), 100 * r.netAccuracy(), 100 * r.netStderr(),
                    100 * r.leakage(), r.n(), PAPER.getOrDefault(e.getKey(), ""));
        }
        for (Comparison c : results.comparisons()) {
            if (c.baseline().equals("base_self_edits")) {
                o.printf(Locale.ROOT, "%n%s − %s: %+.1f points, 95%% paired-bootstrap interval [%+.1f, %+.1f]%n", c.method(),
                        c.baseline(), 100 * c.difference(), 100 * c.low(), 100 * c.high());
            }
        }
        o.printf(Locale.ROOT, "%ntime: %s; results: %s%n", Progress.duration(seconds), dir.resolve("results.json"));
    }
}
