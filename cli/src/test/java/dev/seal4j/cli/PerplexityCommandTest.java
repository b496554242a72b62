package dev.seal4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.seal4j.cli.TestFiles.args;
import static dev.seal4j.cli.TestFiles.stories;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PerplexityCommandTest {
    /** The text of the first 15 greedy tokens of stories260K (expected/stories260K.json sequence 0 after BOS). */
    private static final String FIRST_SENTENCE = "Once upon a time, there was a little girl named Lily.";

    static Cli.Result perplexity(List<String> model, String... more) {
        return Cli.run(args(args(List.of("perplexity"), model.toArray(String[]::new)), more).toArray(String[]::new));
    }

    @Test
    void jsonLineMatchesThePyTorchReferenceLogits(@TempDir Path tmp) throws IOException {
        JsonNode spec = TestFiles.JSON.readTree(TestFiles.fixture("expected/stories260K.json").toFile());
        JsonNode seq = spec.get("sequences").get(0);
        int[] ids = TestFiles.JSON.convertValue(seq.get("ids"), int[].class);
        // the file's tokens (BOS added by the tokenizer) are exactly the reference sequence
        Cli.Result tokens = Cli.run("tokenize", "--tokenizer", TestFiles.storiesTokenizer().toString(), "--text", FIRST_SENTENCE).ok();
        assertEquals(java.util.Arrays.toString(java.util.Arrays.copyOfRange(ids, 1, ids.length)),
                java.util.Arrays.toString(java.util.Arrays.stream(tokens.out().strip().split(" ")).mapToInt(Integer::parseInt).toArray()));

        Path file = TestFiles.write(tmp.resolve("story.txt"), FIRST_SENTENCE);
        Cli.Result r = perplexity(stories(), "--file", file.toString(), "--json").ok();
        assertEquals(1, r.outLines().size());
        assertTrue(r.out().startsWith("{\"tokens\": 16, \"mean_nll\": "), r.out());
        JsonNode line = TestFiles.json(r.out());
        assertEquals(List.of("tokens", "mean_nll", "perplexity"), iterable(line));

        double expected = referenceMeanNll(TestFiles.fixture(seq.get("logits").asText()), ids, spec.get("vocab_size").asInt());
        assertEquals(16, line.get("tokens").asInt());
        assertEquals(expected, line.get("mean_nll").asDouble(), 1e-4);
        assertEquals(Math.exp(expected), line.get("perplexity").asDouble(), 1e-4 * Math.exp(expected));

        Cli.Result human = perplexity(stories(), "--file", file.toString()).ok();
        assertTrue(human.out().contains("16 tokens") && human.out().contains("perplexity"), human.out());
    }

    /** Mean over positions 0..n−2 of −log softmax(logits_t)[ids_{t+1}], in double, from the reference logits. */
    private static double referenceMeanNll(Path logitsFile, int[] ids, int vocab) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(logitsFile)).order(ByteOrder.LITTLE_ENDIAN);
        double sum = 0;
        for (int t = 0; t + 1 < ids.length; t++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int v = 0; v < vocab; v++) {
                max = Math.max(max, buf.getFloat((t * vocab + v) * 4));
            }
            double z = 0;
            for (int v = 0; v < vocab; v++) {
                z += Math.exp(buf.getFloat((t * vocab + v) * 4) - max);
            }
            sum += max + Math.log(z) - buf.getFloat((t * vocab + ids[t + 1]) * 4);
        }
        return sum / (ids.length - 1);
    }

    private static List<String> iterable(JsonNode object) {
        List<String> names = new java.util.ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void badInput(@TempDir Path tmp) {
        Path empty = TestFiles.write(tmp.resolve("empty.txt"), "");
        assertTrue(perplexity(stories(), "--file", empty.toString()).badInput().contains("at least 2"));
        Path missing = tmp.resolve("nope.txt");
        assertEquals("seal: " + missing + ": no such file", perplexity(stories(), "--file", missing.toString()).badInput());
        assertTrue(perplexity(stories()).badInput().contains("--file"));
    }
}
