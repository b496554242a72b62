package dev.seal4j.cli;

import dev.seal4j.engine.model.Transformer;
import dev.seal4j.engine.tokenizer.Tokenizer;
import dev.seal4j.seal.arc.ArcConfig;
import dev.seal4j.seal.arc.ArcExperiment;
import dev.seal4j.seal.arc.ArcTask;
import dev.seal4j.seal.exec.LocalExecutor;
import dev.seal4j.seal.exec.LocalWorkbench;
import dev.seal4j.seal.inner.ReplayPool;
import dev.seal4j.seal.knowledge.KnowledgeConfig;
import dev.seal4j.seal.knowledge.KnowledgeExperiment;
import dev.seal4j.seal.knowledge.KnowledgePassage;
import dev.seal4j.seal.run.Results;
import dev.seal4j.seal.run.RunDirectory;

import java.util.List;
import java.util.function.Supplier;

/** Runs a SEAL experiment (knowledge incorporation, ARC) in a run directory with progress bars on stderr. */
final class ExperimentLauncher {
    private ExperimentLauncher() {
    }

    /**
     * Runs a knowledge experiment. With several workers, candidates run side by side on a thread each and
     * everything else on the calling thread alone, so the run computes exactly what a one-thread run does
     * ({@link LocalExecutor}).
     */
    static Results run(Io io, RunDirectory run, KnowledgeConfig config, Transformer model, Tokenizer tokenizer,
                       List<KnowledgePassage> train, List<KnowledgePassage> eval, ReplayPool replay, int workers) {
        return launch(io, run, model, tokenizer, workers, (executor, progress) ->
                new KnowledgeExperiment(run, config, model, tokenizer, train, eval, replay, executor, progress)::run);
    }

    /** Runs an ARC experiment, likewise. */
    static Results runArc(Io io, RunDirectory run, ArcConfig config, Transformer model, Tokenizer tokenizer, List<ArcTask> train,
                          List<ArcTask> eval, int workers) {
        return launch(io, run, model, tokenizer, workers, (executor, progress) ->
                new ArcExperiment(run, config, model, tokenizer, train, eval, executor, progress)::run);
    }

    /** An experiment, made for an executor and progress bars. */
    private interface Experiment {
        Supplier<Results> make(LocalExecutor executor, PhaseProgress progress);
    }

    private static Results launch(Io io, RunDirectory run, Transformer model, Tokenizer tokenizer, int workers, Experiment experiment) {
        LocalExecutor executor = new LocalExecutor(new LocalWorkbench(model, tokenizer), workers);
        PhaseProgress progress = new PhaseProgress(io);
        try {
            return executor.drive(experiment.make(executor, progress));
        } catch (RuntimeException e) {
            run.fail(e.getMessage() == null ? e.toString() : e.getMessage());
            throw e;
        } finally {
            progress.close();
        }
    }

    /** One progress bar per phase. */
    private static final class PhaseProgress implements dev.seal4j.seal.outer.Progress, AutoCloseable {
        private final Io io;
        private Progress bar;
        private int done;

        PhaseProgress(Io io) {
            this.io = io;
        }

        @Override
        public void phase(String name, int total) {
            close();
            done = 0;
            bar = total > 0 ? Progress.start(io, name, total) : null;
        }

        @Override
        public void advance(String detail) {
            if (bar != null) {
                bar.update(++done, detail);
            }
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close();
                bar = null;
            }
        }
    }
}
