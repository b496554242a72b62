package dev.seal4j.seal.continual;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UpdateGatesTest {
    private static final GateConfig CONFIG = new GateConfig(0.10, 0.25, true, 5.0, 0.5, Duration.ZERO, 0, 0, false);

    private static List<Boolean> verdicts(double loss, double norm, ProbeScore pb, ProbeScore pa, ProbeScore rb, ProbeScore ra) {
        return new UpdateGates(CONFIG).evaluate(new UpdateGates.Measurements(loss, norm, pb, pa, rb, ra))
                .stream().map(GateDecision::passed).toList();
    }

    @Test
    void eachGateChecksItsOwnThreshold() {
        ProbeScore p0 = new ProbeScore(4, 1, 2.0), p2 = new ProbeScore(4, 2, 1.8), p3 = new ProbeScore(4, 3, 1.5);
        ProbeScore r10 = new ProbeScore(10, 6, 1.0), r9 = new ProbeScore(10, 5, 1.1), r8 = new ProbeScore(10, 4, 1.2);
        // order: divergence, probe-gain, retention, weight-delta
        assertEquals(List.of(true, true, true, true), verdicts(0.5, 4.9, p0, p2, r10, r9), "gain 0.25, drop 0.10, norm 4.9");
        assertEquals(List.of(true, false, true, true), verdicts(0.5, 1, p2, p2, r10, r10), "gain 0 < 0.25");
        assertEquals(List.of(true, true, false, true), verdicts(0.5, 1, p2, p3, r10, r8), "drop 0.2 > 0.1");
    }

    @Test
    void boundariesAndFailures() {
        ProbeScore p1 = new ProbeScore(4, 1, 2.0), p2 = new ProbeScore(4, 2, 2.0);
        ProbeScore r10 = new ProbeScore(10, 6, 1.0), r8 = new ProbeScore(10, 4, 1.0);
        assertEquals(List.of(true, true, false, true), verdicts(0.5, 1, p1, p2, r10, r8), "drop 0.2 > 0.1");
        assertEquals(List.of(true, true, true, false), verdicts(0.5, 5.01, p1, p2, r10, r10), "norm over 5");
        assertEquals(List.of(false, true, true, true), verdicts(Double.NaN, 1, p1, p2, r10, r10), "NaN loss");
        assertEquals(List.of(false, true, true, true), verdicts(0.5, 1, p1, p2, r10, new ProbeScore(10, 6, 1.6)),
                "retention NLL rose by 0.6 > 0.5");
        GateDecision none = new UpdateGates(CONFIG).evaluate(new UpdateGates.Measurements(0.5, 1, ProbeScore.NONE,
                ProbeScore.NONE, r10, r10)).get(1);
        assertEquals(false, none.passed());
        assertTrue(none.detail().startsWith("no probes"), none.detail());
    }
}
