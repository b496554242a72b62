package dev.seal4j.seal.knowledge;

import dev.seal4j.engine.format.Checkpoints;
import dev.seal4j.engine.model.Checkpoint;
import dev.seal4j.engine.model.Transformer;
import dev.seal4j.engine.tensor.Parallel;
import dev.seal4j.engine.tokenizer.Tokenizer;
import dev.seal4j.engine.tokenizer.Tokenizers;
import dev.seal4j.engine.model.LoraTarget;
import dev.seal4j.seal.eval.GraderSpec;
import dev.seal4j.seal.exec.Candidate;
import dev.seal4j.seal.exec.CandidateExecutor;
import dev.seal4j.seal.exec.LocalExecutor;
import dev.seal4j.seal.exec.LocalWorkbench;
import dev.seal4j.seal.inner.InnerLoopConfig;
import dev.seal4j.seal.inner.ReplayPool;
import dev.seal4j.seal.outer.GeneratorTraining;
import dev.seal4j.seal.outer.Progress;
import dev.seal4j.seal.outer.RestEmConfig;
import dev.seal4j.seal.outer.SelectionRule;
import dev.seal4j.seal.outer.SelfEditSampling;
import dev.seal4j.seal.run.RecordLog;
import dev.seal4j.seal.run.Results;
import dev.seal4j.seal.run.ResultsFiles;
import dev.seal4j.seal.run.RunDirectory;
import dev.seal4j.seal.run.RunInputs;
import dev.seal4j.seal.world.PretrainRecipe;
import dev.seal4j.seal.pretrain.Pretrainer;
import dev.seal4j.seal.world.WorldCurriculum;
import dev.seal4j.seal.world.Split;
import dev.seal4j.seal.selfedit.SelfEditFormat;
import dev.seal4j.seal.world.WorldExport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.function.BiConsumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole experiment on a tiny model pretrained for a few steps: every method, one ReST-EM round, results
 * and plots written; run again, it resumes from its logs without redoing any candidate.
 */
class KnowledgeExperimentTest {
    @TempDir
    static Path tmp;
    static Path model;
    static Path evalFile;
    static Path trainFile;

    @BeforeAll
    static void pretrainATinyModel() throws java.io.IOException {
        Pretrainer.Listener quiet = new Pretrainer.Listener() {
            public void onStep(Pretrainer.Step s) {
            }

            public void onGate(Pretrainer.GateCheck g) {
            }

            public void onMessage(String m) {
            }
        };
        new Pretrainer(new WorldCurriculum(PretrainRecipe.small(5)), tmp.resolve("pretrain"), quiet).run(false, 0);
        model = tmp.resolve("pretrain/model");
        var corpus = dev.seal4j.seal.world.PretrainingCorpus.of(PretrainRecipe.small(5).world());
        evalFile = tmp.resolve("eval.json");
        trainFile = tmp.resolve("train.json");
        WorldExport.write(WorldExport.passages(corpus.world(), corpus.populations().get(Split.EVAL)), evalFile);
        WorldExport.write(WorldExport.passages(corpus.world(), corpus.populations().get(Split.TRAIN)), trainFile);
    }

    /** Every method, one ReST-EM round of 2 contexts × 2 self-edits (each applied r times), on 2 evaluation passages. */
    private static KnowledgeConfig config(int repeats) {
        return new KnowledgeConfig(KnowledgeConfig.PAPER_METHODS, KnowledgeConfig.Setting.SINGLE, 2, 2, SelfEditFormat.IMPLICATIONS,
                new SelfEditSampling(24, 1f, 0.95f), new RestEmConfig(1, 2, 2, repeats, SelectionRule.BEST),
                new InnerLoopConfig(2, 4f, EnumSet.of(LoraTarget.Q_PROJ, LoraTarget.V_PROJ), 1e-3f, 1, 1,
                        InnerLoopConfig.PAPER_QUESTION_TEMPLATE, 4, true, 0),
                new GeneratorTraining(2, 4f, EnumSet.of(LoraTarget.Q_PROJ), 1e-3f, 1, 1, true), GraderSpec.EXACT, 3);
    }

