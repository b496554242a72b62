package dev.seal4j.seal.continual;

import dev.seal4j.engine.BadInputException;
import dev.seal4j.seal.inner.InnerLoopConfig;
import dev.seal4j.seal.selfedit.SelfEditFormat;

/**
 * How an input becomes a candidate update.
 *
 * @param format             the self-edit prompt (paper: implications)
 * @param selfEdits          k, self-edits sampled per input; each is applied and scored
 * @param maxSelfEditTokens  longest self-edit
 * @param temperature        self-edit sampling temperature (paper: 1.0)
 * @param topP               self-edit nucleus (paper: 0.95)
 * @param maxProbes          most self-QA probes kept per input
 * @param maxProbeTokens     longest self-QA completion
 * @param inner              how a self-edit is applied (LoRA) and questions are asked
 * @param maxRetentionProbes most retention questions asked per candidate (the newest earlier probes first,
 *                           held-out questions always)
 * @param seed               sampling and adapter initialisation
 */
public record LearnerConfig(SelfEditFormat format, int selfEdits, int maxSelfEditTokens, float temperature, float topP,
                            int maxProbes, int maxProbeTokens, InnerLoopConfig inner, int maxRetentionProbes, long seed) {
    public LearnerConfig {
        if (selfEdits < 1) {
            throw new BadInputException("--self-edits must be >= 1, got " + selfEdits);
        }
        if (maxSelfEditTokens < 1 || maxProbeTokens < 1) {
            throw new BadInputException("self-edit and probe token limits must be >= 1");
        }
        if (maxProbes < 0 || maxRetentionProbes < 0) {
            throw new BadInputException("probe limits must be >= 0");
        }
    }

    public LearnerConfig withSelfEdits(int k) {
        return new LearnerConfig(format, k, maxSelfEditTokens, temperature, topP, maxProbes, maxProbeTokens, inner,
                maxRetentionProbes, seed);
    }
}
