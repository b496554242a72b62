package dev.seal4j.seal.knowledge;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.seal4j.engine.BadInputException;
import dev.seal4j.engine.Checks;
import dev.seal4j.engine.Labels;
import dev.seal4j.seal.eval.GraderSpec;
import dev.seal4j.seal.inner.InnerLoopConfig;
import dev.seal4j.seal.outer.Arm;
import dev.seal4j.seal.outer.GeneratorTraining;
import dev.seal4j.seal.outer.RestEmConfig;
import dev.seal4j.seal.outer.SelfEditSampling;
import dev.seal4j.seal.selfedit.SelfEditFormat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Everything a knowledge-incorporation experiment does, as config.yaml records it. {@link #PAPER} holds every
 * default (the SEAL paper's); the command line and the demo overlay it.
 *
 * @param methods      what the results table compares
 * @param setting      one adapter per passage, or one per group of {@code cptPassages} passages
 * @param evalPassages evaluation passages used (0: all)
 * @param format       the self-edit prompt and how a self-edit becomes training sequences
 * @param selfEdits    how self-edits are sampled
 * @param restEm       the outer loop of the seal and no_selection methods
 * @param inner        the inner loop (applying a self-edit)
 * @param generator    the generator's fine-tuning in each round
 * @param grader       how answers are graded
 * @param seed         everything random in the run derives from it
 */
public record KnowledgeConfig(List<KnowledgeMethod> methods, Setting setting, int cptPassages, int evalPassages,
                              SelfEditFormat format, SelfEditSampling selfEdits, RestEmConfig restEm, InnerLoopConfig inner,
                              GeneratorTraining generator, GraderSpec grader, long seed) {

    /** The paper's methods (the control, no_selection, is asked for by name). */
    public static final List<KnowledgeMethod> PAPER_METHODS = List.of(KnowledgeMethod.BASE, KnowledgeMethod.PASSAGE_ONLY,
            KnowledgeMethod.BASE_SELF_EDITS, KnowledgeMethod.TEACHER, KnowledgeMethod.SEAL, KnowledgeMethod.IN_CONTEXT);
    public static final KnowledgeConfig PAPER = new KnowledgeConfig(PAPER_METHODS, Setting.SINGLE, 10, 0,
            SelfEditFormat.IMPLICATIONS, SelfEditSampling.PAPER, RestEmConfig.PAPER, InnerLoopConfig.PAPER,
            GeneratorTraining.PAPER, GraderSpec.EXACT, 0);

    /** How passages share adapters. */
    public enum Setting {
        /** One adapter per passage (the paper's single-passage setting). */
        SINGLE,
        /** One adapter over each group of passages (continued pretraining). */
        CPT;

        @JsonValue
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static Setting parse(String label) {
            return Labels.parse(values(), Setting::label, label, "setting");
        }
    }

    public KnowledgeConfig {
        methods = List.copyOf(methods);
        if (methods.isEmpty()) {
            throw new BadInputException("--methods names no method");
        }
        Checks.atLeast("--cpt-passages", cptPassages, 1);
        Checks.atLeast("--eval-passages", evalPassages, 0);
        if (methods.stream().anyMatch(KnowledgeMethod::trainsGenerator) && restEm.rounds() < 1) {
            throw new BadInputException("the seal and no_selection methods need --rounds >= 1");
        }
    }

    /** The method names of the results table, seal and no_selection expanded into their rounds. */
    public List<String> methodNames() {
        List<String> out = new ArrayList<>();
        for (KnowledgeMethod m : methods) {
            if (m.trainsGenerator()) {
                Arm arm = arm(m);
                for (int r = 1; r <= restEm.rounds(); r++) {
                    out.add(arm.method(r));
                }
            } else {
                out.add(m.label());
            }
        }
        return out;
    }

    /** The ReST-EM arm a generator-training method runs. */
    static Arm arm(KnowledgeMethod method) {
        return method == KnowledgeMethod.NO_SELECTION ? Arm.NO_SELECTION : Arm.SEAL;
    }

    /** Passages per adapter. */
    int unitSize() {
        return setting == Setting.CPT ? cptPassages : 1;
    }

    public KnowledgeConfig withMethods(List<KnowledgeMethod> m) {
        return new KnowledgeConfig(m, setting, cptPassages, evalPassages, format, selfEdits, restEm, inner, generator, grader, seed);
    }

    public KnowledgeConfig withEvaluation(int passages, GraderSpec g) {
        return new KnowledgeConfig(methods, setting, cptPassages, passages, format, selfEdits, restEm, inner, generator, g, seed);
    }

    public KnowledgeConfig withSeal(SelfEditSampling sampling, RestEmConfig rest, GeneratorTraining training) {
        return new KnowledgeConfig(methods, setting, cptPassages, evalPassages, format, sampling, rest, inner, training, grader, seed);
    }

    public KnowledgeConfig withInner(InnerLoopConfig loop) {
        return new KnowledgeConfig(methods, setting, cptPassages, evalPassages, format, selfEdits, restEm, loop, generator, grader, seed);
    }

    public KnowledgeConfig withSeed(long s) {
        return new KnowledgeConfig(methods, setting, cptPassages, evalPassages, format, selfEdits, restEm, inner, generator, grader, s);
    }
}
