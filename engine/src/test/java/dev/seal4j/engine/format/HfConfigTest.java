package dev.seal4j.engine.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seal4j.engine.BadInputException;
import dev.seal4j.engine.model.ModelConfig;
import dev.seal4j.engine.model.ModelConfig.RopeScaling;
import dev.seal4j.engine.model.ModelConfig.RopeStyle;
import dev.seal4j.engine.tensor.DType;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** config.json parsing, checked on the configs of released models (as published on the Hugging Face hub). */
class HfConfigTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path FILE = Path.of("m", "config.json");

    private static ModelConfig parse(String config) throws Exception {
        return parse(config, null);
    }

    private static ModelConfig parse(String config, String generation) throws Exception {
        return HfConfig.parse(FILE, JSON.readTree(config), generation == null ? null : JSON.readTree(generation));
    }

    @Test
    void llama32With3Scaling() throws Exception {
        ModelConfig c = parse("""
                {"architectures":["LlamaForCausalLM"],"attention_bias":false,"attention_dropout":0.0,
                 "bos_token_id":128000,"eos_token_id":[128001,128008,128009],"head_dim":64,"hidden_act":"silu",
                 "hidden_size":2048,"initializer_range":0.02,"intermediate_size":8192,"max_position_embeddings":131072,
                 "mlp_bias":false,"model_type":"llama","num_attention_heads":32,"num_hidden_layers":16,
                 "num_key_value_heads":8,"pretraining_tp":1,"rms_norm_eps":1e-05,
                 "rope_scaling":{"factor":32.0,"high_freq_factor":4.0,"low_freq_factor":1.0,
                                 "original_max_position_embeddings":8192,"rope_type":"llama3"},
                 "rope_theta":500000.0,"tie_word_embeddings":true,"torch_dtype":"bfloat16","use_cache":true,
                 "vocab_size":128256}""");
        assertEquals(new ModelConfig("LlamaForCausalLM", 2048, 8192, 16, 32, 8, 64, 128256, 131072, 1e-5f, 500000f,
                new RopeScaling(32, 1, 4, 8192), RopeStyle.HALVES, true, false, false, 128000,
                List.of(128001, 128008, 128009)), c);
    }

    @Test
    void qwen25HasBiasesAndGenerationConfigEos() throws Exception {
        ModelConfig c = parse("""
                {"architectures":["Qwen2ForCausalLM"],"attention_dropout":0.0,"bos_token_id":151643,
                 "eos_token_id":151645,"hidden_act":"silu","hidden_size":896,"initializer_range":0.02,
                 "intermediate_size":4864,"max_position_embeddings":32768,"max_window_layers":21,"model_type":"qwen2",
                 "num_attention_heads":14,"num_hidden_layers":24,"num_key_value_heads":2,"rms_norm_eps":1e-06,
                 "rope_theta":1000000.0,"sliding_window":32768,"tie_word_embeddings":true,"torch_dtype":"bfloat16",
                 "use_cache":true,"use_sliding_window":false,"vocab_size":151936}""",
                """
                {"bos_token_id":151643,"do_sample":true,"eos_token_id":[151645,151643],"pad_token_id":151643}""");
        assertEquals(new ModelConfig("Qwen2ForCausalLM", 896, 4864, 24, 14, 2, 64, 151936, 32768, 1e-6f, 1e6f,
                null, RopeStyle.HALVES, true, true, false, 151643, List.of(151645, 151643)), c);
    }

    @Test
    void qwen3HasQkNormAndExplicitHeadDim() throws Exception {
        ModelConfig c = parse("""
                {"architectures":["Qwen3ForCausalLM"],"attention_bias":false,"attention_dropout":0.0,
                 "bos_token_id":151643,"eos_token_id":151645,"head_dim":128,"hidden_act":"silu","hidden_size":1024,
                 "initializer_range":0.02,"intermediate_size":3072,"max_position_embeddings":40960,
                 "max_window_layers":28,"model_type":"qwen3","num_attention_heads":16,"num_hidden_layers":28,
                 "num_key_value_heads":8,"rms_norm_eps":1e-06,"rope_scaling":null,"rope_theta":1000000,
                 "sliding_window":null,"tie_word_embeddings":true,"torch_dtype":"bfloat16","use_cache":true,
                 "use_sliding_window":false,"vocab_size":151936}""");
        assertEquals(new ModelConfig("Qwen3ForCausalLM", 1024, 3072, 28, 16, 8, 128, 151936, 40960, 1e-6f, 1e6f,
                null, RopeStyle.HALVES, true, false, true, 151643, List.of(151645)), c);
    }

    @Test
    void mistralAcceptsItsSlidingWindow() throws Exception {
        ModelConfig c = parse("""
                {"architectures":["MistralForCausalLM"],"bos_token_id":1,"eos_token_id":2,"hidden_act":"silu",
                 "hidden_size":4096,"initializer_range":0.02,"intermediate_size":14336,"max_position_embeddings":32768,
                 "model_type":"mistral","num_attention_heads":32,"num_hidden_layers":32,"num_key_value_heads":8,
                 "rms_norm_eps":1e-05,"rope_theta":10000.0,"sliding_window":4096,"tie_word_embeddings":false,
                 "torch_dtype":"bfloat16","use_cache":true,"vocab_size":32000}""");
        assertEquals(new ModelConfig("MistralForCausalLM", 4096, 14336, 32, 32, 8, 128, 32000, 32768, 1e-5f, 10000f,
                null, RopeStyle.HALVES, false, false, false, 1, List.of(2)), c);
    }

    @Test
    void transformers5RopeParametersAndDefaultsFromModelType() throws Exception {
        ModelConfig c = parse("""
                {"model_type":"llama","hidden_size":64,"intermediate_size":128,"num_hidden_layers":2,
                 "num_attention_heads":4,"vocab_size":100,
                 "rope_parameters":{"rope_type":"llama3","rope_theta":500000.0,"factor":8.0,"low_freq_factor":1.0,
                                    "high_freq_factor":4.0,"original_max_position_embeddings":8192}}""");
        // LlamaConfig defaults: kv heads = heads, 2048 positions, eps 1e-6, untied, bos 1, eos 2
        assertEquals(new ModelConfig("LlamaForCausalLM", 64, 128, 2, 4, 4, 16, 100, 2048, 1e-6f, 500000f,
                new RopeScaling(8, 1, 4, 8192), RopeStyle.HALVES, false, false, false, 1, List.of(2)), c);
        ModelConfig d = parse("""
                {"model_type":"qwen2","hidden_size":64,"intermediate_size":128,"num_hidden_layers":2,
                 "num_attention_heads":4,"vocab_size":100,"rope_parameters":{"rope_type":"default","rope_theta":1e6}}""");
        assertEquals(1e6f, d.ropeTheta());
        assertEquals(null, d.ropeScaling());
        assertEquals(-1, d.bosTokenId());
        assertEquals(List.of(), d.eosTokenIds());
    }

    @Test
    void errorsNameTheFileAndField() {
        assertMessage(FILE + ": architectures 'GPT2LMHeadModel' is not supported (supported: LlamaForCausalLM, "
                + "MistralForCausalLM, Qwen2ForCausalLM, Qwen3ForCausalLM)", """
                {"architectures":["GPT2LMHeadModel"],"model_type":"gpt2"}""");
        assertMessage(FILE + ": model_type 'phi3' is not supported (supported: llama, mistral, qwen2, qwen3)", """
                {"model_type":"phi3"}""");
        assertMessage(FILE + ": rope_scaling.rope_type 'yarn' is not supported (supported: default, llama3)", """
                {"model_type":"qwen2","hidden_size":64,"intermediate_size":128,"num_hidden_layers":2,
                 "num_attention_heads":4,"vocab_size":100,"rope_scaling":{"type":"yarn","factor":4.0}}""");
        assertMessage(FILE + ": hidden_size is missing", """
                {"model_type":"llama","num_attention_heads":4}""");
        assertMessage(FILE + ": num_hidden_layers must be an integer, got \"two\"", """
                {"model_type":"llama","hidden_size":64,"intermediate_size":128,"num_hidden_layers":"two",
                 "num_attention_heads":4,"vocab_size":100}""");
        assertMessage(FILE + ": num_attention_heads (4) must be a multiple of num_key_value_heads (3)", """
                {"model_type":"llama","hidden_size":64,"intermediate_size":128,"num_hidden_layers":2,
                 "num_attention_heads":4,"num_key_value_heads":3,"vocab_size":100}""");
    }

    private static void assertMessage(String expected, String config) {
        BadInputException e = assertThrows(BadInputException.class, () -> parse(config));
        assertEquals(expected, e.getMessage());
    }

    @Test
    void writtenConfigsReadBackAsTheSameModel() throws Exception {
        Random rnd = new Random(17);
        for (int i = 0; i < 50; i++) {
            String arch = ModelConfig.SUPPORTED_ARCHITECTURES.get(rnd.nextInt(4));
            int heads = 1 << rnd.nextInt(5), kv = heads >> rnd.nextInt(Integer.numberOfTrailingZeros(heads) + 1);
            int headDim = 2 * (1 + rnd.nextInt(64));
            ModelConfig c = new ModelConfig(arch, 1 + rnd.nextInt(5000), 1 + rnd.nextInt(20000), 1 + rnd.nextInt(80),
                    heads, kv, headDim, 1 + rnd.nextInt(200000), 1 + rnd.nextInt(1 << 20), rnd.nextFloat() * 1e-4f,
                    1 + rnd.nextFloat() * 1e6f,
                    rnd.nextBoolean() ? null : new RopeScaling(1 + rnd.nextFloat() * 31, 1, 2 + rnd.nextFloat() * 4, 8192),
                    RopeStyle.HALVES, rnd.nextBoolean(),
                    arch.equals("Qwen2ForCausalLM") || !arch.equals("MistralForCausalLM") && rnd.nextBoolean(),
                    arch.equals("Qwen3ForCausalLM"), rnd.nextBoolean() ? -1 : rnd.nextInt(1000),
                    rnd.nextBoolean() ? List.of(rnd.nextInt(1000)) : List.of(rnd.nextInt(1000), 1000 + rnd.nextInt(1000)));
            JsonNode json = JSON.readTree(HfConfig.toJsonBytes(c, DType.BF16));
            assertEquals(c, HfConfig.parse(FILE, json, null), json.toString());
            assertEquals("bfloat16", json.get("torch_dtype").asText());
        }
    }
}
