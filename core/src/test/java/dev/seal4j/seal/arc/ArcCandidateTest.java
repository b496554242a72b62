package dev.seal4j.seal.arc;

import dev.seal4j.seal.continual.TinyModel;
import dev.seal4j.seal.exec.LocalWorkbench;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.EnumSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A candidate's mechanics on a random-weight model: it trains when its configuration fits the budget and
 * answers through eight views with two attempts; a rejected self-edit, zero epochs or a configuration over the
 * budget trains nothing and says why; the same seed gives the same result.
 */
class ArcCandidateTest {
    @TempDir
    static Path tmp;
    static TinyModel tiny;
    static LocalWorkbench bench;
    static final ArcTask TASK = GridWorld.standard(1).tasks(GridWorld.Split.EVAL, 1, 1).getFirst();
    static final TttSettings SETTINGS = new TttSettings(4, 8f, EnumSet.of(dev.seal4j.engine.model.LoraTarget.Q_PROJ,
            dev.seal4j.engine.model.LoraTarget.V_PROJ), 2, 0.1, 12, 6, true);
    static final TttConfig ONE_EPOCH = new TttConfig(false, false, false, false, TttConfig.Strategy.OUTPUT_TOKENS, 1e-3, 1);

    @BeforeAll
    static void model() {
        tiny = TinyModel.create(tmp.resolve("m"));
        bench = new LocalWorkbench(tiny.model, tiny.tokenizer);
    }

    @AfterAll
    static void close() {
        tiny.close();
    }

    @Test
    void aConfigurationWithinTheBudgetTrainsAndIsVotedOn() {
        ArcDomain domain = new ArcDomain(SETTINGS);
        ArcResult r = domain.application(TASK, ONE_EPOCH.json(), "k", 3).run(bench);
        assertNull(r.untrained(), "trained");
        assertEquals(9, r.examples(), "3 leave-one-out and 6 leave-two-out tasks, no augmentation");
        assertEquals(5, r.steps(), "9 tasks in batches of 2, one epoch");
        assertTrue(r.trainLoss() > 0);
        ArcResult.TestAnswer answer = r.tests().getFirst();
        assertEquals(ArcPrediction.VIEWS.size(), answer.views().size(), "every view answered");
        assertTrue(answer.attempts().size() <= 2 && answer.attempts().size() == answer.votes().size());
        assertEquals(domain.reward(r) == 1, r.solved());
        ArcResult again = domain.application(TASK, ONE_EPOCH.json(), "k", 3).run(bench);
        assertEquals(r.tests(), again.tests(), "the same seed answers the same");
        assertEquals(r.trainLoss(), again.trainLoss());
    }

    @Test
    void whatTrainsNothingSaysWhy() {
        ArcDomain domain = new ArcDomain(SETTINGS);
        assertTrue(domain.application(TASK, "basic augmentations, 3 epochs", "k", 1).run(bench).untrained().startsWith("rejected: not JSON"));
        TttConfig zero = new TttConfig(false, false, false, false, TttConfig.Strategy.ALL_TOKENS, 1e-3, 0);
        assertEquals("the configuration trains 0 epochs", domain.configured(TASK, zero, "k", 1).run(bench).untrained());
        TttConfig long_ = new TttConfig(false, false, false, false, TttConfig.Strategy.ALL_TOKENS, 1e-3, 2);
        ArcResult over = domain.configured(TASK, long_, "k", 1).run(bench);
        assertEquals("over the step budget: 10 steps > 6", over.untrained());
        assertEquals(0, over.steps());
        assertEquals(ArcDomain.IN_CONTEXT, domain.unadapted(TASK, "k", 1).run(bench).untrained());
    }
}
