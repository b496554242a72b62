package dev.seal4j.seal.outer;

import dev.seal4j.engine.model.Transformer;
import dev.seal4j.engine.tokenizer.Tokenizer;
import dev.seal4j.seal.exec.Candidate;
import dev.seal4j.seal.outer.RecordKey.TrainingSelfEdit;

import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * ReST-EM, SEAL's outer loop (Zweiger et al. 2025, §3.1), one round at a time:
 * <pre>
 *   E-step   the generator writes k self-edits for each of C fresh training contexts; each self-edit is applied
 *            to the base model r times (the inner loop: a candidate) and rewarded by what the adapted model
 *            then gets right about its context
 *   select   per context, what the selection rule keeps (paper: the best of k)
 *   M-step   the generator is fine-tuned on (prompt → kept self-edit) and merged; the next round starts from it
 * </pre>
 * Self-edits are always applied to the base model, so a round's gain measures its self-edits alone. The
 * control arm ({@link Arm#NO_SELECTION}) samples the same way and learns from its first self-edit per context
 * without applying any. Everything is recorded as it finishes ({@link RunLog}): a round cut short continues
 * where it stopped, with the same self-edits and rewards as an uninterrupted one.
 */
public record RestEm<C, R>(Domain<C, R> domain, List<C> trainingContexts, RestEmConfig config, SelfEditSampling sampling,
                           GeneratorTraining training, Tokenizer tokenizer, Seeds seeds, Evaluations<R> evaluations) {

    /** What a round left: its trained generator, and the rewards of its self-edits (empty for the control). */
    public record Round(Transformer generator, double[] rewards) {
    }

    /**
     * SEAL's protocol: {@code config().rounds()} rounds of {@code arm} from {@code base}, each round's result
     * handed to {@code evaluate} (which evaluates the round's generator) before the next round starts.
     */
    public void rounds(Arm arm, Transformer base, Arena arena, java.util.function.BiConsumer<Integer, Round> evaluate) {
        Transformer generator = base;
        for (int round = 1; round <= config.rounds(); round++) {
            Round trained = run(arm, round, generator, arena);
            evaluate.accept(round, trained);
            generator = trained.generator();
        }
    }

    /** Round {@code round} (from 1) of {@code arm}, from the generator the round before trained. */
    public Round run(Arm arm, int round, Transformer generator, Arena arena) {
        List<C> contexts = contexts(round);
        Optional<Transformer> saved = log().generator(arm, round);
        if (saved.isEmpty()) {
            sampleAndReward(arm, round, contexts, generator);
        }
        List<Selection.Scored> scored = scored(arm, round, contexts);
        double[] rewards = scored.stream().flatMapToDouble(s -> s.rewards().stream().mapToDouble(Selection::mean)).toArray();
        if (saved.isPresent()) {
            return new Round(saved.get(), rewards);
        }
        List<Selection.Chosen> chosen = (arm.rewarded() ? config.selection() : SelectionRule.NONE).choose(scored);
        log().addSftSet(arm, round, chosen);
        progress().phase("round " + round + ": training the generator on " + chosen.size() + " self-edits", 1);
        GeneratorTraining.Result trained = training.train(generator, tokenizer, chosen, seeds.generatorTraining(round), arena);
        log().addGenerator(arm, round, trained.generator());
        progress().advance(String.format("generator SFT loss %.3f", trained.trainLoss()));
        return new Round(trained.generator(), rewards);
    }

    private RunLog<R> log() {
        return evaluations.log();
    }

    private Progress progress() {
        return evaluations.progress();
    }

    /** Round r's C contexts: the next C of the training contexts (wrapping around). */
    private List<C> contexts(int round) {
        List<C> out = new ArrayList<>();
        for (int i = 0; i < config.contexts(); i++) {
            out.add(trainingContexts.get(((round - 1) * config.contexts() + i) % trainingContexts.size()));
        }
        return out;
    }

    /** The self-edits an arm keeps per context: all k for SEAL, the first for the control. */
    private int kept(Arm arm) {
        return arm.rewarded() ? config.samples() : 1;
    }

    /**
     * E-step: samples the contexts that lack a recorded self-edit, applies every new self-edit r times in one
     * batch (so that side-by-side workers share it), and records a self-edit once its r rewards are in.
     */
    private void sampleAndReward(Arm arm, int round, List<C> contexts, Transformer generator) {
        Set<Integer> todo = new LinkedHashSet<>();
        for (int i = 0; i < contexts.size(); i++) {
            for (int j = 0; j < kept(arm); j++) {
                if (log().selfEdit(new TrainingSelfEdit(arm, round, i, j)).isEmpty()) {
                    todo.add(i);
                }
            }
        }
        if (todo.isEmpty()) {
            return;
        }
        progress().phase("round " + round + ": writing self-edits", todo.size());
        Map<Integer, List<String>> samples = new SelfEditSampler(generator, tokenizer, sampling.settings(seeds.roundSelfEdits(round)))
                .sample(contexts.stream().map(domain::prompt).toList(), config.samples(), todo);
        Map<String, Application<C, R>> applications = new LinkedHashMap<>(); // by candidate key
        for (int i : todo) {
            for (int j = 0; j < kept(arm); j++) {
                SelfEdit<C> edit = new SelfEdit<>(new TrainingSelfEdit(arm, round, i, j), contexts.get(i), samples.get(i).get(j),
                        new Double[arm.rewarded() ? config.repeats() : 0]);
                if (log().selfEdit(edit.key()).isPresent()) {
                    continue;
                }
                if (!arm.rewarded()) {
                    record(edit);
                }
                for (int rep = 0; rep < edit.rewards().length; rep++) {
                    RecordKey.Application key = edit.key().application(rep);
                    applications.put(key.text(), new Application<>(edit, rep,
                            domain.application(edit.context(), edit.text(), key.text(), seeds.candidate(key, rep))));
                }
            }
        }
        progress().phase("round " + round + ": applying self-edits", applications.size() / config.repeats());
        evaluations.executor().run(applications.values().stream().map(Application::candidate).toList(), (candidate, result) -> {
            Application<C, R> a = applications.get(candidate.key());
            a.edit().rewards()[a.repeat()] = domain.reward(result);
            if (Arrays.stream(a.edit().rewards()).allMatch(Objects::nonNull)) {
                record(a.edit());
                progress().advance(String.format("round %d reward %.2f", round, Selection.mean(List.of(a.edit().rewards()))));
            }
        });
    }

    /** A self-edit of the round, collecting the rewards of its applications (null until reported). */
    private record SelfEdit<C>(TrainingSelfEdit key, C context, String text, Double[] rewards) {
    }

    /** One of a self-edit's applications. */
    private record Application<C, R>(SelfEdit<C> edit, int repeat, Candidate<R> candidate) {
    }

    private void record(SelfEdit<C> edit) {
        C context = edit.context();
        Arm arm = edit.key().arm();
        log().addSelfEdit(new RunLog.SelfEditRecord(edit.key(), "train", arm.roundLabel(edit.key().round()), domain.title(context),
                edit.key().sample(), domain.prompt(context), edit.text(), domain.parse(context, edit.text()),
                arm.rewarded() ? List.of(edit.rewards()) : null));
    }

    /** Every context's recorded self-edits with their rewards, and the unadapted model's reward on it. */
    private List<Selection.Scored> scored(Arm arm, int round, List<C> contexts) {
        double[] baselines = arm.rewarded() ? baselines(round, contexts) : new double[contexts.size()];
        List<Selection.Scored> out = new ArrayList<>();
        for (int i = 0; i < contexts.size(); i++) {
            List<String> completions = new ArrayList<>();
            List<List<Double>> rewards = new ArrayList<>();
            for (int j = 0; j < kept(arm); j++) {
                log().selfEdit(new TrainingSelfEdit(arm, round, i, j)).ifPresent(e -> {
                    completions.add(e.completion());
                    if (e.rewards() != null) {
                        rewards.add(e.rewards());
                    }
                });
            }
            if (!completions.isEmpty()) {
                out.add(new Selection.Scored(domain.prompt(contexts.get(i)), completions, rewards, baselines[i]));
            }
        }
        return out;
    }

    /** The unadapted model's reward on each context (measured once per context and round). */
    private double[] baselines(int round, List<C> contexts) {
        Map<RecordKey, Candidate<R>> candidates = new LinkedHashMap<>();
        for (int i = 0; i < contexts.size(); i++) {
            RecordKey key = new RecordKey.Baseline(round, i);
            candidates.put(key, domain.unadapted(contexts.get(i), key.text(), seeds.candidate(key, 0)));
        }
        return evaluations.run("baseline", candidates).stream().mapToDouble(domain::reward).toArray();
    }
}
