package dev.seal4j.cli;

import dev.seal4j.seal.inner.ReplayPool;
import dev.seal4j.seal.knowledge.KnowledgeConfig;
import dev.seal4j.seal.knowledge.KnowledgeData;
import dev.seal4j.seal.knowledge.KnowledgePassage;
import dev.seal4j.seal.knowledge.KnowledgeRun;
import dev.seal4j.seal.knowledge.TeacherData;
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
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code seal knowledge}: the knowledge-incorporation experiments on any model and SQuAD-style data. */
@Command(name = "knowledge", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Knowledge incorporation (SEAL section 4.2) on any model and SQuAD-style data: adapt the model to each "
                + "passage by each method, answer the passage's questions without it, and report accuracy, leakage "
                + "and net accuracy per method; 'seal' trains the self-edit generator by ReST-EM on --train-data first.",
                "Writes a new run directory (config.yaml, manifest.json, selfedits.jsonl, evaluations.jsonl, "
                        + "results.json, results.md, plots); a killed run continues with 'seal runs resume DIR'."},
        footerHeading = "%nExamples:%n",
        footer = {"  seal knowledge --model Qwen2.5-0.5B --data ../shared/data/seal-reference/base_val.json \\",
                "      --methods base,passage_only,base_self_edits --eval-passages 20",
                "  seal knowledge --model models/tiny-world --data eval.json --train-data train.json \\",
                "      --rounds 2 --contexts 50 --samples 5 --repeats 3",
                "  seal knowledge --model m --data squad.json --teacher-data gpt4_1_val.json --grader judge:http://127.0.0.1:8000/v1#gpt-4.1"})
final class KnowledgeCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Mixin
    ModelOptions modelOptions;

    @Option(names = "--data", required = true, paramLabel = "F.json", description = "Evaluation passages with questions (SQuAD-style JSON).")
    Path data;

    @Option(names = "--train-data", paramLabel = "F.json", description = "Training passages for ReST-EM (needed by the seal method).")
    Path trainData;

    @Option(names = "--teacher-data", paramLabel = "F.json", description = "External synthetic data for the teacher method (e.g. the SEAL repo's GPT-4.1 implications).")
    Path teacherData;

    @Option(names = "--replay-data", paramLabel = "F.json", description = "Passages (SQuAD-style JSON) that --replay "
            + "mixes into every inner-loop application, e.g. `seal world export --split pretrain`.")
    Path replayData;

    @Option(names = "--out", paramLabel = "DIR", description = "The run directory to create (must not exist or be empty).")
    Path out;

    @Option(names = "--runs-dir", defaultValue = "runs", paramLabel = "DIR", description = "Where a new run directory is made when --out is absent (default ${DEFAULT-VALUE}).")
    Path runsDir;

    @Mixin
    KnowledgeOptions options;

    @Mixin
    WorkersOption workers; // default here: 1 (real models use every core per candidate)

    @Override
    public Integer call() {
        int parallelCandidates = workers.orElse(1);
        List<KnowledgePassage> eval = KnowledgeData.readScored(Inputs.existing(data));
        if (teacherData != null) {
            eval = TeacherData.read(Inputs.existing(teacherData)).attach(eval);
        }
        List<KnowledgePassage> train = trainData == null ? List.of() : KnowledgeData.readScored(Inputs.existing(trainData));
        boolean hasTeacher = !eval.isEmpty() && eval.stream().allMatch(p -> !p.teacherImplications().isEmpty());
        KnowledgeConfig config = options.config(hasTeacher, !train.isEmpty());
        Inputs.check(config.inner().replay() == 0 || replayData != null,
                "--replay " + config.inner().replay() + " needs --replay-data F.json (the texts to replay)");
        ReplayPool replay = new ReplayPool(replayData == null ? List.of() : KnowledgeData.read(Inputs.existing(replayData)).stream()
                .map(KnowledgePassage::sequence).toList(), config.inner().replay());
        List<Path> inputs = new ArrayList<>(List.of(data));
        if (trainData != null) {
            inputs.add(trainData);
        }
        if (teacherData != null) {
            inputs.add(teacherData);
        }
        if (replayData != null) {
            inputs.add(replayData);
        }
        RunInputs runInputs = new RunInputs(modelOptions.model, inputs, main.commandLine(), Map.of("seed", config.seed()));
        KnowledgeRun record = new KnowledgeRun(config, absolute(modelOptions.model), absolute(modelOptions.tokenizer),
                absolute(data), absolute(trainData), absolute(teacherData), absolute(replayData));
        try (LoadedModel m = modelOptions.load();
             RunDirectory run = out != null ? RunDirectory.createAt(out, "knowledge", record, runInputs)
                     : RunDirectory.createIn(runsDir, "knowledge", record, runInputs)) {
            main.io().err().println("run directory: " + run.path());
            Results results = ExperimentLauncher.run(main.io(), run, config, m.model, m.tokenizer, train, eval, replay, parallelCandidates);
            main.io().out().print(ResultsTable.markdown(results));
            main.io().out().println("results: " + run.path().resolve("results.json"));
        }
        return 0;
    }

    static String absolute(Path p) {
        return p == null ? null : p.toAbsolutePath().normalize().toString();
    }
}
