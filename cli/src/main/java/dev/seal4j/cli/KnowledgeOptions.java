package dev.seal4j.cli;

import dev.seal4j.engine.model.LoraTarget;
import dev.seal4j.seal.eval.GraderSpec;
import dev.seal4j.seal.inner.InnerLoopConfig;
import dev.seal4j.seal.knowledge.KnowledgeConfig;
import dev.seal4j.seal.knowledge.KnowledgeMethod;
import dev.seal4j.seal.selfedit.SelfEditFormat;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Set;

/**
 * The options of a knowledge-incorporation experiment. Every default is {@link KnowledgeConfig#PAPER}'s (the
 * SEAL paper's); the options overlay it, and the values are checked when the config is made, before any run
 * directory is.
 */
final class KnowledgeOptions {
    private static final KnowledgeConfig PAPER = KnowledgeConfig.PAPER;

    @Option(names = "--methods", split = ",", paramLabel = "M",
            description = "Methods to run: base, passage_only, base_self_edits, teacher, seal, no_selection, in_context "
                    + "(default: the paper's that the data allows; no_selection, ReST-EM without the reward's selection, "
                    + "only when named).")
    List<KnowledgeMethod> methods;

    @Option(names = "--setting", description = "single (one adapter per passage) or cpt (one adapter per --cpt-passages passages); default ${DEFAULT-VALUE}.")
    KnowledgeConfig.Setting setting = PAPER.setting();

    @Option(names = "--cpt-passages", description = "Passages per adapter in the cpt setting (default ${DEFAULT-VALUE}).")
    int cptPassages = PAPER.cptPassages();

    @Option(names = "--eval-passages", description = "Use only the first N evaluation passages (0: all).")
    int evalPassages = PAPER.evalPassages();

    @Option(names = "--format", description = "Self-edit format: implications, implications-long, implications-very-long, rewrite, self-qa (default ${DEFAULT-VALUE}).")
    SelfEditFormat format = PAPER.format();

    @Option(names = "--samples", description = "Self-edits per context (paper: ${DEFAULT-VALUE}).")
    int samples = PAPER.restEm().samples();

    @Option(names = "--lora-rank", description = "Inner loop LoRA rank (paper: ${DEFAULT-VALUE}).")
    int loraRank = PAPER.inner().loraRank();

    @Option(names = "--lora-alpha", description = "Inner loop LoRA alpha (paper: ${DEFAULT-VALUE}).")
    float loraAlpha = PAPER.inner().loraAlpha();

    @Option(names = "--targets", split = ",", description = "Inner loop LoRA targets (paper: ${DEFAULT-VALUE}).")
    Set<LoraTarget> targets = PAPER.inner().targets();

    @Option(names = "--lr", description = "Inner loop learning rate (paper: ${DEFAULT-VALUE}).")
    float lr = PAPER.inner().lr();

    @Option(names = "--epochs", description = "Inner loop epochs (paper: ${DEFAULT-VALUE}).")
    int epochs = PAPER.inner().epochs();

    @Option(names = "--batch-size", description = "Inner loop batch size (paper: ${DEFAULT-VALUE}).")
    int batchSize = PAPER.inner().batchSize();

    @Option(names = "--question-template", description = "No-context question prompt with {title} and {question}.")
    String questionTemplate = PAPER.inner().questionTemplate();

    @Option(names = "--answer-tokens", description = "Longest answer (default ${DEFAULT-VALUE}).")
    int answerTokens = PAPER.inner().maxAnswerTokens();

    @Option(names = "--append-eos", description = "End every inner-loop training sequence with EOS.")
    boolean appendEos = PAPER.inner().appendEos();

    @Option(names = "--replay", paramLabel = "N", description = "Passages of --replay-data mixed into "
            + "every inner-loop application (default ${DEFAULT-VALUE}): an update that must keep them right learns "
            + "the new facts for their subject only, which lowers leakage.")
    int replay = PAPER.inner().replay();

    @Option(names = "--grader", description = "exact, f1, f1:T, contains, or judge:BASE_URL#MODEL[;key-env=VAR] (default ${DEFAULT-VALUE}).")
    GraderSpec grader = PAPER.grader();

    @Option(names = "--seed", description = "Seed of everything random (default ${DEFAULT-VALUE}).")
    long seed = PAPER.seed();

    @Mixin
    RestEmOptions restEm;

    /** The configuration, checked; methods default to the paper's that the data supports. */
    KnowledgeConfig config(boolean hasTeacher, boolean hasTrain) {
        List<KnowledgeMethod> m = methods != null ? methods : KnowledgeConfig.PAPER_METHODS.stream()
                .filter(x -> (x != KnowledgeMethod.TEACHER || hasTeacher) && (!x.trainsGenerator() || hasTrain)).toList();
        Inputs.check(m.stream().noneMatch(KnowledgeMethod::trainsGenerator) || hasTrain,
                "--methods seal and no_selection need --train-data (contexts for ReST-EM)");
        Inputs.check(!m.contains(KnowledgeMethod.TEACHER) || hasTeacher,
                "--methods teacher needs teacher implications in the data or --teacher-data");
        return new KnowledgeConfig(m, setting, cptPassages, evalPassages, format, restEm.sampling(PAPER.selfEdits()),
                restEm.restEm(PAPER.restEm(), samples, m.stream().anyMatch(KnowledgeMethod::trainsGenerator)),
                new InnerLoopConfig(loraRank, loraAlpha, targets, lr, epochs, batchSize, questionTemplate, answerTokens, appendEos, replay),
                restEm.generator(PAPER.generator()), grader, seed);
    }
}
