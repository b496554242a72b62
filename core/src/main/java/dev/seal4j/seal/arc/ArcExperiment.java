package dev.seal4j.seal.arc;

import dev.seal4j.engine.model.Transformer;
import dev.seal4j.engine.tokenizer.Tokenizer;
import dev.seal4j.seal.exec.Candidate;
import dev.seal4j.seal.exec.CandidateExecutor;
import dev.seal4j.seal.outer.Arm;
import dev.seal4j.seal.outer.Evaluations;
import dev.seal4j.seal.outer.Progress;
import dev.seal4j.seal.outer.RecordKey;
import dev.seal4j.seal.outer.RestEm;
import dev.seal4j.seal.outer.Seeds;
import dev.seal4j.seal.outer.SelfEditWriter;
import dev.seal4j.seal.run.Comparison;
import dev.seal4j.seal.run.MethodResult;
import dev.seal4j.seal.run.Plots;
import dev.seal4j.seal.run.Results;
import dev.seal4j.seal.run.ResultsFiles;
import dev.seal4j.seal.run.RunDirectory;
import dev.seal4j.seal.run.RunLogs;

import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A few-shot abstract-reasoning experiment (the SEAL paper's §4.1): each method answers every evaluation
 * task's test — in context, or after test-time training by the base model's self-edits, by a ReST-EM-trained
 * generator's, or by a fixed strong configuration — and is scored as the share of its self-edits (one per task
 * for the fixed methods) whose adapted model solves its task. Standard errors and paired-bootstrap intervals
 * are over tasks: a method's score on a task is the mean over that task's self-edits. Everything is recorded
 * as it finishes, so a killed run resumes without redoing work.
 */
public final class ArcExperiment {
    private final RunDirectory run;
    private final ArcConfig config;
    private final Transformer base;
    private final Tokenizer tokenizer;
    private final List<ArcTask> train;
    private final List<ArcTask> eval;
    private final ArcDomain domain;
    private final CandidateExecutor executor;
    private final Progress progress;
    private final Seeds seeds;

    public ArcExperiment(RunDirectory run, ArcConfig config, Transformer base, Tokenizer tokenizer, List<ArcTask> train,
                         List<ArcTask> eval, CandidateExecutor executor, Progress progress) {
        this.run = run;
        this.config = config;
        this.base = base;
        this.tokenizer = tokenizer;
        this.train = train;
        this.eval = config.evalTasks() > 0 ? eval.subList(0, Math.min(eval.size(), config.evalTasks())) : eval;
        this.domain = new ArcDomain(config.ttt());
        this.executor = executor;
        this.progress = progress;
        this.seeds = new Seeds(config.seed());
    }

    /** Runs (or finishes) every method and writes results.json, results.md and the plots. */
    public Results run() {
        Map<String, double[]> perTask = new LinkedHashMap<>();
        Map<String, double[]> rewards = new LinkedHashMap<>();
        try (Arena arena = Arena.ofShared(); RunLogs<ArcResult> log = RunLogs.open(run, ArcResult.class)) {
            Evaluations<ArcResult> evaluations = new Evaluations<>(executor, log, progress, domain::reward);
            SelfEditWriter<ArcTask> writer = new SelfEditWriter<>(domain, config.selfEdits(), tokenizer, seeds, log, progress);
            RestEm<ArcTask, ArcResult> restEm = new RestEm<>(domain, train, config.restEm(), config.selfEdits(), config.generator(),
                    tokenizer, seeds, evaluations);
            for (ArcMethod method : config.methods()) {
                switch (method) {
                    case ICL -> perTask.put(method.label(), evaluate(method.label(), evaluations, 1,
                            (task, sample, key, seed) -> domain.unadapted(eval.get(task), key, seed)));
                    case ORACLE_TTT -> perTask.put(method.label(), evaluate(method.label(), evaluations, 1,
                            (task, sample, key, seed) -> domain.configured(eval.get(task), config.oracle(), key, seed)));
                    case TTT_BASE_SELF_EDITS -> perTask.put(method.label(), withSelfEdits(method.label(), base, writer, evaluations));
                    case SEAL, NO_SELECTION -> {
                        Arm arm = method == ArcMethod.SEAL ? Arm.SEAL : Arm.NO_SELECTION;
                        restEm.rounds(arm, base, arena, (round, trained) -> {
                            if (arm.rewarded()) {
                                rewards.put("round " + round, trained.rewards());
                            }
                            perTask.put(arm.method(round), withSelfEdits(arm.method(round), trained.generator(), writer, evaluations));
                        });
                    }
                }
            }
        }
        Results results = results(perTask);
        ResultsFiles.write(run.path(), results);
        Plots.writeAccuracy(results, run.path());
        if (!rewards.isEmpty()) {
            Plots.writeRewards(rewards, run.path());
        }
        run.finish();
        return results;
    }

    /** How a method makes the candidate of an evaluation task (and its sample). */
    private interface CandidateMaker {
        Candidate<ArcResult> make(int task, int sample, String key, long seed);
    }

    /** A self-edit method: {@code samples} self-edits per task by {@code generator}, each applied to its task. */
    private double[] withSelfEdits(String method, Transformer generator, SelfEditWriter<ArcTask> writer,
                                   Evaluations<ArcResult> evaluations) {
        List<List<String>> selfEdits = writer.write(method, generator, eval, config.samples());
        return evaluate(method, evaluations, config.samples(), (task, sample, key, seed) ->
                domain.application(eval.get(task), selfEdits.get(task).get(sample), key, seed));
    }

    /** Runs a method's candidates (those not recorded yet); each task's score is the mean over its samples. */
    private double[] evaluate(String method, Evaluations<ArcResult> evaluations, int samples, CandidateMaker make) {
        Map<RecordKey, Candidate<ArcResult>> candidates = new LinkedHashMap<>();
        for (int i = 0; i < eval.size(); i++) {
            for (int s = 0; s < samples; s++) {
                RecordKey key = new RecordKey.Evaluation(method, i, s);
                candidates.put(key, make.make(i, s, key.text(), seeds.evaluation(i, s)));
            }
        }
        List<ArcResult> results = evaluations.run(method, candidates);
        double[] perTask = new double[eval.size()];
        for (int i = 0; i < results.size(); i++) {
            perTask[i / samples] += domain.reward(results.get(i)) / samples;
        }
        return perTask;
    }

    /** Figures per method (over tasks), every method against icl, and the last rounds against the base self-edits and the control. */
    private Results results(Map<String, double[]> perTask) {
        Map<String, MethodResult> methods = new LinkedHashMap<>();
        perTask.forEach((method, scores) -> methods.put(method, MethodResult.of(scores)));
        List<Comparison> comparisons = new ArrayList<>();
        String icl = ArcMethod.ICL.label();
        String seal = Arm.SEAL.method(config.restEm().rounds());
        for (String method : perTask.keySet()) {
            if (!method.equals(icl) && perTask.containsKey(icl)) {
                comparisons.add(compare(perTask, method, icl));
            }
        }
        for (String baseline : List.of(ArcMethod.TTT_BASE_SELF_EDITS.label(), Arm.NO_SELECTION.method(config.restEm().rounds()))) {
            if (perTask.containsKey(seal) && perTask.containsKey(baseline)) {
                comparisons.add(compare(perTask, seal, baseline));
            }
        }
        return new Results(methods, comparisons);
    }

    private Comparison compare(Map<String, double[]> perTask, String method, String baseline) {
        return Comparison.of(method, perTask.get(method), baseline, perTask.get(baseline), "accuracy", config.seed());
    }
}
