package dev.seal4j.engine.tensor;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Packed rows are split into their sequences by position, and a layout that is not whole sequences is refused. */
class AttentionTest {

    @Test
    void packedSequencesStartWherePositionsRestart() {
        assertArrayEquals(new int[]{0, 3, 4, 6}, Attention.sequenceStarts(new int[]{0, 1, 2, 0, 0, 1}, 6));
        assertArrayEquals(new int[]{0, 2}, Attention.sequenceStarts(new int[]{0, 1, 7, 7}, 2), "rows past n are not read");
    }

    @Test
    void rowsThatAreNotWholeSequencesAreRefused() {
        assertEquals("row 0 has position 3 but the first row must start a sequence (position 0)",
                assertThrows(IllegalArgumentException.class, () -> Attention.sequenceStarts(new int[]{3, 4}, 2)).getMessage());
        assertEquals("row 2 has position 5 but follows position 1",
                assertThrows(IllegalArgumentException.class, () -> Attention.sequenceStarts(new int[]{0, 1, 5}, 3)).getMessage());
    }
}
