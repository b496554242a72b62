package dev.seal4j.seal.continual;

import java.util.Map;

/**
 * One gate's verdict on a candidate.
 *
 * @param gate    "divergence", "probe-gain", "retention", "weight-delta" or "rate-limit"
 * @param detail  the figures and the threshold in words, e.g. "retention 0.60 → 0.58 (drop 0.02 ≤ 0.05)"
 * @param figures the numbers behind it
 */
public record GateDecision(String gate, boolean passed, String detail, Map<String, Object> figures) {
    public GateDecision {
        figures = Map.copyOf(figures);
    }
}
