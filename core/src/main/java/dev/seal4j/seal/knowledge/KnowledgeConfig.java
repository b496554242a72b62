package dev.seal4j.seal.knowledge;

import dev.seal4j.engine.BadInputException;
import dev.seal4j.engine.model.LoraConfig;
import dev.seal4j.engine.model.LoraTarget;
import dev.seal4j.seal.inner.InnerLoopConfig;
import dev.seal4j.seal.outer.GeneratorTraining;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Everything a knowledge-incorporation experiment does, as it is recorded in the run's config.yaml.
 *
 * @param methods           base, passage_only, base_self_edits, teacher, seal (rounds 1..R), in_context
 * @param setting           "single" (one adapter per passage) or "cpt" (one adapter over groups of passages)
 * @param cptPassages       passages per adapter in the cpt setting
 * @param evalPassages      evaluation passages used (0: all)
 * @param format            self-edit format name (implications, implications-long, rewrite, self-qa)
 * @param selfEditMaxTokens longest self-edit sampled
 * @param temperature       self-edit sampling temperature (paper 1.0)
 * @param topP              self-edit nucleus (paper 0.95)
 * @param rounds            ReST-EM rounds R
 * @param contextsPerRound  training contexts C per round
 * @param samplesPerContext self-edits k per context
 * @param evalRepeats       evaluations r of every sampled self-edit
 * @param onlyImprovements  keep only self-edits that beat the unadapted model
 * @param inner             the inner loop (applying a self-edit)
 * @param generator         the generator's SFT in each round
 * @param grader            grader name (exact, f1, contains, judge:...)
 * @param seed              everything random in the run derives from it
 */
public record KnowledgeConfig(List<String> methods, String setting, int cptPassages, int evalPassages, String format,
                              int selfEditMaxTokens, float temperature, float topP, int rounds, int contextsPerRound,
                              int samplesPerContext, int evalRepeats, boolean onlyImprovements, Inner inner,
                              Generator generator, String grader, long seed) {

    public static final List<String> METHODS = List.of("base", "passage_only", "base_self_edits", "teacher", "seal", "in_context");

    public KnowledgeConfig {
        methods = List.copyOf(methods);
        for (String m : methods) {
            if (!METHODS.contains(m)) {
                throw new BadInputException("unknown method '" + m + "' (known: " + String.join(", ", METHODS) + ")");
            }
        }
        if (!setting.equals("single") && !setting.equals("cpt")) {
            throw new BadInputException("--setting must be single or cpt, got '" + setting + "'");
        }
        if (cptPassages < 1 || evalPassages < 0 || rounds < 0 || contextsPerRound < 1 || samplesPerContext < 1
                || evalRepeats < 1 || selfEditMaxTokens < 1) {
            throw new BadInputException("--cpt-passages, --contexts, --samples, --repeats and --self-edit-tokens must be >= 1");
        }
        if (methods.contains("seal") && rounds < 1) {
            throw new BadInputException("the seal method needs --rounds >= 1");
        }
    }

    /** The method names of the results table, seal expanded into its rounds. */
    public List<String> methodNames() {
        List<String> out = new ArrayList<>();
        for (String m : methods) {
            if (m.equals("seal")) {
                for (int r = 1; r <= rounds; r++) {
                    out.add("seal_round_" + r);
                }
            } else {
                out.add(m);
            }
        }
        return out;
    }

    /** The inner loop's settings, as plain values for config.yaml (replay: texts mixed into each application). */
    public record Inner(int loraRank, float loraAlpha, List<String> targets, float lr, int epochs, int batchSize,
                        String questionTemplate, int maxAnswerTokens, boolean appendEos, int replay) {
        public InnerLoopConfig toConfig() {
            return new InnerLoopConfig(new LoraConfig(loraRank, loraAlpha, 0f, KnowledgeConfig.targets(targets)), lr, epochs, batchSize,
                    questionTemplate, maxAnswerTokens, appendEos, replay);
        }

        /** The SEAL paper's inner loop. */
        public static Inner paper() {
            return new Inner(32, 64f, List.of("q_proj", "v_proj"), 1e-3f, 10, 1, InnerLoopConfig.PAPER_QUESTION_TEMPLATE, 32, false, 0);
        }
    }

    /**
     * The generator's SFT settings (endWithEos: see {@link GeneratorTraining}; absent from the config.yaml of
     * runs made before it was an option, which trained with the end-of-sequence token, so absent means true).
     */
    public record Generator(int loraRank, float loraAlpha, List<String> targets, float lr, int epochs, int batchSize,
                            Boolean endWithEos) {
        public Generator {
            endWithEos = endWithEos == null || endWithEos;
        }

        public GeneratorTraining toTraining() {
            return new GeneratorTraining(new LoraConfig(loraRank, loraAlpha, 0f, KnowledgeConfig.targets(targets)), lr, epochs, batchSize,
                    endWithEos);
        }

        /** The SEAL paper's generator SFT: LoRA r 64, alpha 128 on all projections, lr 3e-4, 2 epochs. */
        public static Generator paper() {
            return new Generator(64, 128f, List.of("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"),
                    3e-4f, 2, 1, true);
        }
    }

    static Set<LoraTarget> targets(List<String> names) {
        Set<LoraTarget> out = EnumSet.noneOf(LoraTarget.class);
        names.forEach(n -> out.add(LoraTarget.parse(n)));
        return out;
    }
}
