package dev.seal4j.seal.knowledge;

import dev.seal4j.seal.eval.GraderSpec;
import dev.seal4j.seal.inner.InnerLoopConfig;
import dev.seal4j.seal.outer.GeneratorTraining;
import dev.seal4j.seal.outer.RestEmConfig;
import dev.seal4j.seal.outer.SelectionRule;
import dev.seal4j.seal.outer.SelfEditSampling;
import dev.seal4j.seal.selfedit.SelfEditFormat;

import java.util.List;

/**
 * The experiment as config.yaml recorded it before it was typed (one flat record, names as strings), read
 * only to resume such runs: {@link #upgrade()} gives the same experiment as a {@link KnowledgeConfig}.
 */
record KnowledgeConfigV1(List<KnowledgeMethod> methods, KnowledgeConfig.Setting setting, int cptPassages, int evalPassages,
                         String format, int selfEditMaxTokens, float temperature, float topP, int rounds,
                         int contextsPerRound, int samplesPerContext, int evalRepeats, boolean onlyImprovements,
                         InnerLoopConfig inner, GeneratorTraining generator, String grader, long seed) {

    KnowledgeConfig upgrade() {
        return new KnowledgeConfig(methods, setting, cptPassages, evalPassages, SelfEditFormat.named(format),
                new SelfEditSampling(selfEditMaxTokens, temperature, topP),
                new RestEmConfig(rounds, contextsPerRound, samplesPerContext, evalRepeats,
                        onlyImprovements ? SelectionRule.IMPROVEMENTS : SelectionRule.BEST),
                inner, generator, new GraderSpec(grader), seed);
    }
}
