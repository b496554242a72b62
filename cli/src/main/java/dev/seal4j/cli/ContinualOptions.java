package dev.seal4j.cli;

import dev.seal4j.engine.model.LoraConfig;
import dev.seal4j.engine.model.LoraTarget;
import dev.seal4j.seal.continual.GateConfig;
import dev.seal4j.seal.continual.HeldOutSet;
import dev.seal4j.seal.continual.LearnerConfig;
import dev.seal4j.seal.continual.Probe;
import dev.seal4j.seal.eval.Grader;
import dev.seal4j.seal.eval.Graders;
import dev.seal4j.seal.inner.InnerLoopConfig;
import dev.seal4j.seal.selfedit.SelfEditFormat;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;

/** The flags of continual learning shared by {@code seal serve} and {@code seal learn}: the learner and its gates. */
final class ContinualOptions {
    @Option(names = "--self-edits", paramLabel = "K",
            description = "Self-edits sampled and tried per input; the best is kept (default: ${DEFAULT-VALUE}).")
    int selfEdits = 3;

    @Option(names = "--self-edit-format", paramLabel = "NAME",
            description = "implications, implications-long, implications-very-long, rewrite or self-qa (default: ${DEFAULT-VALUE}).")
    String format = "implications";

    @Option(names = "--self-edit-tokens", paramLabel = "N",
            description = "Longest self-edit (default: ${DEFAULT-VALUE}).")
    int selfEditTokens = 256;

    @Option(names = "--probes", paramLabel = "N",
            description = "Most self-QA probes per input (default: ${DEFAULT-VALUE}).")
    int probes = 8;

    @Option(names = "--answer-tokens", paramLabel = "N",
            description = "Longest answer to a probe or question (default: ${DEFAULT-VALUE}).")
    int answerTokens = 32;

    @Option(names = "--epochs", paramLabel = "N", description = "LoRA epochs per self-edit (default: ${DEFAULT-VALUE}).")
    int epochs = 10;

    @Option(names = "--lr", paramLabel = "LR", description = "LoRA learning rate (default: ${DEFAULT-VALUE}).")
    float lr = 1e-3f;

    @Option(names = "--lora-rank", paramLabel = "R", description = "LoRA rank (default: ${DEFAULT-VALUE}).")
    int rank = 32;

    @Option(names = "--lora-alpha", paramLabel = "A", description = "LoRA alpha (default: ${DEFAULT-VALUE}).")
    float alpha = 64f;

    @Option(names = "--seed", paramLabel = "S", description = "Sampling and initialisation seed (default: ${DEFAULT-VALUE}).")
    long seed = 0;

    @Option(names = "--grader", paramLabel = "NAME",
            description = "How probe and question answers are graded: exact, f1, f1:T, contains or judge:BASE_URL#MODEL "
                    + "(default: ${DEFAULT-VALUE}).")
    String grader = "exact";

    @Option(names = "--held-out", paramLabel = "FILE",
            description = "Held-out questions for the retention gate: JSON [{question, answer, title?}] or SQuAD-style passages.")
    Path heldOut;

    @Option(names = "--retention-tolerance", paramLabel = "X",
            description = "Largest allowed drop of retention accuracy (default: ${DEFAULT-VALUE}).")
    double retentionTolerance = 0.05;

    @Option(names = "--min-probe-gain", paramLabel = "X",
            description = "Smallest probe accuracy gain to accept an update (default: ${DEFAULT-VALUE}).")
    double minProbeGain = 0;

    @Option(names = "--allow-no-probes", description = "Accept updates that have no probes to measure their gain on.")
    boolean allowNoProbes;

    @Option(names = "--max-delta-norm", paramLabel = "X",
            description = "Largest Frobenius norm of one update's weight change (default: no limit).")
    double maxDeltaNorm = Double.POSITIVE_INFINITY;

    @Option(names = "--max-nll-rise", paramLabel = "X",
            description = "Divergence: largest rise of the expected answers' NLL in nats/token (default: ${DEFAULT-VALUE}).")
    double maxNllRise = 1.0;

    @Option(names = "--min-interval", paramLabel = "SECONDS",
            description = "Shortest time between two updates (default: ${DEFAULT-VALUE}).")
    long minInterval = 10;

    @Option(names = "--max-per-hour", paramLabel = "N", description = "Most updates per hour; 0: no limit (default: ${DEFAULT-VALUE}).")
    int maxPerHour = 30;

    @Option(names = "--max-per-day", paramLabel = "N", description = "Most updates per day; 0: no limit (default: ${DEFAULT-VALUE}).")
    int maxPerDay = 200;

    @Option(names = "--approval", description = "Updates that pass the gates wait for approval (seal updates approve, or the dashboard).")
    boolean approval;

    @Option(names = "--max-queued", paramLabel = "N",
            description = "Most learning inputs waiting; more are refused with 429 (default: ${DEFAULT-VALUE}).")
    int maxQueued = 100;

    LearnerConfig learner() {
        Inputs.check(epochs >= 1, "--epochs must be >= 1, got " + epochs);
        Inputs.check(lr > 0 && Float.isFinite(lr), "--lr must be > 0, got " + lr);
        Inputs.check(maxQueued >= 1, "--max-queued must be >= 1, got " + maxQueued);
        InnerLoopConfig inner = new InnerLoopConfig(new LoraConfig(rank, alpha, 0f, EnumSet.of(LoraTarget.Q_PROJ,
                LoraTarget.V_PROJ)), lr, epochs, 1, InnerLoopConfig.PAPER_QUESTION_TEMPLATE, answerTokens, false, 0);
        return new LearnerConfig(SelfEditFormat.named(format), selfEdits, selfEditTokens, 1f, 0.95f, probes, 192, inner, 200, seed);
    }

    GateConfig gates() {
        return new GateConfig(retentionTolerance, minProbeGain, !allowNoProbes, maxDeltaNorm, maxNllRise,
                Duration.ofSeconds(minInterval), maxPerHour, maxPerDay, approval);
    }

    Grader grader() {
        return Graders.named(grader);
    }

    List<Probe> heldOut() {
        return heldOut == null ? List.of() : HeldOutSet.read(Inputs.existing(heldOut));
    }
}
