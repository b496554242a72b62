package dev.seal4j.cli;

import dev.seal4j.engine.BadInputException;
import dev.seal4j.engine.model.LoraTarget;
import dev.seal4j.seal.arc.ArcConfig;
import dev.seal4j.seal.arc.ArcMethod;
import dev.seal4j.seal.arc.ArcSelfEdit;
import dev.seal4j.seal.arc.TttConfig;
import dev.seal4j.seal.arc.TttSettings;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Set;

/**
 * The options of a few-shot (ARC) experiment. Every default is {@link ArcConfig#PAPER}'s (the SEAL paper's);
 * the options overlay it, and the values are checked when the config is made, before any run directory is.
 */
final class ArcOptions {
    private static final ArcConfig PAPER = ArcConfig.PAPER;

    @Option(names = "--methods", split = ",", paramLabel = "M", description = "Methods to run: icl, ttt_base_self_edits, seal, "
            + "no_selection, oracle_ttt (default: icl, ttt_base_self_edits, seal, oracle_ttt; seal only with --train-tasks).")
    List<ArcMethod> methods;

    @Option(names = "--eval-tasks", description = "Use only the first N evaluation tasks (0: all).")
    int evalTasks = PAPER.evalTasks();

    @Option(names = "--samples", description = "Self-edits per evaluation task (paper: ${DEFAULT-VALUE}).")
    int samples = PAPER.samples();

    @Option(names = "--train-samples", description = "Self-edits per training task in a round (paper: ${DEFAULT-VALUE}).")
    int trainSamples = PAPER.restEm().samples();

    @Option(names = "--lora-rank", description = "Test-time training LoRA rank (paper: ${DEFAULT-VALUE}).")
    int loraRank = PAPER.ttt().loraRank();

    @Option(names = "--lora-alpha", description = "Test-time training LoRA alpha (paper: ${DEFAULT-VALUE}).")
    float loraAlpha = PAPER.ttt().loraAlpha();

    @Option(names = "--targets", split = ",", description = "Test-time training LoRA targets (paper: ${DEFAULT-VALUE}).")
    Set<LoraTarget> targets = PAPER.ttt().targets();

    @Option(names = "--batch-size", description = "Test-time training batch size (paper: ${DEFAULT-VALUE}).")
    int batchSize = PAPER.ttt().batchSize();

    @Option(names = "--max-examples", description = "Most training tasks generated per task (paper: ${DEFAULT-VALUE}).")
    int maxExamples = PAPER.ttt().maxExamples();

    @Option(names = "--step-budget", description = "A configuration that needs more optimizer steps trains nothing (paper: ${DEFAULT-VALUE}).")
    int stepBudget = PAPER.ttt().stepBudget();

    @Option(names = "--oracle", paramLabel = "JSON", description = "The oracle_ttt configuration, a self-edit's JSON "
            + "(default: basic augmentations, all tokens, learning rate 1e-4, 3 epochs).")
    String oracle;

    @Option(names = "--seed", description = "Seed of everything random (default ${DEFAULT-VALUE}).")
    long seed = PAPER.seed();

    @Mixin
    RestEmOptions restEm;

    /** The configuration, checked; methods default to the paper's that the data allows. */
    ArcConfig config(boolean hasTrain) {
        List<ArcMethod> m = methods != null ? methods : ArcConfig.PAPER_METHODS.stream()
                .filter(x -> !x.trainsGenerator() || hasTrain).toList();
        Inputs.check(m.stream().noneMatch(ArcMethod::trainsGenerator) || hasTrain,
                "--methods seal and no_selection need --train-tasks and --train-solutions (tasks for ReST-EM)");
        return new ArcConfig(m, evalTasks, samples, restEm.sampling(PAPER.selfEdits()),
                restEm.restEm(PAPER.restEm(), trainSamples, m.stream().anyMatch(ArcMethod::trainsGenerator)),
                new TttSettings(loraRank, loraAlpha, targets, batchSize, PAPER.ttt().warmupFraction(), maxExamples, stepBudget,
                        PAPER.ttt().leaveOutTwo()),
                restEm.generator(PAPER.generator()), oracle == null ? PAPER.oracle() : oracle(oracle), seed);
    }

    private static TttConfig oracle(String json) {
        ArcSelfEdit.Reading r = ArcSelfEdit.read(json);
        if (!r.accepted()) {
            throw new BadInputException("--oracle: " + r.rejected());
        }
        return r.config();
    }
}
