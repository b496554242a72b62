package dev.seal4j.seal.inner;

import dev.seal4j.engine.BadInputException;
import dev.seal4j.engine.model.LoraConfig;
import dev.seal4j.engine.model.LoraTarget;
import dev.seal4j.seal.continual.TinyModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.Arena;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Replay: texts of earlier training mixed into every application of a self-edit. */
class ReplayPoolTest {
    @TempDir
    static Path tmp;
    static TinyModel tiny;
    static final List<String> POOL = List.of("Ada\nAda was born in 1901.", "Bo\nBo works at Acme.", "Cy\nCy studied law.",
            "Di\nDi lives in Rome.", "Ed\nEd has a cat called Tom.");

    @BeforeAll
    static void model() {
        tiny = TinyModel.create(tmp.resolve("m"));
    }

    @AfterAll
    static void close() {
        tiny.close();
    }

    private static final InnerLoopConfig CONFIG = new InnerLoopConfig(new LoraConfig(2, 4f, 0f, EnumSet.of(LoraTarget.Q_PROJ,
            LoraTarget.V_PROJ)), 1e-3f, 3, 1, InnerLoopConfig.PAPER_QUESTION_TEMPLATE, 4, false, 2);

    @Test
    void everyApplicationGetsItsOwnSeededDrawOfDistinctReplayTexts() {
        ReplayPool pool = new ReplayPool(POOL, 2);
        List<String> edit = List.of("Zed\nZed was born in 1999.");
        List<String> first = pool.mix(edit, 11);
        assertEquals(3, first.size());
        assertEquals(edit.getFirst(), first.getFirst(), "the self-edit's own sequences come first");
        assertTrue(POOL.containsAll(first.subList(1, 3)));
        assertNotEquals(first.get(1), first.get(2), "distinct texts");
        assertEquals(first, pool.mix(edit, 11), "the same seed draws the same texts");
        HashSet<List<String>> draws = new HashSet<>();
        for (long seed = 0; seed < 20; seed++) {
            draws.add(pool.mix(edit, seed));
        }
        assertTrue(draws.size() > 3, "different seeds draw different texts: " + draws.size());
        assertEquals(edit, new ReplayPool(POOL, 0).mix(edit, 11), "replay 0");
    }

    @Test
    void theAdapterTrainsOnTheReplayTextsToo() {
        List<String> edit = List.of("Zed\nZed was born in 1999.");
        InnerLoop inner = new InnerLoop(tiny.model, tiny.tokenizer, CONFIG);
        try (Arena arena = Arena.ofShared()) {
            InnerLoop.Adaptation without = inner.adapt(edit, 5, arena);
            InnerLoop.Adaptation with = inner.adapt(new ReplayPool(POOL, 2).mix(edit, 5), 5, arena);
            assertEquals(3, without.steps(), "3 epochs of one sequence");
            assertEquals(9, with.steps(), "3 epochs of the sequence and two replay texts");
        }
    }

    @Test
    void askingForMoreReplayThanThePoolHoldsIsRefused() {
        BadInputException e = assertThrows(BadInputException.class, () -> new ReplayPool(List.of(), 2));
        assertTrue(e.getMessage().contains("replays 2 texts per application but no replay texts were given"), e.getMessage());
        assertThrows(BadInputException.class, () -> new ReplayPool(POOL, 6));
    }
}
