package dev.seal4j.cli;

import dev.seal4j.engine.model.Transformer;
import dev.seal4j.engine.tokenizer.Tokenizer;
import dev.seal4j.seal.exec.LocalExecutor;
import dev.seal4j.seal.exec.LocalWorkbench;
import dev.seal4j.seal.inner.ReplayPool;
import dev.seal4j.seal.knowledge.KnowledgeConfig;
import dev.seal4j.seal.knowledge.KnowledgeExperiment;
import dev.seal4j.seal.knowledge.KnowledgePassage;
import dev.seal4j.seal.run.Results;
import dev.seal4j.seal.run.RunDirectory;

import java.util.List;

/** Runs a knowledge experiment in a run directory with progress bars on stderr. */
final class ExperimentLauncher {
    private ExperimentLauncher() {
    }

    /**
     * Runs the experiment. With several workers, candidates run side by side on a thread each and everything
     * else on the calling thread alone, so the run computes exactly what a one-thread run does ({@link LocalExecutor}).
     */
    static Results run(Io io, RunDirectory run, KnowledgeConfig config, Transformer model, Tokenizer tokenizer,
                       List<KnowledgePassage> train, List<KnowledgePassage> eval, ReplayPool replay, int workers) {
        LocalExecutor executor = new LocalExecutor(new LocalWorkbench(model, tokenizer), workers);
        PhaseProgress progress = new PhaseProgress(io);
        try {
            KnowledgeExperiment experiment = new KnowledgeExperiment(run, config, model, tokenizer, train, eval, replay, executor, progress);
            return executor.drive(experiment::run);
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
