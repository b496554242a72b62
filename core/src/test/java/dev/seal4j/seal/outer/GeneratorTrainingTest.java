package dev.seal4j.seal.outer;

import dev.seal4j.engine.model.LoraTarget;
import dev.seal4j.engine.tokenizer.Tokenizer;
import dev.seal4j.engine.tokenizer.Tokenizers;
import dev.seal4j.engine.train.Example;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The M-step's examples: the loss covers the self-edit only, and its end-of-sequence only when asked for. */
class GeneratorTrainingTest {
    private static final Tokenizer TOKENIZER = Tokenizers.load(Path.of("..", "models", "tiny-world"));
    private static final Selection.Chosen PAIR = new Selection.Chosen("Passage:\nAda Lo\nAda Lo was born in 1950.\n\nImplications:\n",
            "1. Ada Lo was born in 1950.\n2. Ada Lo is older than 1960's children.\n", 0, 0.5);

    private static GeneratorTraining training(boolean endWithEos) {
        return new GeneratorTraining(2, 4f, EnumSet.of(LoraTarget.Q_PROJ), 1e-3f, 1, 1, endWithEos);
    }

    @Test
    void completionOnlyLossEndsWithEosWhenAsked() {
        int eos = TOKENIZER.eosIds().getFirst();
        int[] prompt = TOKENIZER.encodeWithSpecial(PAIR.prompt());
        Example with = training(true).examples(TOKENIZER, List.of(PAIR), 4096).getFirst();
        Example without = training(false).examples(TOKENIZER, List.of(PAIR), 4096).getFirst();

        assertEquals(without.length() + 1, with.length());
        assertEquals(eos, with.tokens()[with.length() - 1]);
        assertTrue(with.trains()[with.length() - 1], "the end is a training target");
        assertTrue(without.tokens()[without.length() - 1] != eos);
        for (Example e : List.of(with, without)) {
            for (int i = 0; i < prompt.length; i++) {
                assertFalse(e.trains()[i], "prompt token " + i + " carries no loss");
            }
            assertTrue(e.trains()[prompt.length], "the self-edit's first token is a target");
        }
        assertArrayEquals(without.tokens(), Arrays.copyOf(with.tokens(), without.length()));
    }

    @Test
    void examplesAreCutToTheContext() {
        Example cut = training(true).examples(TOKENIZER, List.of(PAIR), 12).getFirst();
        assertEquals(12, cut.length());
    }
}
