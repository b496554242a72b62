package dev.seal4j.engine.generate;

import dev.seal4j.engine.format.Checkpoints;
import dev.seal4j.engine.model.Checkpoint;
import dev.seal4j.engine.model.Transformer;
import dev.seal4j.engine.testing.Fixtures;
import dev.seal4j.engine.tokenizer.Tokenizer;
import dev.seal4j.engine.tokenizer.Tokenizers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Generation on the real stories260K model: llama2.c's golden text, continuations, stops, seeds, streaming. */
class GeneratorTest {
    private static final String GOLDEN = "Once upon a time, there was a little girl named Lily. She loved to play outside "
            + "in the park. One day, she saw a big, red ball. She wanted to play with it, but it was too high";
    private static Checkpoint checkpoint;
    private static Generator generator;
    private static Tokenizer tokenizer;

    @BeforeAll
    static void load() {
        checkpoint = Checkpoints.open(Fixtures.shared("models/stories260K/stories260K.bin"));
        tokenizer = Tokenizers.load(Fixtures.shared("models/stories260K/tok512.bin"));
        generator = new Generator(Transformer.of(checkpoint), tokenizer);
    }

    @AfterAll
    static void close() {
        if (checkpoint != null) {
            checkpoint.close();
        }
    }

    @Test
    void logprobsAreTheModelsOwnScoresOfTheGeneratedTokens() {
        int[] prompt = tokenizer.encodeWithSpecial("Once upon a time");
        SamplingSettings sampled = new SamplingSettings(1.3f, 20, 0.9f, 1.2f, 7, 40, List.of(), false);
        for (SamplingSettings settings : List.of(SamplingSettings.greedy(40), sampled)) {
            Generator.Output out = generator.generate(prompt, settings, null, null);
            int[] all = java.util.Arrays.copyOf(prompt, prompt.length + out.tokens().length);
            System.arraycopy(out.tokens(), 0, all, prompt.length, out.tokens().length);
            // the training forward over the whole sequence, not the decoding path with its KV cache; and without
            // temperature, penalty or top-k/p, which change what is drawn but not what the model says
            double[] nll = new Scorer(generator.model()).tokenNll(all, null);
            assertEquals(out.tokens().length, out.logprobs().length);
            for (int i = 0; i < out.tokens().length; i++) {
                assertEquals(-nll[prompt.length - 1 + i], out.logprobs()[i], 2e-4, "token " + i);
            }
        }
    }

    @Test
    void greedyFromBosIsLlama2csGoldenText() {
        StringBuilder streamed = new StringBuilder();
        Generator.Output out = generator.generate(new int[0], SamplingSettings.greedy(60), null, (i, d) -> streamed.append(d));
        assertEquals(GOLDEN, out.text());
        assertEquals(GOLDEN, streamed.toString());
        assertEquals(Generator.FinishReason.LENGTH, out.finishReason());
    }

    @Test
    void aContinuationKeepsItsLeadingSpace() {
        String text = generator.generate(tokenizer.encodeWithSpecial("Once upon a time"), SamplingSettings.greedy(8), null, null).text();
        assertTrue(text.startsWith(","), text); // "Once upon a time" + ", there was ..."
        String after = generator.generate(tokenizer.encodeWithSpecial("Once upon a time,"), SamplingSettings.greedy(4), null, null).text();
        assertTrue(after.startsWith(" there"), after);
    }

    @Test
    void stopStringsEndTheTextBeforeThem() {
        Generator.Output out = generator.generate(new int[0], SamplingSettings.greedy(60).withStopStrings(List.of("park")), null, null);
        assertEquals(GOLDEN.substring(0, GOLDEN.indexOf("park")), out.text());
        assertEquals(Generator.FinishReason.STOP, out.finishReason());
    }

    @Test
    void sameSeedSameTextOtherSeedOtherText() {
        SamplingSettings s = new SamplingSettings(1f, 0, 0.95f, 1f, 7, 40, List.of(), false);
        List<Generator.Output> a = generator.generate(List.of(new int[0]), 3, s, null, null);
        List<Generator.Output> b = generator.generate(List.of(new int[0]), 3, s, null, null);
        List<Generator.Output> c = generator.generate(List.of(new int[0]), 3, s.withSeed(8), null, null);
        for (int i = 0; i < 3; i++) {
            assertEquals(a.get(i).text(), b.get(i).text());
        }
        assertNotEquals(a.get(0).text(), a.get(1).text(), "samples of one prompt differ");
        assertNotEquals(a.get(0).text(), c.get(0).text());
    }
}
