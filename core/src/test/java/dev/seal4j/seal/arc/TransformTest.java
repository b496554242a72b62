package dev.seal4j.seal.arc;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every augmentation and view is invertible on its image: undo(apply(g)) == g for random grids of every size. */
class TransformTest {
    private static List<Transform> everyTransform() {
        List<Transform> all = new ArrayList<>(new TttConfig(true, true, true, true, TttConfig.Strategy.ALL_TOKENS, 1e-4, 1).augmentations());
        all.addAll(ArcPrediction.VIEWS);
        all.add(TttData.randomColours(new Random(3)));
        all.add(new Transform.Chain(TttData.randomColours(new Random(4)), new Transform.Tile(2, 2)));
        return all;
    }

    static Grid random(Random random, int rows, int cols) {
        return Grid.build(rows, cols, (r, c) -> random.nextInt(Grid.COLOURS));
    }

    @Test
    void undoInvertsApplyOnGridsOfEverySize() {
        Random random = new Random(11);
        int checked = 0;
        for (Transform t : everyTransform()) {
            for (int rows = 1; rows <= Grid.MAX_SIDE; rows += 1 + random.nextInt(3)) {
                for (int cols = 1; cols <= Grid.MAX_SIDE; cols += 1 + random.nextInt(3)) {
                    Grid g = random(random, rows, cols);
                    if (!t.fits(g)) {
                        continue;
                    }
                    Grid image = t.apply(g);
                    assertTrue(image.rows() <= Grid.MAX_SIDE && image.cols() <= Grid.MAX_SIDE, t.name());
                    assertEquals(Optional.of(g), t.undo(image), t.name() + " on " + rows + " × " + cols);
                    checked++;
                }
            }
        }
        assertTrue(checked > 2000, "checked " + checked);
    }

    @Test
    void gridsOutsideTheImageHaveNoPreimage() {
        Grid odd = Grid.of(3, 3, new byte[]{1, 2, 3, 4, 5, 6, 7, 8, 9});
        assertFalse(new Transform.Upscale(2, 2).undo(odd).isPresent(), "3 × 3 is no ×2 upscale");
        assertFalse(new Transform.Tile(1, 2).undo(Grid.of(1, 4, new byte[]{1, 2, 1, 3})).isPresent(), "halves differ");
        assertFalse(new Transform.Translate(1, 1).undo(Grid.of(2, 2, new byte[]{5, 0, 0, 1})).isPresent(), "the margin is not background");
    }

    @Test
    void rotationsAndReflectionsAreTheExpectedOnes() {
        Grid g = Grid.of(2, 3, new byte[]{1, 2, 3, 4, 5, 6});
        assertEquals("41\n52\n63\n", GridText.grid(new Transform.Rotate(1).apply(g)), "clockwise quarter turn");
        assertEquals("654\n321\n", GridText.grid(new Transform.Rotate(2).apply(g)));
        assertEquals("321\n654\n", GridText.grid(new Transform.Flip(true).apply(g)));
        assertEquals("14\n25\n36\n", GridText.grid(new Transform.Transpose(false).apply(g)));
        assertEquals("63\n52\n41\n", GridText.grid(new Transform.Transpose(true).apply(g)));
        assertEquals("1122\n1122\n", GridText.grid(new Transform.Upscale(2, 2).apply(Grid.of(1, 2, new byte[]{1, 2}))));
    }

    @Test
    void augmentedTrainingTasksAreTheTaskSeenAnotherWay() {
        GridWorld world = GridWorld.standard(1);
        TttConfig all = new TttConfig(true, true, true, true, TttConfig.Strategy.ALL_TOKENS, 1e-4, 1);
        for (ArcTask task : world.tasks(GridWorld.Split.EVAL, 6, 5)) {
            List<TttData.Training> tasks = TttData.tasks(task.train(), all, true, 10_000, 9);
            assertEquals(all.augmentations().stream().filter(t -> task.train().stream()
                    .allMatch(p -> t.fits(p.input()) && t.fits(p.output()))).count() * (3 + 6), tasks.size(),
                    "3 leave-one-out and 6 leave-two-out tasks under every augmentation that fits");
            for (TttData.Training t : tasks) {
                assertTrue(t.demonstrations().size() == 1 || t.demonstrations().size() == 2, "one or two left out of three");
                assertTrue(t.text().startsWith(GridText.INPUT) && t.text().endsWith("\n\n"));
            }
            assertEquals(Math.min(100, tasks.size()), TttData.tasks(task.train(), all, true, 100, 9).size(), "at most max tasks");
        }
    }
}
