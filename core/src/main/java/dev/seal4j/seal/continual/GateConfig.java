package dev.seal4j.seal.continual;

import dev.seal4j.engine.BadInputException;

import java.time.Duration;

/**
 * The safeguards every candidate update passes before the served model changes.
 *
 * @param retentionTolerance largest allowed drop in retention accuracy (earlier probes + held-out set), e.g. 0.05
 * @param minProbeGain       smallest probe accuracy gain over the current version (0: must not get worse)
 * @param requireProbes      reject an update that has no probes to measure its gain on
 * @param maxDeltaNorm       largest Frobenius norm of the weight change (infinite: no limit)
 * @param maxNllRise         divergence: largest rise of the expected answers' NLL (nats per token) on the
 *                           probes or the retention suite
 * @param minInterval        shortest time between two accepted updates
 * @param maxPerHour         most accepted updates in any hour (0: no limit)
 * @param maxPerDay          most accepted updates in any 24 hours (0: no limit)
 * @param approvalRequired   updates that pass wait for a person's approval
 */
public record GateConfig(double retentionTolerance, double minProbeGain, boolean requireProbes, double maxDeltaNorm,
                         double maxNllRise, Duration minInterval, int maxPerHour, int maxPerDay, boolean approvalRequired) {
    public GateConfig {
        if (!(retentionTolerance >= 0)) {
            throw new BadInputException("--retention-tolerance must be >= 0, got " + retentionTolerance);
        }
        if (!(maxDeltaNorm > 0)) {
            throw new BadInputException("--max-delta-norm must be > 0, got " + maxDeltaNorm);
        }
        if (!(maxNllRise > 0)) {
            throw new BadInputException("--max-nll-rise must be > 0, got " + maxNllRise);
        }
        if (minInterval.isNegative() || maxPerHour < 0 || maxPerDay < 0) {
            throw new BadInputException("rate limits must be >= 0");
        }
    }

    /** The same quality gates without rate limits or approval (for offline experiments). */
    public GateConfig qualityOnly() {
        return new GateConfig(retentionTolerance, minProbeGain, requireProbes, maxDeltaNorm, maxNllRise, Duration.ZERO, 0, 0, false);
    }

    /** No limits at all (the forgetting benchmark's "without gates"). */
    public static GateConfig none() {
        return new GateConfig(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, false, Double.POSITIVE_INFINITY,
                Double.POSITIVE_INFINITY, Duration.ZERO, 0, 0, false);
    }
}
