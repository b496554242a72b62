package dev.seal4j.seal.knowledge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seal4j.engine.format.Checkpoints;
import dev.seal4j.engine.format.HfModelDir;
import dev.seal4j.engine.format.HfWeights;
import dev.seal4j.engine.model.Checkpoint;
import dev.seal4j.engine.model.ModelWeights;
import dev.seal4j.engine.model.Transformer;
import dev.seal4j.engine.tensor.DType;
import dev.seal4j.engine.tokenizer.Tokenizer;
import dev.seal4j.seal.exec.CandidateExecutor;
import dev.seal4j.seal.inner.Candidate;
import dev.seal4j.seal.inner.CandidateResult;
import dev.seal4j.seal.inner.EvalQuestion;
import dev.seal4j.seal.inner.QuestionOutcome;
import dev.seal4j.seal.outer.GeneratorTraining;
import dev.seal4j.seal.outer.Selection;
import dev.seal4j.seal.outer.SelfEditSampler;
import dev.seal4j.seal.run.Comparison;
import dev.seal4j.seal.run.MethodResult;
import dev.seal4j.seal.run.Plots;
import dev.seal4j.seal.run.RecordLog;
import dev.seal4j.seal.run.Results;
import dev.seal4j.seal.run.ResultsFiles;
import dev.seal4j.seal.run.RunDirectory;
import dev.seal4j.seal.selfedit.ParsedSelfEdit;
import dev.seal4j.seal.selfedit.SelfEditFormat;

