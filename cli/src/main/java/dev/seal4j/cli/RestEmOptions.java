package dev.seal4j.cli;

import dev.seal4j.seal.outer.GeneratorTraining;
import dev.seal4j.seal.outer.RestEmConfig;
import dev.seal4j.seal.outer.SelectionRule;
import dev.seal4j.seal.outer.SelfEditSampling;
import picocli.CommandLine.Option;

/**
 * The outer loop's options, shared by seal knowledge and seal arc: how self-edits are sampled, the rounds'
 * shape and selection, and the generator's fine-tuning. Each overlays the experiment's paper defaults (they
 * differ between the paper's two domains), so an option left out keeps the paper's value.
 */
final class RestEmOptions {
    @Option(names = "--self-edit-tokens", paramLabel = "N", description = "Longest self-edit (paper: 512 for knowledge, 128 for arc).")
    Integer selfEditTokens;

    @Option(names = "--temperature", paramLabel = "T", description = "Self-edit sampling temperature (paper: 1.0 for knowledge, 0.8 for arc).")
    Float temperature;

    @Option(names = "--top-p", paramLabel = "P", description = "Self-edit nucleus (paper: 0.95 for knowledge, 1 for arc).")
    Float topP;

    @Option(names = "--rounds", paramLabel = "R", description = "ReST-EM rounds (paper: 2 for knowledge, 1 for arc).")
    Integer rounds;

    @Option(names = "--contexts", paramLabel = "C", description = "Training contexts (passages, tasks) per round (paper: 50 for knowledge; arc: 12).")
    Integer contexts;

    @Option(names = "--repeats", paramLabel = "N", description = "Applications of every training self-edit, whose rewards are averaged (paper: 3 for knowledge, 1 for arc).")
    Integer repeats;

    @Option(names = "--selection", paramLabel = "RULE", description = "Which self-edits the generator learns from: best (the best of k "
            + "per context; knowledge's paper rule), positive (every one with a reward above zero; arc's paper rule), "
            + "improvements (the best, where it beats the unadapted model), advantage (every self-edit above its context's "
            + "mean), per-line (the best reward per line), none (the first self-edit, unselected: what no_selection does).")
    SelectionRule selection;

    @Option(names = "--only-improvements", description = "Same as --selection improvements.")
    boolean onlyImprovements;

    @Option(names = "--generator-rank", paramLabel = "R", description = "Generator SFT LoRA rank (paper: 64 for knowledge, 16 for arc).")
    Integer generatorRank;

    @Option(names = "--generator-alpha", paramLabel = "A", description = "Generator SFT LoRA alpha (paper: 128 for knowledge, 16 for arc).")
    Float generatorAlpha;

    @Option(names = "--generator-lr", paramLabel = "LR", description = "Generator SFT learning rate (paper: 3e-4 for knowledge, 5e-5 for arc).")
    Float generatorLr;

    @Option(names = "--generator-epochs", paramLabel = "N", description = "Generator SFT epochs (paper: 2 for knowledge, 8 for arc).")
    Integer generatorEpochs;

    @Option(names = "--generator-eos", negatable = true, description = "End every self-edit the generator is trained on with the "
            + "end-of-sequence token (paper: yes). --no-generator-eos trains what to write, not where to stop: self-edits run to "
            + "--self-edit-tokens (small models otherwise learn to stop earlier each round).")
    Boolean generatorEos;

    SelfEditSampling sampling(SelfEditSampling paper) {
        return new SelfEditSampling(or(selfEditTokens, paper.maxTokens()), or(temperature, paper.temperature()), or(topP, paper.topP()));
    }

    /** The rounds' shape with {@code samples} self-edits per context; no rounds when no method trains a generator. */
    RestEmConfig restEm(RestEmConfig paper, int samples, boolean trains) {
        SelectionRule rule = onlyImprovements ? SelectionRule.IMPROVEMENTS : or(selection, paper.selection());
        return new RestEmConfig(trains ? or(rounds, paper.rounds()) : 0, or(contexts, paper.contexts()), samples,
                or(repeats, paper.repeats()), rule);
    }

    GeneratorTraining generator(GeneratorTraining paper) {
        return new GeneratorTraining(or(generatorRank, paper.loraRank()), or(generatorAlpha, paper.loraAlpha()), paper.targets(),
                or(generatorLr, paper.lr()), or(generatorEpochs, paper.epochs()), paper.batchSize(), or(generatorEos, paper.endWithEos()));
    }

    private static <T> T or(T given, T paper) {
        return given != null ? given : paper;
    }
}