    @Test
    void runsEveryMethodAndResumesWithoutRedoingWork() throws Exception {
        KnowledgeConfig config = config(1);
        Path straight = tmp.resolve("straight");
        Results first = run(config, straight, true, evalFile, trainFile, Integer.MAX_VALUE);
        long evaluations = Files.lines(straight.resolve("evaluations.jsonl")).count();
        assertEquals(config.methodNames(), List.copyOf(first.methods().keySet()));
        assertTrue(Files.exists(straight.resolve("results.md")) && Files.exists(straight.resolve("accuracy.png"))
                && Files.exists(straight.resolve("rewards.svg")) && Files.isDirectory(straight.resolve("generators/round-1")));
        assertEquals(2 * 2, RecordLog.read(straight.resolve("selfedits.jsonl")).stream()
                .filter(r -> r.get("phase").asText().equals("train")).count(), "C × k training self-edits");

        Path crashed = tmp.resolve("crashed"); // dies after 7 candidates, then resumes
        assertThrows(IllegalStateException.class, () -> run(config, crashed, true, evalFile, trainFile, 7));
        long before = Files.lines(crashed.resolve("evaluations.jsonl")).count();
        Results resumed = run(config, crashed, false, evalFile, trainFile, Integer.MAX_VALUE);
        assertEquals(evaluations, Files.lines(crashed.resolve("evaluations.jsonl")).count(), "no candidate done twice");
        assertTrue(before > 0 && before < evaluations);
        assertEquals(first.methods(), resumed.methods(), "a resumed run ends where an uninterrupted one does");
        assertEquals(ResultsFiles.read(crashed).methods(), resumed.methods());
    }

    /**
     * Two workers, each candidate on its own thread: the same run as one thread's; and killed in the middle of
     * a round — between the two applications of a self-edit — it resumes to the same results.
     */
    @Test
    void candidatesSideBySideComputeWhatOneThreadComputes() throws Exception {
        int threads = Parallel.threads();
        Results oneThread;
        try {
            Parallel.setThreads(1);
            oneThread = run(config(2), tmp.resolve("one-thread"), true, evalFile, trainFile, Integer.MAX_VALUE, 1);
        } finally {
            Parallel.setThreads(threads);
        }
        Results sideBySide = run(config(2), tmp.resolve("two-workers"), true, evalFile, trainFile, Integer.MAX_VALUE, 2);
        assertEquals(oneThread.methods(), sideBySide.methods());
        assertEquals(Files.readString(tmp.resolve("one-thread/selfedits.jsonl")), Files.readString(tmp.resolve("two-workers/selfedits.jsonl")),
                "the same self-edits, rewards (two per self-edit) and order");

        Path crashed = tmp.resolve("two-workers-crashed"); // 8 evaluation candidates, then 3 of the round's 8
        assertThrows(IllegalStateException.class, () -> run(config(2), crashed, true, evalFile, trainFile, 11, 2));
        assertEquals(1, RecordLog.read(crashed.resolve("selfedits.jsonl")).stream()
                .filter(r -> r.get("phase").asText().equals("train")).count(), "only the self-edit with both rewards is logged");
        Results resumed = run(config(2), crashed, false, evalFile, trainFile, Integer.MAX_VALUE, 2);
        assertEquals(sideBySide.methods(), resumed.methods());
    }

    private static Results run(KnowledgeConfig config, Path dir, boolean create, Path evalFile, Path trainFile,
                               int crashAfter) {
        return run(config, dir, create, evalFile, trainFile, crashAfter, 1);
    }

    /**
     * Runs the experiment with {@code workers} candidates side by side; the executor fails (as a killed
     * process would stop) after {@code crashAfter} candidates.
     */
    private static Results run(KnowledgeConfig config, Path dir, boolean create, Path evalFile, Path trainFile,
                               int crashAfter, int workers) {
        try (Checkpoint ck = Checkpoints.open(model);
             RunDirectory run = create ? RunDirectory.createAt(dir, "knowledge", config, new RunInputs(model, List.of(evalFile, trainFile), List.of("test"), java.util.Map.of("seed", 3L)))
                     : RunDirectory.resume(dir, List.of("test"))) {
            Tokenizer tokenizer = Tokenizers.load(model);
            Transformer base = Transformer.of(ck);
            int[] count = {0};
            LocalExecutor local = new LocalExecutor(new LocalWorkbench(base, tokenizer), workers);
            CandidateExecutor executor = new CandidateExecutor() {
                @Override
                public <R> void run(List<? extends Candidate<R>> candidates, BiConsumer<Candidate<R>, R> onResult) {
                    local.run(candidates, (candidate, result) -> {
                        if (++count[0] > crashAfter) {
                            throw new IllegalStateException("simulated crash");
                        }
                        onResult.accept(candidate, result);
                    });
                }
            };
            KnowledgeExperiment experiment = new KnowledgeExperiment(run, config, base, tokenizer, KnowledgeData.read(trainFile),
                    KnowledgeData.read(evalFile), ReplayPool.NONE, executor, Progress.NONE);
            return local.drive(experiment::run);
        }
    }
}
