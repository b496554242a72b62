package dev.seal4j.seal.exec;

import dev.seal4j.seal.inner.Candidate;
import dev.seal4j.seal.inner.CandidateEvaluator;
import dev.seal4j.seal.inner.CandidateResult;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs candidates one after another on this machine; each uses every core through the engine's kernels.
 * The base weights are shared read-only by all of them: nothing is copied per candidate.
 */
public final class LocalExecutor implements CandidateExecutor {
    private final CandidateEvaluator evaluator;

    public LocalExecutor(CandidateEvaluator evaluator) {
        this.evaluator = evaluator;
    }

    @Override
    public List<CandidateResult> run(List<Candidate> candidates, Consumer<CandidateResult> onResult) {
        List<CandidateResult> out = new ArrayList<>();
        for (Candidate c : candidates) {
            CandidateResult r = evaluator.evaluate(c);
            out.add(r);
            onResult.accept(r);
        }
        return out;
    }
}
