package dev.seal4j.cli;

import dev.seal4j.seal.knowledge.KnowledgeConfig;
import picocli.CommandLine.Option;

import java.util.Arrays;
import java.util.List;

/** The options of a knowledge-incorporation experiment; defaults are the SEAL paper's. */
final class KnowledgeOptions {
    @Option(names = "--methods", split = ",", paramLabel = "M",
            description = "Methods to run: base, passage_only, base_self_edits, teacher, seal, in_context "
                    + "(default: all that the data allows).")
    List<String> methods;

    @Option(names = "--setting", defaultValue = "single", description = "single (one adapter per passage) or cpt (one adapter per --cpt-passages passages); default ${DEFAULT-VALUE}.")
    String setting;

    @Option(names = "--cpt-passages", defaultValue = "10", description = "Passages per adapter in the cpt setting (default ${DEFAULT-VALUE}).")
    int cptPassages;

    @Option(names = "--eval-passages", defaultValue = "0", description = "Use only the first N evaluation passages (0: all).")
    int evalPassages;

    @Option(names = "--format", defaultValue = "implications", description = "Self-edit format: implications, implications-long, rewrite, self-qa (default ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--self-edit-tokens", defaultValue = "512", description = "Longest self-edit (default ${DEFAULT-VALUE}).")
    int selfEditTokens;

    @Option(names = "--temperature", defaultValue = "1.0", description = "Self-edit sampling temperature (paper: ${DEFAULT-VALUE}).")
    float temperature;

    @Option(names = "--top-p", defaultValue = "0.95", description = "Self-edit nucleus (paper: ${DEFAULT-VALUE}).")
    float topP;

    @Option(names = "--rounds", defaultValue = "2", description = "ReST-EM rounds (paper: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--contexts", defaultValue = "50", description = "Training contexts per round (paper: ${DEFAULT-VALUE}).")
    int contexts;

    @Option(names = "--samples", defaultValue = "5", description = "Self-edits per context (paper: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--repeats", defaultValue = "3", description = "Evaluations per self-edit (paper: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--only-improvements", description = "Train the generator only on self-edits that beat the unadapted model.")
    boolean onlyImprovements;

    @Option(names = "--lora-rank", defaultValue = "32", description = "Inner loop LoRA rank (paper: ${DEFAULT-VALUE}).")
    int loraRank;

    @Option(names = "--lora-alpha", defaultValue = "64", description = "Inner loop LoRA alpha (paper: ${DEFAULT-VALUE}).")
    float loraAlpha;

    @Option(names = "--targets", split = ",", defaultValue = "q_proj,v_proj", description = "Inner loop LoRA targets (paper: ${DEFAULT-VALUE}).")
    List<String> targets;

    @Option(names = "--lr", defaultValue = "1e-3", description = "Inner loop learning rate (paper: ${DEFAULT-VALUE}).")
    float lr;

    @Option(names = "--epochs", defaultValue = "10", description = "Inner loop epochs (paper: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "1", description = "Inner loop batch size (paper: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--question-template", defaultValue = "Topic: {title}\nQuestion: {question}\nAnswer:",
            description = "No-context question prompt with {title} and {question}.")
    String questionTemplate;

    @Option(names = "--answer-tokens", defaultValue = "32", description = "Longest answer (default ${DEFAULT-VALUE}).")
    int answerTokens;

    @Option(names = "--append-eos", description = "End every inner-loop training sequence with EOS.")
    boolean appendEos;

    @Option(names = "--replay", defaultValue = "0", paramLabel = "N", description = "Passages of --replay-data mixed into "
            + "every inner-loop application (default ${DEFAULT-VALUE}): an update that must keep them right learns "
            + "the new facts for their subject only, which lowers leakage.")
    int replay;

    @Option(names = "--generator-rank", defaultValue = "64", description = "Generator SFT LoRA rank (paper: ${DEFAULT-VALUE}).")
    int generatorRank;

    @Option(names = "--generator-alpha", defaultValue = "128", description = "Generator SFT LoRA alpha (paper: ${DEFAULT-VALUE}).")
    float generatorAlpha;

    @Option(names = "--generator-lr", defaultValue = "3e-4", description = "Generator SFT learning rate (paper: ${DEFAULT-VALUE}).")
    float generatorLr;

    @Option(names = "--generator-epochs", defaultValue = "2", description = "Generator SFT epochs (paper: ${DEFAULT-VALUE}).")
    int generatorEpochs;

    @Option(names = "--generator-eos", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "End every self-edit the generator is trained on with the end-of-sequence token (paper: yes). "
                    + "--no-generator-eos trains what to write, not where to stop: self-edits run to --self-edit-tokens "
                    + "(small models otherwise learn to stop earlier each round).")
    boolean generatorEos;

    @Option(names = "--grader", defaultValue = "exact", description = "exact, f1, f1:T, contains, or judge:BASE_URL#MODEL[;key-env=VAR] (default ${DEFAULT-VALUE}).")
    String grader;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of everything random (default ${DEFAULT-VALUE}).")
    long seed;

    /** The configuration; methods default to those the data supports. */
    KnowledgeConfig config(boolean hasTeacher, boolean hasTrain) {
        List<String> m = methods != null ? methods : KnowledgeConfig.METHODS.stream()
                .filter(x -> (!x.equals("teacher") || hasTeacher) && (!x.equals("seal") || hasTrain)).toList();
        Inputs.check(!m.contains("seal") || hasTrain, "--methods seal needs --train-data (contexts for ReST-EM)");
        Inputs.check(!m.contains("teacher") || hasTeacher, "--methods teacher needs teacher implications in the data or --teacher-data");
        return new KnowledgeConfig(m, setting, cptPassages, evalPassages, format, selfEditTokens, temperature, topP,
                m.contains("seal") ? rounds : 0, contexts, samples, repeats, onlyImprovements,
                new KnowledgeConfig.Inner(loraRank, loraAlpha, targets, lr, epochs, batchSize, questionTemplate, answerTokens, appendEos, replay),
                new KnowledgeConfig.Generator(generatorRank, generatorAlpha, Arrays.asList("q_proj", "k_proj", "v_proj", "o_proj",
                        "gate_proj", "up_proj", "down_proj"), generatorLr, generatorEpochs, 1, generatorEos), grader, seed);
    }
}
