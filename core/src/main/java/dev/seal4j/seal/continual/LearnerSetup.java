package dev.seal4j.seal.continual;

import dev.seal4j.engine.model.Transformer;
import dev.seal4j.engine.tokenizer.Tokenizer;
import dev.seal4j.seal.eval.Grader;

import java.time.Clock;
import java.util.List;

/**
 * Everything a {@link ContinualLearner} is made of.
 *
 * @param base      the base model (memory-mapped; outlives the learner)
 * @param baseFiles the base model's files and hashes (version 0's manifest)
 * @param heldOut   the operator's held-out questions (may be empty)
 * @param maxQueued most inputs waiting at once; more are refused
 */
public record LearnerSetup(StateDir state, Transformer base, VersionManifest.BaseModel baseFiles, Tokenizer tokenizer,
                           LearnerConfig learner, GateConfig gates, List<Probe> heldOut, Grader grader, int maxQueued,
                           Clock clock) {
    public LearnerSetup {
        heldOut = List.copyOf(heldOut);
    }
}
