package dev.seal4j.seal.continual;

import dev.seal4j.engine.model.LoraAdapter;
import dev.seal4j.engine.model.Transformer;
import dev.seal4j.engine.tokenizer.Tokenizer;
import dev.seal4j.seal.eval.Grader;
import dev.seal4j.seal.world.ExportedPassage;
import dev.seal4j.seal.world.ExportedQuestion;
import dev.seal4j.seal.world.Populations;
import dev.seal4j.seal.world.World;
import dev.seal4j.seal.world.WorldConfig;
import dev.seal4j.seal.world.WorldExport;

import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * The SEAL paper's sequential experiment: for each of several random orders of n passages, update the
 * model on one passage after another — the model writes a self-edit, a LoRA fine-tune applies it, the
 * adapter is merged — and after each update ask the questions of every passage seen so far, without the
 * passage. With gates, each update must first pass them (probes the model writes, retention on the probes
 * of the updates already applied, the weight-change and divergence limits); a rejected update leaves the
 * model unchanged.
 */
public final class ForgettingBench {
    private final Transformer base;
    private final Tokenizer tokenizer;
    private final Grader grader;

    public ForgettingBench(Transformer base, Tokenizer tokenizer, Grader grader) {
        this.base = base;
        this.tokenizer = tokenizer;
        this.grader = grader;
    }

    /**
     * What to run.
     *
     * @param passages  n, passages per sequence (paper: 8)
     * @param sequences random passage orders (paper: 64)
     * @param gates     null for none (every update is merged)
     * @param heldOut   held-out questions added to the retention suite (with gates)
     */
    public record Settings(int passages, int sequences, long seed, LearnerConfig learner, GateConfig gates,
                           List<Probe> heldOut) {
    }

    /** The evaluation people's passages of a world: people no model was trained on. */
    public static List<ExportedPassage> evaluationPassages(WorldConfig config) {
        World world = World.generate(config.worldSeed(), config.shape());
        return WorldExport.passages(world, Populations.draw(world, config).eval());
    }

    /** Runs every sequence; {@code progress} hears one line per step. */
    public ForgettingMatrix run(List<ExportedPassage> pool, Settings s, Consumer<String> progress) {
        if (pool.size() < s.passages()) {
            throw new dev.seal4j.engine.BadInputException("the bench needs " + s.passages() + " passages, the pool has " + pool.size());
        }
        double[][][] runs = new double[s.sequences()][][];
        int[] accepted = new int[s.passages()];
        for (int q = 0; q < s.sequences(); q++) {
            List<ExportedPassage> order = new ArrayList<>(pool);
            Collections.shuffle(order, new Random(s.seed() + 1000003L * q));
            runs[q] = sequence(order.subList(0, s.passages()), s, q, accepted, progress);
        }
        return ForgettingMatrix.of(runs, accepted);
    }

    private double[][] sequence(List<ExportedPassage> passages, Settings s, int q, int[] accepted, Consumer<String> progress) {
        int n = passages.size();
        double[][] m = new double[n + 1][n];
        List<List<Probe>> questions = passages.stream().map(ForgettingBench::questions).toList();
        try (Arena adapters = Arena.ofShared()) {
            List<LoraAdapter> stack = new ArrayList<>();
            List<Probe> acceptedProbes = new ArrayList<>();
            Arena weights = null;
            Transformer model = base;
            for (int j = 0; j < n; j++) {
                m[0][j] = accuracy(model, s, questions.get(j));
            }
            try {
                for (int i = 0; i < n; i++) {
                    ExportedPassage p = passages.get(i);
                    LearningInput input = new LearningInput.Document(p.title(), p.context(), "world", List.of());
                    UpdateProposer proposer = new UpdateProposer(model, tokenizer, s.learner(), grader);
                    long seed = s.seed() + 7919L * q + i;
                    List<String> edits = proposer.selfEdits(input, seed);
                    List<Probe> probes = s.gates() == null ? List.of() : proposer.writeProbes(input).probes();
                    List<Trial> trials = new ArrayList<>();
                    for (int k = 0; k < edits.size(); k++) {
                        trials.add(proposer.trial(k, edits.get(k), input, probes, seed, adapters));
                    }
                    Trial best = UpdateProposer.best(trials);
                    String verdict = "merged";
                    if (s.gates() != null) {
                        GateDecision failed = gate(proposer, best, probes, acceptedProbes, s);
                        verdict = failed == null ? "passed the gates, merged" : "rejected by " + failed.gate() + ": " + failed.detail();
                        if (failed != null) {
                            best = null;
                        }
                    }
                    if (best != null) {
                        accepted[i]++;
                        stack.add(best.adapter());
                        acceptedProbes.addAll(probes);
                        Arena next = Arena.ofShared();
                        model = new Transformer(base.config(), AdapterStack.combine(stack, base.weights(), next)
                                .mergeInto(base.weights(), next));
                        if (weights != null) {
                            weights.close();
                        }
                        weights = next;
                    }
                    for (int j = 0; j <= i; j++) {
                        m[i + 1][j] = accuracy(model, s, questions.get(j));
                    }
                    progress.accept(String.format(java.util.Locale.ROOT, "sequence %d/%d, passage %d/%d (%s): %s; "
                            + "first passage %.1f%%", q + 1, s.sequences(), i + 1, n, p.title(), verdict, 100 * m[i + 1][0]));
                }
            } finally {
                if (weights != null) {
                    weights.close();
                }
            }
        }
        return m;
    }

    /** The first gate that fails, or null when the update may be merged. */
    private GateDecision gate(UpdateProposer proposer, Trial best, List<Probe> probes, List<Probe> earlier, Settings s) {
        List<Probe> suite = new ArrayList<>(earlier.reversed().subList(0, Math.min(earlier.size(), s.learner().maxRetentionProbes())));
        suite.addAll(s.heldOut());
        ProbeScorer scorer = proposer.scorer();
        UpdateGates.Measurements m = new UpdateGates.Measurements(best.trainLoss(), WeightDelta.norm(best.adapter()),
                scorer.score(probes, null), best.probes(), scorer.score(suite, null), scorer.score(suite, best.adapter()));
        return new UpdateGates(s.gates()).evaluate(m).stream().filter(d -> !d.passed()).findFirst().orElse(null);
    }

    private double accuracy(Transformer model, Settings s, List<Probe> questions) {
        int correct = new ProbeScorer(model, tokenizer, s.learner().inner(), grader).correct(questions, null);
        return questions.isEmpty() ? 0 : correct / (double) questions.size();
    }

    private static List<Probe> questions(ExportedPassage p) {
        List<Probe> out = new ArrayList<>();
        for (ExportedQuestion q : p.questions()) {
            out.add(new Probe(p.title(), q.question(), q.answer()));
        }
        return out;
    }
}
