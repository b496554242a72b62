package dev.seal4j.engine.generate;

import dev.seal4j.engine.BadInputException;

import java.util.List;

/**
 * How to pick tokens and when to stop.
 *
 * @param temperature       0 for greedy decoding; otherwise logits are divided by it
 * @param topK              keep only the k most likely tokens (0: all)
 * @param topP              keep the smallest set of most likely tokens whose probability reaches p (1: all)
 * @param repetitionPenalty divide positive (multiply negative) logits of tokens already in the sequence (1: off)
 * @param seed              same seed and settings give the same text
 * @param maxTokens         most tokens to generate per sequence
 * @param stopStrings       generation ends before the first occurrence of any of these
 * @param ignoreEos         keep generating through end-of-sequence tokens (benchmarks)
 */
public record SamplingSettings(float temperature, int topK, float topP, float repetitionPenalty, long seed,
                               int maxTokens, List<String> stopStrings, boolean ignoreEos) {
    public SamplingSettings {
        if (!(temperature >= 0) || Float.isInfinite(temperature)) {
            throw new BadInputException("temperature must be >= 0, got " + temperature);
        }
        if (topK < 0) {
            throw new BadInputException("top-k must be >= 0, got " + topK);
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new BadInputException("top-p must be in (0, 1], got " + topP);
        }
        if (!(repetitionPenalty > 0)) {
            throw new BadInputException("repetition penalty must be > 0, got " + repetitionPenalty);
        }
        if (maxTokens < 0) {
            throw new BadInputException("max tokens must be >= 0, got " + maxTokens);
        }
        stopStrings = stopStrings.stream().filter(s -> !s.isEmpty()).toList();
    }

    /** Greedy decoding of up to maxTokens tokens. */
    public static SamplingSettings greedy(int maxTokens) {
        return new SamplingSettings(0f, 0, 1f, 1f, 0, maxTokens, List.of(), false);
    }

    public SamplingSettings withStopStrings(List<String> stops) {
        return new SamplingSettings(temperature, topK, topP, repetitionPenalty, seed, maxTokens, stops, ignoreEos);
    }

    public SamplingSettings withMaxTokens(int n) {
        return new SamplingSettings(temperature, topK, topP, repetitionPenalty, seed, n, stopStrings, ignoreEos);
    }

    public SamplingSettings withSeed(long s) {
        return new SamplingSettings(temperature, topK, topP, repetitionPenalty, s, maxTokens, stopStrings, ignoreEos);
    }
}
