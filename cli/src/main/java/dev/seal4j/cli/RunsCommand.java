package dev.seal4j.cli;

import dev.seal4j.seal.arc.ArcData;
import dev.seal4j.seal.arc.ArcRun;
import dev.seal4j.seal.arc.ArcTask;
import dev.seal4j.seal.inner.ReplayPool;
import dev.seal4j.seal.knowledge.KnowledgeData;
import dev.seal4j.seal.knowledge.KnowledgePassage;
import dev.seal4j.seal.knowledge.KnowledgeRun;
import dev.seal4j.seal.knowledge.TeacherData;
import dev.seal4j.seal.run.Results;
import dev.seal4j.seal.run.ResultsTable;
import dev.seal4j.seal.run.RunCatalog;
import dev.seal4j.seal.run.RunDetails;
import dev.seal4j.seal.run.RunDirectory;
import dev.seal4j.seal.run.RunSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code seal runs list|show|resume}: the run directories experiments leave behind. */
@Command(name = "runs", mixinStandardHelpOptions = true, description = "List, show and resume runs.",
        subcommands = {RunsCommand.List.class, RunsCommand.Show.class, RunsCommand.Resume.class})
final class RunsCommand {
    @ParentCommand
    Main main;

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the runs under a folder, newest last.",
            footerHeading = "%nExamples:%n", footer = {"  seal runs list", "  seal runs list --dir /data/seal-runs"})
    static final class List implements Callable<Integer> {
        @ParentCommand
        RunsCommand runs;

        @Option(names = "--dir", defaultValue = "runs", description = "Folder holding run directories (default ${DEFAULT-VALUE}).")
        Path dir;

        @Override
        public Integer call() {
            PrintStream out = runs.main.io().out();
            java.util.List<RunSummary> all = RunCatalog.list(dir);
            if (all.isEmpty()) {
                out.println("no runs in " + dir);
                return 0;
            }
            out.printf(Locale.ROOT, "%-40s %-10s %-12s %-26s %s%n", "run", "kind", "status", "created", "headline");
            for (RunSummary s : all) {
                StringBuilder headline = new StringBuilder();
                if (s.headline() != null) {
                    s.headline().forEach((k, v) -> headline.append(String.format(Locale.ROOT, "%s %.1f%%  ", k, 100 * v)));
                }
                out.printf(Locale.ROOT, "%-40s %-10s %-12s %-26s %s%n", s.dir().getFileName(), s.kind(), s.status(),
                        s.created(), s.problem() != null ? s.problem() : headline.toString().trim());
            }
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show a run: manifest, record counts, results.",
            footerHeading = "%nExamples:%n", footer = {"  seal runs show runs/knowledge-20261125-101500"})
    static final class Show implements Callable<Integer> {
        @ParentCommand
        RunsCommand runs;

        @Parameters(paramLabel = "DIR", description = "The run directory.")
        Path dir;

        @Override
        public Integer call() {
            RunDetails d = RunCatalog.details(Inputs.existing(dir));
            PrintStream out = runs.main.io().out();
            RunSummary s = d.summary();
            out.println("run:      " + s.dir());
            out.println("kind:     " + s.kind());
            out.println("status:   " + s.status());
            out.println("created:  " + s.created());
            out.println("updated:  " + s.updated());
            out.println("command:  " + String.join(" ", d.manifest().commandLine()));
            d.recordCounts().forEach((file, n) -> out.println("records:  " + file + " " + n));
            if (d.results() != null) {
                out.println();
                out.print(ResultsTable.markdown(d.results()));
            }
            return 0;
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true,
            description = "Continue a killed or failed run where it stopped, without redoing finished work.",
            footerHeading = "%nExamples:%n", footer = {"  seal runs resume runs/demo-20261125-101500"})
    static final class Resume implements Callable<Integer> {
        @ParentCommand
        RunsCommand runs;

        @Parameters(paramLabel = "DIR", description = "The run directory.")
        Path dir;

        @Mixin
        WorkersOption workers; // default here: 1

        @Override
        public Integer call() {
            Inputs.existing(dir);
            int parallelCandidates = workers.orElse(1);
            try (RunDirectory run = RunDirectory.resume(dir, runs.main.commandLine())) {
                runs.main.io().err().println("resuming " + run.path());
                Results results = java.util.Set.of("arc", "demo-arc").contains(run.manifest().kind())
                        ? resumeArc(run, parallelCandidates) : resumeKnowledge(run, parallelCandidates);
                runs.main.io().out().print(ResultsTable.markdown(results));
            }
            return 0;
        }

        private Results resumeKnowledge(RunDirectory run, int workers) {
            KnowledgeRun k = KnowledgeRun.read(run);
            java.util.List<KnowledgePassage> eval = KnowledgeData.read(Path.of(k.eval()));
            if (k.teacher() != null) {
                eval = TeacherData.read(Path.of(k.teacher())).attach(eval);
            }
            java.util.List<KnowledgePassage> train = k.train() == null ? java.util.List.of() : KnowledgeData.read(Path.of(k.train()));
            ReplayPool replay = new ReplayPool(k.replay() == null ? java.util.List.of() : KnowledgeData.read(Path.of(k.replay()))
                    .stream().map(KnowledgePassage::sequence).toList(), k.experiment().inner().replay());
            try (LoadedModel m = LoadedModel.open(Path.of(k.model()), k.tokenizer() == null ? null : Path.of(k.tokenizer()), true)) {
                return ExperimentLauncher.run(runs.main.io(), run, k.experiment(), m.model, m.tokenizer, train, eval, replay, workers);
            }
        }

        private Results resumeArc(RunDirectory run, int workers) {
            ArcRun a = run.config(ArcRun.class);
            java.util.List<ArcTask> eval = ArcData.read(Path.of(a.tasks()), Path.of(a.solutions()));
            java.util.List<ArcTask> train = a.trainTasks() == null ? java.util.List.of()
                    : ArcData.read(Path.of(a.trainTasks()), Path.of(a.trainSolutions()));
            try (LoadedModel m = LoadedModel.open(Path.of(a.model()), a.tokenizer() == null ? null : Path.of(a.tokenizer()), true)) {
                return ExperimentLauncher.runArc(runs.main.io(), run, a.experiment(), m.model, m.tokenizer, train, eval, workers);
            }
        }
    }
}
