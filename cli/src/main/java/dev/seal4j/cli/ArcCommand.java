package dev.seal4j.cli;

import dev.seal4j.seal.arc.ArcConfig;
import dev.seal4j.seal.arc.ArcData;
import dev.seal4j.seal.arc.ArcRun;
import dev.seal4j.seal.arc.ArcTask;
import dev.seal4j.seal.arc.GridModel;
import dev.seal4j.seal.arc.GridWorld;
import dev.seal4j.seal.run.Results;
import dev.seal4j.seal.run.ResultsTable;
import dev.seal4j.seal.run.RunDirectory;
import dev.seal4j.seal.run.RunInputs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code seal arc}: few-shot abstract reasoning (SEAL section 4.1) on ARC JSON tasks and any model. */
@Command(name = "arc", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        subcommands = ArcCommand.Export.class,
        description = {"Few-shot abstract reasoning (SEAL section 4.1) on ARC tasks and any model: each self-edit is a JSON "
                + "configuration of test-time training (augmentations, strategy, learning rate, epochs); applying it trains a "
                + "LoRA adapter on tasks made from the demonstrations, then answers the test by voting over views (pass@2). "
                + "Reports the share of self-edits whose adapted model solves its task, per method; 'seal' trains the "
                + "self-edit generator by ReST-EM on --train-tasks first.",
                "Writes a new run directory (config.yaml, manifest.json, selfedits.jsonl, evaluations.jsonl with every "
                        + "prediction, results.json, results.md, plots); a killed run continues with 'seal runs resume DIR'."},
        footerHeading = "%nExamples:%n",
        footer = {"  seal arc --model Llama-3.2-1B-Instruct --tasks ../shared/data/arc/arc-agi_evaluation_challenges_filtered_1B_eval_set.json \\",
                "      --solutions ../shared/data/arc/arc-agi_evaluation_solutions_filtered_1B_eval_set.json --methods icl,ttt_base_self_edits",
                "  seal arc export --model models/tiny-grids --split eval --count 40 --tasks eval.json --solutions eval-sol.json",
                "  seal arc --model models/tiny-grids --tasks eval.json --solutions eval-sol.json \\",
                "      --train-tasks train.json --train-solutions train-sol.json --rounds 1"})
final class ArcCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    // Not required by picocli, which would ask for them before `seal arc export` too: call() checks them.
    @Option(names = "--model", paramLabel = "PATH", description = "Required. A Hugging Face model directory, a .gguf file, "
            + "or a llama2.c .bin checkpoint.")
    Path model;

    @Option(names = "--tokenizer", paramLabel = "PATH", description = "The tokenizer, when it is not the model's own.")
    Path tokenizer;

    @Option(names = "--tasks", paramLabel = "F.json", description = "Required. Evaluation tasks (ARC challenges JSON).")
    Path tasks;

    @Option(names = "--solutions", paramLabel = "F.json", description = "Required. Their solutions (ARC solutions JSON).")
    Path solutions;

    @Option(names = "--train-tasks", paramLabel = "F.json", description = "Tasks for ReST-EM (needed by the seal method).")
    Path trainTasks;

    @Option(names = "--train-solutions", paramLabel = "F.json", description = "Their solutions.")
    Path trainSolutions;

    @Option(names = "--out", paramLabel = "DIR", description = "The run directory to create (must not exist or be empty).")
    Path out;

    @Option(names = "--runs-dir", defaultValue = "runs", paramLabel = "DIR", description = "Where a new run directory is made when --out is absent (default ${DEFAULT-VALUE}).")
    Path runsDir;

    @Mixin
    ArcOptions options;

    @Mixin
    WorkersOption workers; // default here: 1 (real models use every core per candidate)

    @Override
    public Integer call() {
        Inputs.check(model != null && tasks != null && solutions != null, "seal arc needs --model, --tasks and --solutions "
                + "(see 'seal arc --help')");
        int parallelCandidates = workers.orElse(1);
        Inputs.check((trainTasks == null) == (trainSolutions == null), "--train-tasks and --train-solutions go together");
        List<ArcTask> eval = ArcData.read(tasks, solutions);
        List<ArcTask> train = trainTasks == null ? List.of() : ArcData.read(trainTasks, trainSolutions);
        ArcConfig config = options.config(!train.isEmpty());
        List<Path> inputs = new ArrayList<>(List.of(tasks, solutions));
        if (trainTasks != null) {
            inputs.addAll(List.of(trainTasks, trainSolutions));
        }
        ArcRun record = new ArcRun(config, absolute(model), absolute(tokenizer), absolute(tasks),
                absolute(solutions), absolute(trainTasks), absolute(trainSolutions));
        RunInputs runInputs = new RunInputs(model, inputs, main.commandLine(), Map.of("seed", config.seed()));
        try (LoadedModel m = LoadedModel.open(model, tokenizer, true);
             RunDirectory run = out != null ? RunDirectory.createAt(out, "arc", record, runInputs)
                     : RunDirectory.createIn(runsDir, "arc", record, runInputs)) {
            main.io().err().println("run directory: " + run.path());
            Results results = ExperimentLauncher.runArc(main.io(), run, config, m.model, m.tokenizer, train, eval, parallelCandidates);
            main.io().out().print(ResultsTable.markdown(results));
            main.io().out().println("results: " + run.path().resolve("results.json"));
        }
        return 0;
    }

    static String absolute(Path p) {
        return p == null ? null : p.toAbsolutePath().normalize().toString();
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write tasks of the built-in grid world as ARC JSON (challenges and solutions) for seal arc or any other tool.",
            footerHeading = "%nExamples:%n",
            footer = {"  seal arc export --model models/tiny-grids --split eval --count 40 --tasks eval.json --solutions eval-sol.json",
                    "  seal arc export --world-seed 1 --split train --count 24 --eval-seed 7 --tasks t.json --solutions s.json"})
    static final class Export implements Callable<Integer> {
        @ParentCommand
        ArcCommand arc;

        @Option(names = "--model", paramLabel = "DIR", description = "Take the world of this grid model (its grids.json).")
        Path model;

        @Option(names = "--world-seed", defaultValue = "1", description = "Without --model: the world seed (default ${DEFAULT-VALUE}).")
        long worldSeed;

        @Option(names = "--split", required = true, description = "pretrain, train or eval.")
        String split;

        @Option(names = "--count", required = true, description = "How many tasks (the split's families in turn).")
        int count;

        @Option(names = "--eval-seed", defaultValue = "0", description = "Draw the tasks with this seed (default ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--tasks", required = true, paramLabel = "F.json", description = "The challenges file to write.")
        Path tasks;

        @Option(names = "--solutions", required = true, paramLabel = "F.json", description = "The solutions file to write.")
        Path solutions;

        @Override
        public Integer call() {
            Inputs.check(count >= 1, "--count must be >= 1, got " + count);
            GridWorld world = model != null ? GridModel.read(Inputs.existing(model)).world() : GridWorld.standard(worldSeed);
            GridWorld.Split s = splitOf(split);
            ArcData.write(world.tasks(s, count, seed), tasks, solutions);
            arc.main.io().err().println("wrote " + count + " " + s.name().toLowerCase(Locale.ROOT) + " tasks to " + tasks + " and " + solutions);
            return 0;
        }
    }

    static GridWorld.Split splitOf(String name) {
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "pretrain" -> GridWorld.Split.PRETRAIN;
            case "train" -> GridWorld.Split.TRAIN;
            case "eval" -> GridWorld.Split.EVAL;
            default -> throw new dev.seal4j.engine.BadInputException("--split must be pretrain, train or eval, got '" + name + "'");
        };
    }
}
