package dev.seal4j.engine.format;

import dev.seal4j.engine.BadInputException;
import dev.seal4j.engine.model.Checkpoint;
import dev.seal4j.engine.model.ModelConfig;
import dev.seal4j.engine.model.ModelConfig.RopeScaling;
import dev.seal4j.engine.model.ModelConfig.RopeStyle;
import dev.seal4j.engine.tensor.DType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GgufModelTest {
    @TempDir
    Path dir;

    /** Writes {@code weights} under llama.cpp names with {@code arch}.* metadata as llama.cpp's converter does. */
    private Path write(String arch, int headDim, Map<String, TinyModels.Shaped> weights, Consumer<GgufWriter> extra) {
        GgufWriter w = new GgufWriter()
                .putString("general.architecture", arch)
                .putUInt32(arch + ".context_length", TinyModels.CONTEXT)
                .putUInt32(arch + ".embedding_length", TinyModels.HIDDEN)
                .putUInt32(arch + ".block_count", TinyModels.LAYERS)
                .putUInt32(arch + ".feed_forward_length", TinyModels.FFN)
                .putUInt32(arch + ".attention.head_count", TinyModels.HEADS)
                .putUInt32(arch + ".attention.head_count_kv", TinyModels.KV_HEADS)
                .putUInt32(arch + ".rope.dimension_count", headDim)
                .putFloat32(arch + ".attention.layer_norm_rms_epsilon", 1e-6f)
                .putFloat32(arch + ".rope.freq_base", 500000f)
                .putUInt32("tokenizer.ggml.bos_token_id", 7)
                .putUInt32("tokenizer.ggml.eos_token_id", 8)
                .putUInt32("tokenizer.ggml.eot_token_id", 9)
                .putArray("tokenizer.ggml.tokens", GgufValueType.STRING, List.of("a", "b"));
        extra.accept(w);
        weights.forEach((name, t) -> w.tensor(TinyModels.ggufName(name), TensorData.of(t.values(), DType.F32, t.shape())));
        Path file = dir.resolve(arch + ".gguf");
        w.write(file);
        return file;
    }

    @Test
    void llamaArchitectureRotatesPairsAndTiesWhenOutputIsAbsent() {
        ModelConfig c = TinyModels.llama(true);
        Map<String, TinyModels.Shaped> weights = TinyModels.weights(c, new Random(1));
        Path file = write("llama", 16, weights, w -> { });
        try (Checkpoint ckpt = GgufModel.open(file)) {
            ModelConfig got = ckpt.config();
            assertEquals("LlamaForCausalLM", got.architecture());
            assertEquals(RopeStyle.PAIRS, got.ropeStyle());
            assertTrue(got.tieWordEmbeddings());
            assertFalse(got.attentionBias());
            assertFalse(got.qkNorm());
            assertEquals(TinyModels.HIDDEN, got.hiddenSize());
            assertEquals(TinyModels.FFN, got.intermediateSize());
            assertEquals(TinyModels.LAYERS, got.numLayers());
            assertEquals(TinyModels.HEADS, got.numHeads());
            assertEquals(TinyModels.KV_HEADS, got.numKvHeads());
            assertEquals(16, got.headDim());
            assertEquals(TinyModels.VOCAB, got.vocabSize(), "rows of token_embd");
            assertEquals(TinyModels.CONTEXT, got.contextLength());
            assertEquals(1e-6f, got.rmsNormEps());
            assertEquals(500000f, got.ropeTheta());
            assertNull(got.ropeScaling());
            assertEquals(7, got.bosTokenId());
            assertEquals(List.of(8, 9), got.eosTokenIds());
            weights.forEach((name, t) -> {
                assertArrayEquals(t.shape(), ckpt.tensor(name).shape(), name);
                assertArrayEquals(t.values(), ckpt.tensor(name).toFloatArray(), name);
            });
            assertFalse(ckpt.has("lm_head.weight"));
        }
    }

    @Test
    void qwen2HasBiasesAndRotatesHalves() {
        ModelConfig c = TinyModels.config("Qwen2ForCausalLM", 16, RopeStyle.HALVES, false, true, false);
        Map<String, TinyModels.Shaped> weights = TinyModels.weights(c, new Random(2));
        try (Checkpoint ckpt = GgufModel.open(write("qwen2", 16, weights, w -> { }))) {
            assertEquals("Qwen2ForCausalLM", ckpt.config().architecture());
            assertEquals(RopeStyle.HALVES, ckpt.config().ropeStyle());
            assertTrue(ckpt.config().attentionBias());
            assertFalse(ckpt.config().tieWordEmbeddings());
            assertArrayEquals(weights.get("model.layers.1.self_attn.k_proj.bias").values(),
                    ckpt.tensor("model.layers.1.self_attn.k_proj.bias").toFloatArray());
            assertArrayEquals(weights.get("lm_head.weight").values(), ckpt.tensor("lm_head.weight").toFloatArray());
        }
    }

    @Test
    void qwen3HasQkNormAndAnExplicitHeadDim() {
        ModelConfig c = TinyModels.config("Qwen3ForCausalLM", 32, RopeStyle.HALVES, true, false, true);
        Map<String, TinyModels.Shaped> weights = TinyModels.weights(c, new Random(3));
        Path file = write("qwen3", 32, weights, w -> w.putUInt32("qwen3.attention.key_length", 32)
                .putUInt32("qwen3.attention.value_length", 32));
        try (Checkpoint ckpt = GgufModel.open(file)) {
            assertEquals(32, ckpt.config().headDim());
            assertTrue(ckpt.config().qkNorm());
            assertArrayEquals(new long[] {TinyModels.HEADS * 32, TinyModels.HIDDEN},
                    ckpt.tensor("model.layers.0.self_attn.q_proj.weight").shape());
            assertArrayEquals(weights.get("model.layers.1.self_attn.q_norm.weight").values(),
                    ckpt.tensor("model.layers.1.self_attn.q_norm.weight").toFloatArray());
        }
    }

    @Test
    void recognizesLlama3RopeScalingFromRopeFreqs() {
        ModelConfig c = TinyModels.llama(true);
        Map<String, TinyModels.Shaped> weights = TinyModels.weights(c, new Random(4));
        float[] freqs = llama3Divisors(500000, 16, 32, 1, 4, 8192);
        assertTrue(freqs[0] == 1 && freqs[7] == 32 && freqs[4] > 1 && freqs[4] < 32, "the test covers all three regions");
        Path file = write("llama", 16, weights, w -> w.tensor("rope_freqs.weight", TensorData.of(freqs, DType.F32, 8)));
        try (Checkpoint ckpt = GgufModel.open(file)) {
            assertEquals(new RopeScaling(32, 1, 4, 8192), ckpt.config().ropeScaling());
        }
        float[] other = llama3Divisors(500000, 16, 32, 1, 4, 4096);
        Path bad = write("llama", 16, weights, w -> w.tensor("rope_freqs.weight", TensorData.of(other, DType.F32, 8)));
        BadInputException e = assertThrows(BadInputException.class, () -> GgufModel.open(bad));
        assertTrue(e.getMessage().contains("rope_freqs.weight"), e.getMessage());
    }

    /**
     * The divisor Llama 3 scaling applies to each RoPE frequency, from transformers'
     * _compute_llama3_parameters: inv_freq / scaled inv_freq.
     */
    static float[] llama3Divisors(double theta, int dim, double factor, double low, double high, int oldContext) {
        float[] out = new float[dim / 2];
        for (int i = 0; i < out.length; i++) {
            double invFreq = 1 / Math.pow(theta, (2.0 * i) / dim);
            double wavelen = 2 * Math.PI / invFreq;
            double scaled = wavelen > oldContext / low ? invFreq / factor : invFreq;
            boolean medium = !(wavelen < oldContext / high) && !(wavelen > oldContext / low);
            if (medium) {
                double smooth = (oldContext / wavelen - low) / (high - low);
                scaled = (1 - smooth) * scaled / factor + smooth * scaled;
            }
            out[i] = (float) (invFreq / scaled);
        }
        return out;
    }

    @Test
    void unsupportedArchitectureNamesItAndTheSupportedOnes() {
        Path file = dir.resolve("gpt2.gguf");
        new GgufWriter().putString("general.architecture", "gpt2").write(file);
        BadInputException e = assertThrows(BadInputException.class, () -> GgufModel.open(file));
        assertEquals(file + ": general.architecture 'gpt2' is not supported (supported: llama, mistral, qwen2, qwen3)",
                e.getMessage());
    }

    @Test
    void missingTensorIsNamed() {
        ModelConfig c = TinyModels.llama(false);
        Map<String, TinyModels.Shaped> weights = new java.util.LinkedHashMap<>(TinyModels.weights(c, new Random(5)));
        weights.remove("model.layers.1.mlp.up_proj.weight");
        Path file = write("llama", 16, weights, w -> { });
        BadInputException e = assertThrows(BadInputException.class, () -> GgufModel.open(file));
        assertEquals(file + ": missing tensor 'model.layers.1.mlp.up_proj.weight'", e.getMessage());
    }

    @Test
    void unsupportedTensorTypeNamesTheTensorAndType() throws Exception {
        Path file = dir.resolve("q5k.gguf");
        byte[] bytes = GgufTest.handBuilt(3);
        // the second tensor info's type field: patch Q8_0 (8) into Q5_K (13)
        int at = indexOf(bytes, new byte[] {1, 0, 0, 0, 32, 0, 0, 0, 0, 0, 0, 0, 8, 0, 0, 0}) + 12;
        bytes[at] = 13;
        java.nio.file.Files.write(file, bytes);
        BadInputException e = assertThrows(BadInputException.class, () -> GgufModel.open(file));
        assertEquals(file + ": tensor 'v' has ggml type Q5_K (13), which is not supported (supported: "
                + "F32, F16, BF16, Q8_0, Q4_0, Q4_K, Q6_K)", e.getMessage());
    }

    @Test
    void mapsEveryLlamaCppNameAndKeepsOthers() {
        assertEquals("model.layers.12.self_attn.o_proj.bias", GgufModel.hfName("blk.12.attn_output.bias"));
        assertEquals("model.layers.0.mlp.down_proj.weight", GgufModel.hfName("blk.0.ffn_down.weight"));
        assertEquals("model.layers.3.self_attn.k_norm.weight", GgufModel.hfName("blk.3.attn_k_norm.weight"));
        assertEquals("rope_freqs.weight", GgufModel.hfName("rope_freqs.weight"));
        assertEquals("blk.0.ffn_gate_exps.weight", GgufModel.hfName("blk.0.ffn_gate_exps.weight"));
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("pattern not found");
    }
}
