package dev.seal4j.seal.world;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InductionDrillsTest {
    private static final PretrainRecipe.Stage WARM_UP = PretrainRecipe.Stage.induction(0.8, 800, 2000, 100);
    private static final PretrainRecipe.Stage COPYING =
            new PretrainRecipe.Stage(CurriculumStage.named("copying"), PretrainRecipe.Gate.COPYING, 0.9, 1, 2, 1, 0.5);

    @Test
    void periodsStayShortThenLengthenGeometricallyToTheLongest() {
        assertEquals(12, InductionDrills.maxPeriod(WARM_UP, 0));
        assertEquals(12, InductionDrills.maxPeriod(WARM_UP, 200));
        int middle = InductionDrills.maxPeriod(WARM_UP, 500); // halfway: the geometric mean of 12 and 256
        assertEquals(Math.round(Math.sqrt(12.0 * 256)), middle);
        assertEquals(256, InductionDrills.maxPeriod(WARM_UP, 800));
        assertEquals(256, InductionDrills.maxPeriod(WARM_UP, 5000));
        assertEquals(256, InductionDrills.maxPeriod(COPYING, 0)); // later stages: the longest at once
    }

    @Test
    void repeatsCopyTheirFirstPeriodAndDrawFrequentTokens() {
        InductionDrills drills = new InductionDrills(1, null, null, 4096);
        InductionDrills.Repeats r = drills.repeated(Rng.of(3), 17, 3);
        int[] t = r.tokens();
        assertEquals(51, t.length);
        assertEquals(17, r.period());
        assertArrayEquals(Arrays.copyOfRange(t, 0, 17), Arrays.copyOfRange(t, 17, 34));
        assertArrayEquals(Arrays.copyOfRange(t, 0, 17), Arrays.copyOfRange(t, 34, 51));
        assertTrue(Arrays.stream(t).allMatch(id -> id >= 257 && id < 513), Arrays.toString(t));
    }

    @Test
    void theDrillShareOfAStageIsMet() {
        InductionDrills drills = new InductionDrills(1, null, null, 4096);
        long drillCount = LongStream.range(0, 10_000).filter(k -> drills.isDrill(COPYING, k)).count();
        assertEquals(5000, drillCount, 200);
        assertTrue(LongStream.range(0, 100).allMatch(k -> drills.isDrill(WARM_UP, k)));
    }
}
