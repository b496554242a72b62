package dev.seal4j.seal.continual;

import dev.seal4j.engine.generate.SamplingSettings;
import dev.seal4j.engine.model.Transformer;
import dev.seal4j.engine.tokenizer.Tokenizer;
import dev.seal4j.seal.eval.Grader;
import dev.seal4j.seal.inner.InnerLoop;
import dev.seal4j.seal.outer.SelfEditSampler;
import dev.seal4j.seal.selfedit.ParsedSelfEdit;

import java.lang.foreign.Arena;
import java.util.List;

/**
 * From an input to candidate updates, on one model version: sample k self-edits, write (or take) probes,
 * apply each self-edit as a LoRA fine-tune and score it on the probes. The steps are separate calls so the
 * caller can log each before the next (a crash mid-way leaves the self-edits in the ledger).
 */
public final class UpdateProposer {
    private final Transformer model;
    private final LearnerConfig config;
    private final Tokenizer tokenizer;
    private final ProbeWriter probeWriter;
    private final ProbeScorer scorer;
    private final InnerLoop inner;

    public UpdateProposer(Transformer model, Tokenizer tokenizer, LearnerConfig config, Grader grader) {
        this.model = model;
        this.config = config;
        this.tokenizer = tokenizer;
        this.probeWriter = new ProbeWriter(model, tokenizer, config.maxProbeTokens(), config.maxProbes());
        this.scorer = new ProbeScorer(model, tokenizer, config.inner(), grader);
        this.inner = new InnerLoop(model, tokenizer, config.inner());
    }

    public ProbeScorer scorer() {
        return scorer;
    }

    /** k self-edit completions for the input, sampled with {@code seed}. */
    public List<String> selfEdits(LearningInput input, long seed) {
        SelfEditSampler sampler = new SelfEditSampler(model, tokenizer, new SamplingSettings(
                config.temperature(), 0, config.topP(), 1f, seed, config.maxSelfEditTokens(), List.of(), false));
        return sampler.sample(List.of(config.format().prompt(input.passageTitle(), input.passage())), config.selfEdits()).getFirst();
    }

    /** The probes the model writes with the passage in context (self-QA), with the raw completion. */
    public record WrittenProbes(String completion, List<Probe> probes) {
    }

    public WrittenProbes writeProbes(LearningInput input) {
        String completion = probeWriter.complete(input.passageTitle(), input.passage());
        return new WrittenProbes(completion, probeWriter.probes(input.passageTitle(), input.passage(), completion));
    }

    /** Applies self-edit {@code index} as a LoRA fine-tune (memory of {@code arena}) and scores it on the probes. */
    public Trial trial(int index, String selfEdit, LearningInput input, List<Probe> probes, long seed, Arena arena) {
        ParsedSelfEdit parsed = config.format().parse(input.passageTitle(), input.passage(), selfEdit);
        InnerLoop.Adaptation a = inner.adapt(parsed.sequences(), seed + index, arena);
        return new Trial(index, selfEdit, parsed.sequences().size(), a.trainLoss(), scorer.score(probes, a.adapter()),
                a.adapter());
    }

    /** The best trial (ties: the earliest). */
    public static Trial best(List<Trial> trials) {
        Trial best = trials.getFirst();
        for (Trial t : trials) {
            if (t.betterThan(best)) {
                best = t;
            }
        }
        return best;
    }
}