import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A knowledge-incorporation experiment (the SEAL paper's section 4.2): every method adapts the model to
 * evaluation passages and is graded on no-context questions, with leakage checked through distractors;
 * {@code seal} runs ReST-EM rounds on training passages first. Every self-edit and every evaluation is
 * appended to the run's logs as it finishes, so a killed run resumes without redoing them.
 *
 * <p>Self-edits are always applied to the original model: ReST-EM trains only the generator, so the gain of
 * a round measures its self-edits alone.
 */
public final class KnowledgeExperiment {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Progress of the long phases. */
    public interface Progress {
        void phase(String name, int total);

        void advance(String detail);
    }

    private final RunDirectory run;
    private final KnowledgeConfig config;
    private final Transformer base;
    private final Tokenizer tokenizer;
    private final List<KnowledgePassage> train;
    private final List<KnowledgePassage> eval;
    private final CandidateExecutor executor;
    private final Progress progress;
    private final SelfEditFormat format;
    private final RecordLog selfEdits;
    private final RecordLog evaluations;
    private final Map<String, JsonNode> doneSelfEdits = new HashMap<>();
    private final Map<String, JsonNode> doneEvaluations = new HashMap<>();
    private final Map<String, double[]> rewardsByRound = new LinkedHashMap<>();

    public KnowledgeExperiment(RunDirectory run, KnowledgeConfig config, Transformer base, Tokenizer tokenizer,
                               List<KnowledgePassage> train, List<KnowledgePassage> eval, CandidateExecutor executor,
                               Progress progress) {
        this.run = run;
        this.config = config;
        this.base = base;
        this.tokenizer = tokenizer;
        this.train = train;
        this.eval = config.evalPassages() > 0 ? eval.subList(0, Math.min(eval.size(), config.evalPassages())) : eval;
        this.executor = executor;
        this.progress = progress;
        this.format = SelfEditFormat.named(config.format());
        this.selfEdits = run.log("selfedits.jsonl", "key");
        this.evaluations = run.log("evaluations.jsonl", "key");
        RecordLog.read(selfEdits.file()).forEach(r -> doneSelfEdits.put(r.get("key").asText(), r));
        RecordLog.read(evaluations.file()).forEach(r -> doneEvaluations.put(r.get("key").asText(), r));
    }

    /** Runs (or finishes) every method and writes results.json, results.md and the plots. */
    public Results run() {
        Map<String, List<QuestionOutcome>> outcomes = new LinkedHashMap<>();
        try (Arena arena = Arena.ofShared()) {
            for (String method : config.methods()) {
                switch (method) {
                    case "base" -> outcomes.put(method, evaluate(method, u -> candidate(method, u, Candidate.Mode.BASE, List.of())));
                    case "in_context" -> outcomes.put(method, evaluate(method, u -> candidate(method, u, Candidate.Mode.IN_CONTEXT, List.of())));
                    case "passage_only" -> outcomes.put(method, evaluate(method, u -> candidate(method, u, Candidate.Mode.ADAPT,
                            passageSequences(u))));
                    case "teacher" -> outcomes.put(method, evaluate(method, u -> candidate(method, u, Candidate.Mode.ADAPT,
                            teacherSequences(u))));
                    case "base_self_edits" -> {
                        Map<Integer, List<String>> seqs = evalSelfEdits(method, base);
                        outcomes.put(method, evaluate(method, u -> candidate(method, u, Candidate.Mode.ADAPT, unitSequences(u, seqs))));
                    }
                    case "seal" -> {
                        Transformer generator = base;
                        for (int round = 1; round <= config.rounds(); round++) {
                            generator = restEmRound(round, generator, arena);
                            String name = "seal_round_" + round;
                            Map<Integer, List<String>> seqs = evalSelfEdits(name, generator);
                            outcomes.put(name, evaluate(name, u -> candidate(name, u, Candidate.Mode.ADAPT, unitSequences(u, seqs))));
                        }
                    }
                    default -> throw new IllegalStateException(method);
                }
            }
        }
        Results results = results(outcomes);
        ResultsFiles.write(run.path(), results);
        Plots.writeAccuracy(results, run.path());
        if (!rewardsByRound.isEmpty()) {
            Plots.writeRewards(rewardsByRound, run.path());
        }
        run.finish();
        return results;
    }

    // ---- units and candidates ------------------------------------------------------------------------

    /** The passages adapted together: one each in the single setting, groups in cpt. */
    private List<List<Integer>> units() {
        int size = config.setting().equals("cpt") ? config.cptPassages() : 1;
        List<List<Integer>> out = new ArrayList<>();
        for (int i = 0; i < eval.size(); i += size) {
            List<Integer> unit = new ArrayList<>();
            for (int j = i; j < Math.min(eval.size(), i + size); j++) {
                unit.add(j);
            }
            out.add(unit);
        }
        return out;
    }

    private Candidate candidate(String method, List<Integer> unit, Candidate.Mode mode, List<String> sequences) {
        List<EvalQuestion> questions = new ArrayList<>();
        List<String> contexts = new ArrayList<>();
        for (int i : unit) {
            KnowledgePassage p = eval.get(i);
            for (KnowledgeQuestion q : p.questions()) {
                KnowledgeQuestion.Distractor d = q.distractor();
                questions.add(new EvalQuestion(p.title(), q.question(), q.answer(), q.kind(), d == null ? null : d.title(),
                        d == null ? null : d.question()));
                contexts.add(p.context());
            }
        }
        return new Candidate(method + "|" + unit.getFirst(), mode, sequences, questions, contexts,
                config.seed() * 7919 + unit.getFirst());
    }

    private List<String> passageSequences(List<Integer> unit) {
        return unit.stream().map(i -> eval.get(i).sequence()).toList();
    }

    private List<String> teacherSequences(List<Integer> unit) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (int i : unit) {
            KnowledgePassage p = eval.get(i);
            for (String t : p.teacherImplications()) {
                out.addAll(format.parse(p.title(), p.context(), t).sequences());
            }
            out.add(p.sequence());
        }
        return List.copyOf(out);
    }

    private static List<String> unitSequences(List<Integer> unit, Map<Integer, List<String>> perPassage) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        unit.forEach(i -> out.addAll(perPassage.get(i)));
        return List.copyOf(out);
    }

    /** Runs a method's candidates (those not already in the log) and returns its outcomes in question order. */
    private List<QuestionOutcome> evaluate(String method, java.util.function.Function<List<Integer>, Candidate> make) {
        List<Candidate> todo = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (List<Integer> unit : units()) {
            Candidate c = make.apply(unit);
            keys.add(c.id());
            if (!doneEvaluations.containsKey(c.id())) {
                todo.add(c);
            }
        }
        progress.phase(method, todo.size());
        executor.run(todo, r -> {
            ObjectNode rec = evaluationRecord(method, r);
            evaluations.append(rec);
            doneEvaluations.put(r.id(), rec);
            progress.advance(String.format("%s acc %.2f", method, r.accuracy()));
        });
        List<QuestionOutcome> out = new ArrayList<>();
        for (String k : keys) {
            for (JsonNode o : doneEvaluations.get(k).get("outcomes")) {
                out.add(JSON.convertValue(o, QuestionOutcome.class));
            }
        }
        return out;
    }

    private ObjectNode evaluationRecord(String method, CandidateResult r) {
        ObjectNode rec = JSON.createObjectNode();
        rec.put("key", r.id());
        rec.put("method", method);
        rec.put("accuracy", r.accuracy());
        rec.put("leakage", r.leakage());
        rec.put("net_accuracy", r.netAccuracy());
        rec.put("train_loss", r.trainLoss());
        rec.put("seconds", r.seconds());
        rec.set("outcomes", JSON.valueToTree(r.outcomes()));
        return rec;
    }

    // ---- self-edits ----------------------------------------------------------------------------------

    /** One self-edit per evaluation passage from a generator (logged), parsed into training sequences. */
    private Map<Integer, List<String>> evalSelfEdits(String method, Transformer generator) {
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < eval.size(); i++) {
            if (!doneSelfEdits.containsKey("eval|" + method + "|" + i)) {
                missing.add(i);
            }
        }
        if (!missing.isEmpty()) {
            progress.phase(method + ": writing self-edits", missing.size());
            List<List<String>> samples = sampler(generator, config.seed() + method.hashCode()).sample(
                    missing.stream().map(i -> eval.get(i).title()).toList(),
                    missing.stream().map(i -> eval.get(i).context()).toList(), 1);
            for (int j = 0; j < missing.size(); j++) {
                int i = missing.get(j);
                logSelfEdit("eval|" + method + "|" + i, "eval", method, eval.get(i), 0, samples.get(j).getFirst(), null);
                progress.advance(method);
            }
        }
        Map<Integer, List<String>> out = new HashMap<>();
        for (int i = 0; i < eval.size(); i++) {
            out.put(i, sequencesOf(doneSelfEdits.get("eval|" + method + "|" + i)));
        }
        return out;
    }

    private SelfEditSampler sampler(Transformer generator, long seed) {
        return new SelfEditSampler(generator, tokenizer, format, new dev.seal4j.engine.generate.SamplingSettings(
                config.temperature(), 0, config.topP(), 1f, seed, config.selfEditMaxTokens(), List.of(), false));
    }

    private ObjectNode logSelfEdit(String key, String phase, String method, KnowledgePassage p, int sample,
                                   String completion, List<Double> rewards) {
        ParsedSelfEdit parsed = format.parse(p.title(), p.context(), completion);
        ObjectNode rec = JSON.createObjectNode();
        rec.put("key", key);
        rec.put("phase", phase);
        rec.put("method", method);
        rec.put("title", p.title());
        rec.put("sample", sample);
        rec.put("prompt", format.prompt(p.title(), p.context()));
        rec.put("completion", completion);
        rec.put("parsed_nothing", parsed.parsedNothing());
        ArrayNode seqs = rec.putArray("sequences");
        parsed.sequences().forEach(seqs::add);
        if (rewards != null) {
            rec.set("rewards", JSON.valueToTree(rewards));
        }
        selfEdits.append(rec);
        doneSelfEdits.put(key, rec);
        return rec;
    }

    private static List<String> sequencesOf(JsonNode rec) {
        List<String> out = new ArrayList<>();
        rec.get("sequences").forEach(s -> out.add(s.asText()));
        return out;
    }

    // ---- ReST-EM ---------------------------------------------------------------------------------------

    /**
     * One round: sample k self-edits for C fresh training contexts from the current generator, reward each
     * by r applications to the base model (net accuracy on the context's questions), keep the best per
     * context, and fine-tune the generator on them (merged). Reloads the round's generator if a previous
     * attempt of the run saved it.
     */
    private Transformer restEmRound(int round, Transformer generator, Arena arena) {
        Path saved = run.path().resolve("generators").resolve("round-" + round);
        List<KnowledgePassage> contexts = contexts(round);
        List<Selection.Scored> scored = new ArrayList<>();
        List<Integer> todo = new ArrayList<>();
        for (int i = 0; i < contexts.size(); i++) {
            for (int j = 0; j < config.samplesPerContext(); j++) {
                if (!doneSelfEdits.containsKey(trainKey(round, i, j))) {
                    todo.add(i);
                    break;
                }
            }
        }
        if (!Files.isDirectory(saved) && !todo.isEmpty()) {
            progress.phase("round " + round + ": writing self-edits", todo.size());
            List<List<String>> samples = sampler(generator, config.seed() * 31 + round).sample(
                    todo.stream().map(i -> contexts.get(i).title()).toList(),
                    todo.stream().map(i -> contexts.get(i).context()).toList(), config.samplesPerContext());
            applySelfEdits(round, contexts, todo, samples);
        }
        double[] unadapted = baselines(round, contexts);
        List<Double> allRewards = new ArrayList<>();
        for (int i = 0; i < contexts.size(); i++) {
            List<String> completions = new ArrayList<>();
            List<List<Double>> rewards = new ArrayList<>();
            String prompt = null;
            for (int j = 0; j < config.samplesPerContext(); j++) {
                JsonNode rec = doneSelfEdits.get(trainKey(round, i, j));
                if (rec == null) {
                    continue;
                }
                prompt = rec.get("prompt").asText();
                completions.add(rec.get("completion").asText());
                List<Double> rs = new ArrayList<>();
                rec.get("rewards").forEach(x -> rs.add(x.asDouble()));
                rewards.add(rs);
                allRewards.add(Selection.mean(rs));
            }
            if (prompt != null) {
                scored.add(new Selection.Scored(prompt, completions, rewards, unadapted[i]));
            }
        }
        rewardsByRound.put("round " + round, allRewards.stream().mapToDouble(Double::doubleValue).toArray());
        if (Files.isDirectory(saved)) {
            Checkpoint ck = Checkpoints.open(saved); // mapped for the rest of the run
            return new Transformer(ck.config(), ModelWeights.from(ck));
        }
        List<Selection.Chosen> chosen = Selection.sftSet(scored, config.onlyImprovements());
        RecordLog sft = run.log("sft_round_" + round + ".jsonl", "prompt");
        if (sft.doneKeys().isEmpty()) {
            for (Selection.Chosen c : chosen) {
                sft.append(Map.of("prompt", c.prompt(), "completion", c.completion(), "index", c.index(), "mean_reward", c.meanReward()));
            }
        }
        progress.phase("round " + round + ": training the generator on " + chosen.size() + " self-edits", 1);
        GeneratorTraining.Result trained = config.generator().toTraining().train(generator, tokenizer, chosen,
                config.seed() * 131 + round, arena);
        HfModelDir.write(saved, trained.generator().config(), HfWeights.of(trained.generator().weights(), DType.F32),
                HfModelDir.DEFAULT_SHARD_BYTES, List.of());
        progress.advance(String.format("generator SFT loss %.3f", trained.trainLoss()));
        return trained.generator();
    }

    /**
     * Rewards each new self-edit of a round (samples.get(t): context todo.get(t)'s k samples) by r applications
     * to the base model, all in one batch so that an executor with several workers runs them side by side, and
     * logs a self-edit once its r rewards are in (in whatever order they arrive).
     */
    private void applySelfEdits(int round, List<KnowledgePassage> contexts, List<Integer> todo, List<List<String>> samples) {
        List<Candidate> candidates = new ArrayList<>();
        Map<String, Application> applications = new HashMap<>(); // by candidate id
        for (int t = 0; t < todo.size(); t++) {
            int i = todo.get(t);
            for (int j = 0; j < config.samplesPerContext(); j++) {
                String key = trainKey(round, i, j);
                if (doneSelfEdits.containsKey(key)) {
                    continue;
                }
                String completion = samples.get(t).get(j);
                SampledSelfEdit edit = new SampledSelfEdit(key, i, j, completion, new Double[config.evalRepeats()]);
                List<String> seqs = format.parse(contexts.get(i).title(), contexts.get(i).context(), completion).sequences();
                for (int rep = 0; rep < config.evalRepeats(); rep++) {
                    Candidate c = trainCandidate(key + "|" + rep, contexts.get(i), Candidate.Mode.ADAPT, seqs, rep);
                    candidates.add(c);
                    applications.put(c.id(), new Application(edit, rep));
                }
            }
        }
        progress.phase("round " + round + ": applying self-edits", candidates.size() / config.evalRepeats());
        executor.run(candidates, r -> {
            Application a = applications.get(r.id());
            SampledSelfEdit e = a.edit();
            e.rewards()[a.rep()] = r.netAccuracy();
            if (Arrays.stream(e.rewards()).allMatch(Objects::nonNull)) {
                List<Double> rewards = List.of(e.rewards());
                logSelfEdit(e.key(), "train", "round_" + round, contexts.get(e.context()), e.sample(), e.completion(), rewards);
                progress.advance(String.format("round %d reward %.2f", round, Selection.mean(rewards)));
            }
        });
    }

    /** A self-edit sampled in a round, collecting its r rewards (null until reported). */
    private record SampledSelfEdit(String key, int context, int sample, String completion, Double[] rewards) {
    }

    /** One of a self-edit's r applications. */
    private record Application(SampledSelfEdit edit, int rep) {
    }

    /** The unadapted model's net accuracy on each training context (logged once per context and round). */
    private double[] baselines(int round, List<KnowledgePassage> contexts) {
        List<Candidate> missing = new ArrayList<>();
        for (int i = 0; i < contexts.size(); i++) {
            String key = baselineKey(round, i);
            if (!doneEvaluations.containsKey(key)) {
                missing.add(trainCandidate(key, contexts.get(i), Candidate.Mode.BASE, List.of(), 0));
            }
        }
        executor.run(missing, r -> {
            ObjectNode rec = evaluationRecord("baseline", r);
            evaluations.append(rec);
            doneEvaluations.put(r.id(), rec);
        });
        double[] out = new double[contexts.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = doneEvaluations.get(baselineKey(round, i)).get("net_accuracy").asDouble();
        }
        return out;
    }

    private static String baselineKey(int round, int context) {
        return "baseline|" + round + "|" + context;
    }

    private Candidate trainCandidate(String id, KnowledgePassage p, Candidate.Mode mode, List<String> seqs, int rep) {
        List<EvalQuestion> questions = new ArrayList<>();
        for (KnowledgeQuestion q : p.questions()) {
            KnowledgeQuestion.Distractor d = q.distractor();
            questions.add(new EvalQuestion(p.title(), q.question(), q.answer(), q.kind(), d == null ? null : d.title(),
                    d == null ? null : d.question()));
        }
        return new Candidate(id, mode, seqs, questions, List.of(), config.seed() * 104729 + id.hashCode() + rep);
    }

    /** Round r's C training contexts: the next C passages of the training set (wrapping around). */
    private List<KnowledgePassage> contexts(int round) {
        List<KnowledgePassage> out = new ArrayList<>();
        for (int i = 0; i < config.contextsPerRound(); i++) {
            out.add(train.get(((round - 1) * config.contextsPerRound() + i) % train.size()));
        }
        return out;
    }

    private String trainKey(int round, int context, int sample) {
        return "train|" + round + "|" + context + "|" + sample;
    }

    // ---- results ---------------------------------------------------------------------------------------

    private Results results(Map<String, List<QuestionOutcome>> outcomes) {
        Map<String, MethodResult> methods = new LinkedHashMap<>();
        Map<String, double[]> scores = new LinkedHashMap<>();
        for (Map.Entry<String, List<QuestionOutcome>> e : outcomes.entrySet()) {
            double[] s = e.getValue().stream().mapToDouble(o -> o.correct() ? 1 : 0).toArray();
            double[] l = e.getValue().stream().mapToDouble(o -> o.leaked() ? 1 : 0).toArray();
            methods.put(e.getKey(), MethodResult.of(s, l));
            scores.put(e.getKey(), MethodResult.net(s, l));
        }
        List<Comparison> comparisons = new ArrayList<>();
        List<String> names = new ArrayList<>(scores.keySet());
        String last = names.stream().filter(n -> n.startsWith("seal_round_")).reduce((a, b) -> b).orElse(null);
        for (String n : names) {
            if (!n.equals("base") && scores.containsKey("base")) {
                comparisons.add(Comparison.of(n, scores.get(n), "base", scores.get("base"), "net_accuracy", config.seed()));
            }
        }
        if (last != null && scores.containsKey("base_self_edits")) {
            comparisons.add(Comparison.of(last, scores.get(last), "base_self_edits", scores.get("base_self_edits"),
                    "net_accuracy", config.seed()));
        }
        return new Results(methods, comparisons);
    }
}
