package dev.seal4j.seal.arc;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The grid world: disjoint families per split, tasks made by their rules, the same tasks for the same seed. */
class GridWorldTest {
    private final GridWorld world = GridWorld.standard(1);

    @Test
    void evaluationCompositionsAreNeverSeenInPretrainingOrTraining() {
        Set<GridWorld.Family> pretrain = new HashSet<>(world.families(GridWorld.Split.PRETRAIN));
        Set<GridWorld.Family> train = new HashSet<>(world.families(GridWorld.Split.TRAIN));
        List<GridWorld.Family> eval = world.families(GridWorld.Split.EVAL);
        assertTrue(eval.size() >= 25, "evaluation pairs: " + eval.size());
        for (GridWorld.Family f : eval) {
            assertEquals(2, f.primitives().size());
            assertTrue(!pretrain.contains(f) && !train.contains(f), f.name());
            f.primitives().forEach(p -> assertTrue(pretrain.contains(new GridWorld.Family(List.of(p))), "primitive " + p + " is pretrained"));
        }
        train.forEach(f -> assertTrue(!pretrain.contains(f), f.name()));
        assertNotEquals(GridWorld.standard(2).families(GridWorld.Split.EVAL), eval, "the world seed splits the pairs");
    }

    @Test
    void tasksFollowTheirRulesWithinTheWorldsLimits() {
        for (ArcTask t : world.tasks(GridWorld.Split.EVAL, 60, 3)) {
            assertEquals(3, t.train().size());
            assertEquals(1, t.test().size());
            Set<Grid> inputs = new HashSet<>();
            for (ArcPair p : t.train()) {
                inputs.add(p.input());
                assertTrue(p.input().rows() <= 6 && p.output().rows() <= 12 && p.output().cols() <= 12, t.id());
            }
            assertTrue(inputs.size() == 3 && !inputs.contains(t.test().getFirst().input()), "distinct inputs: " + t.id());
        }
        assertEquals(world.tasks(GridWorld.Split.EVAL, 5, 3), world.tasks(GridWorld.Split.EVAL, 5, 3), "same seed, same tasks");
        assertNotEquals(world.tasks(GridWorld.Split.EVAL, 5, 3), world.tasks(GridWorld.Split.EVAL, 5, 4), "another eval seed, other tasks");
    }

    @Test
    void primitivesDoWhatTheySay() {
        Grid g = Grid.of(3, 3, new byte[]{1, 0, 0, 0, 2, 0, 0, 0, 0});
        assertEquals("000\n000\n120\n", GridText.grid(new Rule.Gravity(1, 0).apply(g)), "cells fall down");
        assertEquals("111\n022\n000\n", GridText.grid(new Rule.Lines(0, 1).apply(g)), "lines to the right");
        assertEquals("10\n02\n", GridText.grid(new Rule.Crop().apply(g)));
        assertEquals("100001\n020020\n000000\n", GridText.grid(new Rule.Mirror(true).apply(g)));
        Grid blob = Grid.of(2, 3, new byte[]{3, 3, 0, 0, 0, 3});
        assertEquals("770\n003\n", GridText.grid(new Rule.SizeColour(2, 7).apply(blob)), "the 2-cell object recoloured, the single cell not");
        assertEquals("000\n100\n020\n", GridText.grid(new Rule.Shift(1, 0).apply(g)), "moved down one, wrapping");
    }
}
