package dev.seal4j.seal.continual;

import dev.seal4j.engine.generate.Scorer;
import dev.seal4j.engine.model.LoraAdapter;
import dev.seal4j.engine.model.Transformer;
import dev.seal4j.engine.tokenizer.Tokenizer;
import dev.seal4j.seal.eval.Grader;
import dev.seal4j.seal.inner.InnerLoop;
import dev.seal4j.seal.inner.InnerLoopConfig;

import java.util.List;

/**
 * Asks a model probes without the passage: greedy answers graded against the expected ones, and the
 * likelihood of the expected answers (which moves even when no answer flips, and exposes divergence).
 */
public final class ProbeScorer {
    private final InnerLoop inner;
    private final Tokenizer tokenizer;
    private final Grader grader;
    private final Scorer scorer;

    public ProbeScorer(Transformer model, Tokenizer tokenizer, InnerLoopConfig config, Grader grader) {
        this.inner = new InnerLoop(model, tokenizer, config);
        this.tokenizer = tokenizer;
        this.grader = grader;
        this.scorer = new Scorer(model);
    }

    /** How many probes the model answers right with {@code adapter} applied (null: the model as it is). */
    public int correct(List<Probe> probes, LoraAdapter adapter) {
        if (probes.isEmpty()) {
            return 0;
        }
        List<String> answers = inner.answer(probes.stream().map(p -> new InnerLoop.Asked(p.title(), p.question())).toList(),
                adapter);
        int correct = 0;
        for (int i = 0; i < probes.size(); i++) {
            if (grader.grade(probes.get(i).question(), answers.get(i), probes.get(i).answer()).correct()) {
                correct++;
            }
        }
        return correct;
    }

    /** The score of {@code probes} with {@code adapter} applied (null: the model as it is). */
    public ProbeScore score(List<Probe> probes, LoraAdapter adapter) {
        if (probes.isEmpty()) {
            return ProbeScore.NONE;
        }
        double nll = 0;
        int tokens = 0;
        for (Probe p : probes) {
            int[] prompt = tokenizer.encode(inner.config().prompt(p.title(), p.question()));
            int[] answer = tokenizer.encode(" " + p.answer().strip());
            int[] all = new int[prompt.length + answer.length];
            System.arraycopy(prompt, 0, all, 0, prompt.length);
            System.arraycopy(answer, 0, all, prompt.length, answer.length);
            int context = inner.model().config().contextLength();
            int[] window = all.length > context ? java.util.Arrays.copyOfRange(all, all.length - context, all.length) : all;
            double[] perToken = scorer.tokenNll(window, adapter);
            int n = Math.min(answer.length, perToken.length);
            for (int k = perToken.length - n; k < perToken.length; k++) {
                nll += perToken[k];
            }
            tokens += n;
        }
        return new ProbeScore(probes.size(), correct(probes, adapter), tokens == 0 ? 0 : nll / tokens);
    }
}
