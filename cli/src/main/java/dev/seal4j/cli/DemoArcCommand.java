package dev.seal4j.cli;

import dev.seal4j.engine.BadInputException;
import dev.seal4j.engine.tensor.Parallel;
import dev.seal4j.seal.arc.ArcConfig;
import dev.seal4j.seal.arc.ArcData;
import dev.seal4j.seal.arc.ArcMethod;
import dev.seal4j.seal.arc.ArcRun;
import dev.seal4j.seal.arc.GridModel;
import dev.seal4j.seal.arc.GridWorld;
import dev.seal4j.seal.outer.RestEmConfig;
import dev.seal4j.seal.run.Comparison;
import dev.seal4j.seal.run.MethodResult;
import dev.seal4j.seal.run.Results;
import dev.seal4j.seal.run.RunDirectory;
import dev.seal4j.seal.run.RunInputs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code seal demo arc}: SEAL's few-shot table on the built-in grid world and model, next to the paper's. */
@Command(name = "arc", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Run SEAL's few-shot abstract-reasoning table on the built-in grid world with the built-in grid model: "
                + "in-context learning, test-time training by the model's own self-edits (configurations), by the "
                + "self-edits of the generator after one ReST-EM round, and by a fixed strong configuration (the oracle).",
                "Every figure is the share of self-edits whose adapted model solves its task, on evaluation tasks whose "
                        + "compositions no training step has seen; the table is printed next to the SEAL paper's."},
        footerHeading = "%nExamples:%n",
        footer = {"  ./seal demo arc --quick", "  ./seal demo arc --eval-seed 7 --out runs/demo-arc-7"})
final class DemoArcCommand implements Callable<Integer> {
    /** The SEAL paper's Table 1 (Llama-3.2-1B-Instruct, ARC subset). */
    private static final Map<String, String> PAPER = Map.of("icl", "0", "ttt_base_self_edits", "20", "seal_round_1", "72.5",
            "oracle_ttt", "100");
    private static final long TRAIN_TASK_SEED = 1;

    @ParentCommand
    DemoCommand demo;

    @Option(names = "--model", paramLabel = "DIR", description = "The built-in grid model (default: models/tiny-grids of this checkout).")
    Path model;

    @Option(names = "--quick", description = "A smaller run (12 evaluation tasks × 3 self-edits, 8 training tasks).")
    boolean quick;

    @Option(names = "--eval-seed", defaultValue = "0", description = "Draw the evaluation tasks with this seed (default ${DEFAULT-VALUE}).")
    long evalSeed;

    @Option(names = "--out", paramLabel = "DIR", description = "The run directory to create (default runs/demo-arc-TIME).")
    Path out;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of everything random (default ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    WorkersOption workers; // default here: one per engine thread (the built-in model is small)

    @Override
    public Integer call() {
        int parallelCandidates = workers.orElse(Parallel.threads());
        Path modelDir = model != null ? model : BuiltInLocation.of("models/tiny-grids");
        if (model == null && !Files.isDirectory(modelDir)) {
            throw new BadInputException("the built-in grid model " + modelDir + " is not in this checkout; pretrain one with"
                    + " `seal pretrain --recipe grids --out DIR` and pass --model DIR/model");
        }
        GridModel built = GridModel.read(Inputs.existing(modelDir));
        Path dir = (out != null ? out : Path.of("runs", (quick ? "demo-arc-quick-" : "demo-arc-")
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")))).toAbsolutePath();
        ArcConfig config = config(quick, built, seed);
        Path tasks = dir.resolve("eval.json"), solutions = dir.resolve("eval-solutions.json");
        Path trainTasks = dir.resolve("train.json"), trainSolutions = dir.resolve("train-solutions.json");
        ArcRun record = new ArcRun(config, modelDir.toAbsolutePath().normalize().toString(), null, tasks.toString(),
                solutions.toString(), trainTasks.toString(), trainSolutions.toString());
        long start = System.nanoTime();
        try (RunDirectory run = RunDirectory.createAt(dir, "demo-arc", record,
                new RunInputs(modelDir, List.of(), demo.main.commandLine(), Map.of("seed", seed, "eval_seed", evalSeed)));
             LoadedModel m = LoadedModel.open(modelDir, null, true)) {
            GridWorld world = built.world();
            ArcData.write(world.tasks(GridWorld.Split.EVAL, config.evalTasks(), evalSeed), tasks, solutions);
            ArcData.write(world.tasks(GridWorld.Split.TRAIN, config.restEm().contexts() * config.restEm().rounds(), TRAIN_TASK_SEED),
                    trainTasks, trainSolutions);
            demo.main.io().err().println("run directory: " + run.path());
            Results results = ExperimentLauncher.runArc(demo.main.io(), run, config, m.model, m.tokenizer,
                    ArcData.read(trainTasks, trainSolutions), ArcData.read(tasks, solutions), parallelCandidates);
            print(results, (System.nanoTime() - start) / 1e9, run.path());
        }
        return 0;
    }

    /**
     * The demo's experiment: the paper's methods, the no_selection control beside seal, one ReST-EM round; the
     * grid model's own test-time training and oracle configuration (grids.json).
     */
    static ArcConfig config(boolean quick, GridModel model, long seed) {
        ArcConfig paper = ArcConfig.PAPER;
        return new ArcConfig(List.of(ArcMethod.ICL, ArcMethod.TTT_BASE_SELF_EDITS, ArcMethod.SEAL, ArcMethod.NO_SELECTION,
                ArcMethod.ORACLE_TTT), quick ? 12 : 40, quick ? 3 : 5, paper.selfEdits(),
                new RestEmConfig(1, quick ? 8 : 24, quick ? 4 : 6, 1, paper.restEm().selection()), model.ttt(),
                paper.generator().withLora(16, 16f).withLr(1e-3f).withEpochs(3), model.oracle(), seed);
    }

    private void print(Results results, double seconds, Path dir) {
        PrintStream o = demo.main.io().out();
        o.println();
        o.println("| method | seal4j: solved (built-in grid world) | n tasks | SEAL paper (Llama-3.2-1B, ARC subset) |");
        o.println("|---|---|---|---|");
        for (Map.Entry<String, MethodResult> e : results.methods().entrySet()) {
            MethodResult r = e.getValue();
            o.printf(Locale.ROOT, "| %s | %.1f ± %.1f | %d | %s |%n", e.getKey(), 100 * r.accuracy(), 100 * r.stderr(), r.n(),
                    PAPER.getOrDefault(e.getKey(), ""));
        }
        for (Comparison c : results.comparisons()) {
            if (c.method().startsWith("seal_round_")) {
                o.printf(Locale.ROOT, "%n%s − %s: %+.1f points, 95%% paired-bootstrap interval [%+.1f, %+.1f]%n", c.method(),
                        c.baseline(), 100 * c.difference(), 100 * c.low(), 100 * c.high());
            }
        }
        o.printf(Locale.ROOT, "%ntime: %s; results: %s%n", Progress.duration(seconds), dir.resolve("results.json"));
    }
}
