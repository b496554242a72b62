package dev.seal4j.seal.outer;

import dev.seal4j.engine.generate.Generator;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A self-edit cut off by the token budget loses its unfinished last line, and only then. */
class SelfEditSamplerTest {

    private static String complete(String text, Generator.FinishReason reason) {
        return SelfEditSampler.completeLines(new Generator.Output(text, new int[0], reason, new float[0]));
    }

    @Test
    void budgetCutDropsTheHalfLine() {
        assertEquals("1. Ada was born in 1950.\n", complete("1. Ada was born in 1950.\n2. Ada works", Generator.FinishReason.LENGTH));
        assertEquals("1. Ada was born in 1950.\n", complete("1. Ada was born in 1950.\n", Generator.FinishReason.LENGTH));
    }

    @Test
    void finishedOrSingleLineSelfEditsStayWhole() {
        assertEquals("1. Ada was born in 1950.\n2. Ada works", complete("1. Ada was born in 1950.\n2. Ada works", Generator.FinishReason.STOP));
        assertEquals("Ada was born in", complete("Ada was born in", Generator.FinishReason.LENGTH));
        assertEquals("\nAda was born in", complete("\nAda was born in", Generator.FinishReason.LENGTH));
    }
}
