package dev.seal4j.seal.continual;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The quality gates on a scored candidate: divergence (non-finite loss, weights or likelihoods, or a jump in
 * the expected answers' NLL), minimum probe gain, retention of earlier knowledge, and the size of the weight
 * change. Rate limits are the {@link RateLimiter}'s.
 */
public final class UpdateGates {
    private final GateConfig config;

    public UpdateGates(GateConfig config) {
        this.config = config;
    }

    /** What a candidate measured, before (current version) and after (with the candidate's adapter). */
    public record Measurements(double trainLoss, double deltaNorm, ProbeScore probesBefore, ProbeScore probesAfter,
                               ProbeScore retentionBefore, ProbeScore retentionAfter) {
    }

    public List<GateDecision> evaluate(Measurements m) {
        List<GateDecision> out = new ArrayList<>();
        out.add(divergence(m));
        out.add(probeGain(m));
        out.add(retention(m));
        out.add(weightDelta(m));
        return out;
    }

    private GateDecision divergence(Measurements m) {
        double probeRise = m.probesAfter().answerNll() - m.probesBefore().answerNll();
        double retentionRise = m.retentionAfter().answerNll() - m.retentionBefore().answerNll();
        Map<String, Object> f = Map.of("train_loss", number(m.trainLoss()), "probe_nll_rise", number(probeRise),
                "retention_nll_rise", number(retentionRise), "max_nll_rise", number(config.maxNllRise()));
        if (!Double.isFinite(m.trainLoss()) || !Double.isFinite(m.deltaNorm()) || !m.probesAfter().finite()
                || !m.retentionAfter().finite()) {
            return new GateDecision("divergence", false, "training diverged: the loss, the weights or the likelihoods "
                    + "are not finite (train loss " + m.trainLoss() + ", delta norm " + m.deltaNorm() + ")", f);
        }
        double rise = Math.max(probeRise, retentionRise);
        boolean ok = rise <= config.maxNllRise();
        return new GateDecision("divergence", ok, String.format(Locale.ROOT, "answer NLL rise %.3f nats/token %s %s",
                rise, ok ? "≤" : ">", fmt(config.maxNllRise())), f);
    }

    private GateDecision probeGain(Measurements m) {
        ProbeScore before = m.probesBefore(), after = m.probesAfter();
        double gain = after.accuracy() - before.accuracy();
        Map<String, Object> f = Map.of("probes", after.count(), "accuracy_before", before.accuracy(),
                "accuracy_after", after.accuracy(), "gain", gain, "min_gain", number(config.minProbeGain()),
                "nll_before", number(before.answerNll()), "nll_after", number(after.answerNll()));
        if (after.count() == 0) {
            return new GateDecision("probe-gain", !config.requireProbes(), "no probes: the input has no labelled "
                    + "questions and the model wrote no question-answer pairs"
                    + (config.requireProbes() ? "; send questions with the input or allow updates without probes" : ""), f);
        }
        boolean ok = gain >= config.minProbeGain();
        return new GateDecision("probe-gain", ok, String.format(Locale.ROOT, "probe accuracy %.3f → %.3f (gain %+.3f %s %s)",
                before.accuracy(), after.accuracy(), gain, ok ? "≥" : "<", fmt(config.minProbeGain())), f);
    }

    private GateDecision retention(Measurements m) {
        ProbeScore before = m.retentionBefore(), after = m.retentionAfter();
        double drop = before.accuracy() - after.accuracy();
        Map<String, Object> f = Map.of("questions", after.count(), "accuracy_before", before.accuracy(),
                "accuracy_after", after.accuracy(), "drop", drop, "tolerance", number(config.retentionTolerance()),
                "nll_before", number(before.answerNll()), "nll_after", number(after.answerNll()));
        if (after.count() == 0) {
            return new GateDecision("retention", true, "no retention questions yet (no earlier updates, no held-out set)", f);
        }
        boolean ok = drop <= config.retentionTolerance();
        return new GateDecision("retention", ok, String.format(Locale.ROOT, "retention accuracy %.3f → %.3f on %d questions "
                + "(drop %.3f %s tolerance %s)", before.accuracy(), after.accuracy(), after.count(), drop, ok ? "≤" : ">",
                fmt(config.retentionTolerance())), f);
    }

    private GateDecision weightDelta(Measurements m) {
        boolean ok = m.deltaNorm() <= config.maxDeltaNorm();
        return new GateDecision("weight-delta", ok, String.format(Locale.ROOT, "weight change norm %.4g %s %s",
                m.deltaNorm(), ok ? "≤" : ">", fmt(config.maxDeltaNorm())),
                Map.of("delta_norm", number(m.deltaNorm()), "max_delta_norm", number(config.maxDeltaNorm())));
    }

    /** JSON has no NaN or infinity: those are written as strings. */
    private static Object number(double x) {
        return Double.isFinite(x) ? (Object) x : Double.toString(x);
    }

    private static String fmt(double x) {
        return Double.isFinite(x) ? String.format(Locale.ROOT, "%.4g", x) : (x > 0 ? "∞" : "−∞");
    }
}
