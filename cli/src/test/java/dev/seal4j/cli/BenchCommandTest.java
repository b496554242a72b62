package dev.seal4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seal4j.engine.tensor.Parallel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code seal bench}: short runs print the figures the comparison script reads; bad options are bad input. */
class BenchCommandTest {
    private final int threadsBefore = Parallel.threads();

    @AfterEach
    void restoreTheThreadCount() { // --threads sets the engine's pool for the whole JVM
        Parallel.setThreads(threadsBefore);
    }

    @Test
    void inferPrintsThroughputAndAllocationAsJson() throws Exception {
        String out = Cli.run("bench", "infer", "--shape", "tiny-world", "--dtype", "q8_0", "--threads", "2",
                "--skip-matmul", "--prompt", "4", "--tokens", "8", "--prefill", "16", "--runs", "1", "--warmup", "1",
                "--json").ok().out();
        JsonNode r = TestFiles.JSON.readTree(out);
        assertEquals("tiny-world", r.get("shape").asText());
        assertEquals("q8_0", r.get("dtype").asText());
        assertEquals(2, r.get("threads").asInt());
        JsonNode res = r.get("result");
        assertEquals(8, res.get("decode_tokens").asInt());
        assertTrue(res.get("decode_tokens_per_second").asDouble() > 0);
        assertTrue(res.get("prefill_tokens_per_second").asDouble() > 0);
        assertTrue(res.has("decode_bytes_per_token"));
        assertTrue(res.has("decode_bytes_per_token_last_run") && res.has("decode_allocation_free"));
    }

    @Test
    void badOptionsAreBadInput() {
        assertTrue(Cli.run("bench", "infer", "--shape", "gpt-5").badInput().contains("gpt-5"));
        assertTrue(Cli.run("bench", "infer", "--dtype", "q4_k").badInput().contains("--dtype"));
        assertTrue(Cli.run("bench", "infer", "--skip-matmul", "--tokens", "100000").badInput().contains("context"));
        assertTrue(Cli.run("bench", "train", "--shape", "stories15m").badInput().contains("stories15m"));
    }
}
