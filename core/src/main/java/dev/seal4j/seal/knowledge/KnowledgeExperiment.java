package dev.seal4j.seal.knowledge;

import dev.seal4j.engine.model.Transformer;
import dev.seal4j.engine.tokenizer.Tokenizer;
import dev.seal4j.seal.exec.Candidate;
import dev.seal4j.seal.exec.CandidateExecutor;
import dev.seal4j.seal.inner.ReplayPool;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A knowledge-incorporation experiment (the SEAL paper's §4.2): every method adapts the base model to the
 * evaluation passages and is graded on no-context questions, with leakage checked through distractors; seal
 * (and its control, no_selection) first trains the self-edit generator by ReST-EM rounds on training passages
 * and is evaluated with each round's generator. Everything is recorded as it finishes, so a killed run resumes
 * without redoing work.
 */
public final class KnowledgeExperiment {
    private final RunDirectory run;
    private final KnowledgeConfig config;
    private final Transformer base;
    private final Tokenizer tokenizer;
    private final List<KnowledgePassage> train;
    private final List<KnowledgePassage> eval;
    private final KnowledgeDomain domain;
    private final CandidateExecutor executor;
    private final Progress progress;
    private final Seeds seeds;

    /** {@code replay}: the texts the inner loop mixes into every application. */
    public KnowledgeExperiment(RunDirectory run, KnowledgeConfig config, Transformer base, Tokenizer tokenizer,
                               List<KnowledgePassage> train, List<KnowledgePassage> eval, ReplayPool replay,
                               CandidateExecutor executor, Progress progress) {
        this.run = run;
        this.config = config;
        this.base = base;
        this.tokenizer = tokenizer;
        this.train = train;
        this.eval = config.evalPassages() > 0 ? eval.subList(0, Math.min(eval.size(), config.evalPassages())) : eval;
        this.domain = new KnowledgeDomain(config.format(), config.inner(), config.grader(), replay);
        this.executor = executor;
        this.progress = progress;
        this.seeds = new Seeds(config.seed());
    }

    /** Runs (or finishes) every method and writes results.json, results.md and the plots. */
    public Results run() {
        Map<String, List<QuestionOutcome>> outcomes = new LinkedHashMap<>();
        Map<String, double[]> rewards = new LinkedHashMap<>();
        try (Arena arena = Arena.ofShared(); RunLogs<KnowledgeResult> log = RunLogs.open(run, KnowledgeResult.class)) {
            Evaluations<KnowledgeResult> evaluations = new Evaluations<>(executor, log, progress, KnowledgeResult::accuracy);
            SelfEditWriter<KnowledgePassage> writer = new SelfEditWriter<>(domain, config.selfEdits(), tokenizer, seeds, log, progress);
            RestEm<KnowledgePassage, KnowledgeResult> restEm = new RestEm<>(domain, train, config.restEm(), config.selfEdits(),
                    config.generator(), tokenizer, seeds, evaluations);
            for (KnowledgeMethod method : config.methods()) {
                if (method.trainsGenerator()) {
                    Arm arm = KnowledgeConfig.arm(method);
                    restEm.rounds(arm, base, arena, (round, trained) -> {
                        if (arm.rewarded()) {
                            rewards.put("round " + round, trained.rewards());
                        }
                        outcomes.put(arm.method(round), withSelfEdits(arm.method(round), trained.generator(), writer, evaluations));
                    });
                } else if (method == KnowledgeMethod.BASE_SELF_EDITS) {
                    outcomes.put(method.label(), withSelfEdits(method.label(), base, writer, evaluations));
                } else {
                    outcomes.put(method.label(), evaluate(method.label(), evaluations, unit -> fixed(method, unit)));
                }
            }
        }
        Results results = results(outcomes);
        ResultsFiles.write(run.path(), results);
        Plots.writeAccuracy(results, run.path());
        if (!rewards.isEmpty()) {
            Plots.writeRewards(rewards, run.path());
        }
        run.finish();
        return results;
    }

    // ---- candidates ------------------------------------------------------------------------------------------

    /** The passages adapted together: one each in the single setting, groups in cpt. */
    private List<List<KnowledgePassage>> units() {
        List<List<KnowledgePassage>> out = new ArrayList<>();
        for (int i = 0; i < eval.size(); i += config.unitSize()) {
            out.add(eval.subList(i, Math.min(eval.size(), i + config.unitSize())));
        }
        return out;
    }

    /** A unit's candidate for a method that needs no self-edits (what it trains on, if anything, is fixed). */
    private Candidate<KnowledgeResult> fixed(KnowledgeMethod method, Unit unit) {
        List<EvalQuestion> questions = KnowledgeDomain.questions(unit.passages());
        return switch (method) {
            case BASE -> domain.candidate(unit.key(), KnowledgeCandidate.Mode.BASE, List.of(), questions, List.of(), unit.seed());
            case IN_CONTEXT -> domain.candidate(unit.key(), KnowledgeCandidate.Mode.IN_CONTEXT, List.of(), questions,
                    unit.passages().stream().flatMap(p -> p.questions().stream().map(q -> p.context())).toList(), unit.seed());
            case PASSAGE_ONLY -> domain.adapting(unit.key(), unit.passages().stream().map(KnowledgePassage::sequence).toList(),
                    questions, unit.seed());
            case TEACHER -> domain.adapting(unit.key(), teacherSequences(unit.passages()), questions, unit.seed());
            default -> throw new IllegalArgumentException(method + " needs self-edits");
        };
    }

    private List<String> teacherSequences(List<KnowledgePassage> passages) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (KnowledgePassage p : passages) {
            for (String implications : p.teacherImplications()) {
                out.addAll(config.format().parse(p.title(), p.context(), implications).sequences());
            }
            out.add(p.sequence());
        }
        return List.copyOf(out);
    }

    /** A method that trains on one self-edit per evaluation passage, written by {@code generator}. */
    private List<QuestionOutcome> withSelfEdits(String method, Transformer generator, SelfEditWriter<KnowledgePassage> writer,
                                                Evaluations<KnowledgeResult> evaluations) {
        List<List<String>> selfEdits = writer.write(method, generator, eval, 1);
        return evaluate(method, evaluations, unit -> {
            LinkedHashSet<String> sequences = new LinkedHashSet<>();
            for (int i = unit.first(); i < unit.first() + unit.passages().size(); i++) {
                sequences.addAll(domain.parse(eval.get(i), selfEdits.get(i).getFirst()).sequences());
            }
            return domain.adapting(unit.key(), List.copyOf(sequences), KnowledgeDomain.questions(unit.passages()), unit.seed());
        });
    }

    /** The passages of a unit, where it starts, and its key and seed. */
    private record Unit(List<KnowledgePassage> passages, int first, String key, long seed) {
    }

    /** Runs a method's candidates (those not recorded yet) and returns its outcomes in question order. */
    private List<QuestionOutcome> evaluate(String method, Evaluations<KnowledgeResult> evaluations,
                                           Function<Unit, Candidate<KnowledgeResult>> make) {
        Map<RecordKey, Candidate<KnowledgeResult>> candidates = new LinkedHashMap<>();
        int first = 0;
        for (List<KnowledgePassage> passages : units()) {
            RecordKey key = new RecordKey.Evaluation(method, first, 0);
            candidates.put(key, make.apply(new Unit(passages, first, key.text(), seeds.evaluation(first, 0))));
            first += passages.size();
        }
        return evaluations.run(method, candidates).stream().flatMap(r -> r.outcomes().stream()).toList();
    }

    // ---- results ---------------------------------------------------------------------------------------------

    /** Figures per method, each method against base, and the last rounds against base_self_edits and each other. */
    private Results results(Map<String, List<QuestionOutcome>> outcomes) {
        Map<String, MethodResult> methods = new LinkedHashMap<>();
        Map<String, double[]> net = new LinkedHashMap<>();
        outcomes.forEach((method, list) -> {
            double[] scores = list.stream().mapToDouble(o -> o.correct() ? 1 : 0).toArray();
            double[] leaks = list.stream().mapToDouble(o -> o.leaked() ? 1 : 0).toArray();
            methods.put(method, MethodResult.of(scores, leaks));
            net.put(method, MethodResult.net(scores, leaks));
        });
        List<Comparison> comparisons = new ArrayList<>();
        for (String method : net.keySet()) {
            if (!method.equals("base") && net.containsKey("base")) {
                comparisons.add(compare(net, method, "base"));
            }
        }
        String seal = Arm.SEAL.method(config.restEm().rounds());
        String control = Arm.NO_SELECTION.method(config.restEm().rounds());
        if (net.containsKey(seal) && net.containsKey("base_self_edits")) {
            comparisons.add(compare(net, seal, "base_self_edits"));
        }
        if (net.containsKey(seal) && net.containsKey(control)) {
            comparisons.add(compare(net, seal, control));
        }
        return new Results(methods, comparisons);
    }

    private Comparison compare(Map<String, double[]> net, String method, String baseline) {
        return Comparison.of(method, net.get(method), baseline, net.get(baseline), "net_accuracy", config.seed());
    }
}
