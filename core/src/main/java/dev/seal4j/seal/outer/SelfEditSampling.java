package dev.seal4j.seal.outer;

import dev.seal4j.engine.BadInputException;
import dev.seal4j.engine.generate.SamplingSettings;

import java.util.List;

/**
 * How the generator samples self-edits (paper: temperature 1.0, top-p 0.95).
 *
 * @param maxTokens   the longest self-edit, in tokens
 * @param temperature sampling temperature
 * @param topP        nucleus
 */
public record SelfEditSampling(int maxTokens, float temperature, float topP) {
    public static final SelfEditSampling PAPER = new SelfEditSampling(512, 1f, 0.95f);

    public SelfEditSampling {
        if (maxTokens < 1) {
            throw new BadInputException("--self-edit-tokens must be >= 1, got " + maxTokens);
        }
        new SamplingSettings(temperature, 0, topP, 1f, 0, maxTokens, List.of(), false); // checks temperature and top-p
    }

    public SelfEditSampling withMaxTokens(int n) {
        return new SelfEditSampling(n, temperature, topP);
    }

    /** The engine's settings, seeded. */
    public SamplingSettings settings(long seed) {
        return new SamplingSettings(temperature, 0, topP, 1f, seed, maxTokens, List.of(), false);
    }
}
