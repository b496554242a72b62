package dev.seal4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InspectCommandTest {

    @Test
    void huggingFaceDirectoryAgainstItsConfig() throws IOException {
        Path dir = TestFiles.fixture("hf/qwen3");
        JsonNode config = TestFiles.JSON.readTree(dir.resolve("config.json").toFile());
        JsonNode info = TestFiles.json(Cli.run("inspect", "--model", dir.toString(), "--json").ok().out());
        int C = config.get("hidden_size").asInt(), I = config.get("intermediate_size").asInt();
        int L = config.get("num_hidden_layers").asInt(), V = config.get("vocab_size").asInt();
        int H = config.get("num_attention_heads").asInt(), KV = config.get("num_key_value_heads").asInt();
        int D = config.get("head_dim").asInt();
        long perLayer = 2L * C + (long) H * D * C + 2L * KV * D * C + (long) C * H * D + 2L * D + 3L * I * C;
        long params = (long) V * C * (config.get("tie_word_embeddings").asBoolean() ? 1 : 2) + L * perLayer + C;
        assertEquals("Qwen3ForCausalLM", info.get("architecture").asText());
        assertEquals(params, info.get("parameters").asLong());
        assertEquals(params, info.get("dtypes").get("F32").get("parameters").asLong());
        assertEquals(config.get("max_position_embeddings").asInt(), info.get("context_length").asInt());
        assertEquals(L, info.get("num_layers").asInt());
        assertEquals(H, info.get("num_heads").asInt());
        assertEquals(KV, info.get("num_kv_heads").asInt());
        assertEquals(D, info.get("head_dim").asInt());
        assertEquals(C, info.get("hidden_size").asInt());
        assertEquals(I, info.get("intermediate_size").asInt());
        assertEquals(V, info.get("vocab_size").asInt());
        assertEquals(config.get("rope_theta").asDouble(), info.get("rope").get("theta").asDouble());
        assertEquals(config.get("rms_norm_eps").asDouble(), info.get("rms_norm_eps").asDouble());
        assertTrue(info.get("qk_norm").asBoolean());
        long bytes;
        try (Stream<Path> files = Files.list(dir)) {
            bytes = files.mapToLong(p -> p.toFile().length()).sum();
        }
        assertEquals(bytes, info.get("file_bytes").asLong());
        assertTrue(info.get("tokenizer").has("error"), "the fixture has no tokenizer");
    }

    @Test
    void ggufDtypesAsTheFixtureTableLists() {
        // fixtures README: token_embd and ffn_up Q4_0; attn_q, attn_k, attn_output, ffn_gate Q4_K;
        // attn_v, ffn_down, output Q6_K; the three norms F32
        JsonNode info = TestFiles.json(Cli.run("inspect", "--model", TestFiles.fixture("gguf/llama_kquant.gguf").toString(), "--json").ok().out());
        JsonNode dtypes = info.get("dtypes");
        assertEquals(2, dtypes.get("Q4_0").get("tensors").asInt());
        assertEquals(4, dtypes.get("Q4_K").get("tensors").asInt());
        assertEquals(3, dtypes.get("Q6_K").get("tensors").asInt());
        assertEquals(3, dtypes.get("F32").get("tensors").asInt());
        assertEquals("pairs", info.get("rope").get("style").asText());
        assertEquals(256, info.get("tokenizer").get("vocab_size").asInt());
    }

    @Test
    void llama2cWithItsTokenizerForPeople() {
        Cli.Result r = Cli.run("inspect", "--model", TestFiles.storiesModel().toString(),
                "--tokenizer", TestFiles.storiesTokenizer().toString()).ok();
        assertTrue(r.out().contains("architecture: LlamaForCausalLM"), r.out());
        // dim 64, hidden 172, 5 layers, 8 heads of 8, 4 kv heads, vocab 512, tied:
        // 512·64 + 5·(2·64 + 64·64 + 2·32·64 + 64·64 + 3·172·64) + 64 = 260,032
        assertTrue(r.out().contains("parameters: 260,032"), r.out());
        assertTrue(r.out().contains("type=SentencePieceBpe") && r.out().contains("vocab_size=512"), r.out());
        assertTrue(r.out().contains("num kv heads: 4"), r.out());
    }
}
