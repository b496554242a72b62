package dev.seal4j.engine.format;

import dev.seal4j.engine.BadInputException;
import dev.seal4j.engine.model.Checkpoint;
import dev.seal4j.engine.model.KvCache;
import dev.seal4j.engine.model.ModelConfig;
import dev.seal4j.engine.model.ModelConfig.RopeScaling;
import dev.seal4j.engine.model.ModelConfig.RopeStyle;
import dev.seal4j.engine.model.TinyModels;
import dev.seal4j.engine.model.Transformer;
import dev.seal4j.engine.tensor.DType;
import dev.seal4j.engine.tokenizer.Tokenizer;
import dev.seal4j.engine.tokenizer.Tokenizers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Models written as GGUF and read back compute what they computed before. (llama.cpp decoding such files to
 * the same greedy tokens is the CLI's GgufExportLlamaCppTest.)
 */
class GgufExportTest {
    private static final int[] IDS = {1, 7, 3, 12, 40, 5, 33, 9};

    @TempDir
    Path tmp;

    /** A byte-level BPE tokenizer of 41 tokens (fewer than the tiny models' 50 rows), GPT-2's split, a chat template. */
    static Tokenizer tokenizer() {
        List<String> tokens = new ArrayList<>();
        for (char ch = '!'; ch <= 'H'; ch++) {
            tokens.add(String.valueOf(ch));   // bytes 33..72 are their own characters in the byte-level alphabet
        }
        tokens.add("!\"");
        Map<String, Object> m = new HashMap<>();
        m.put("tokenizer.ggml.model", "gpt2");
        m.put("tokenizer.ggml.pre", "gpt-2");
        m.put("tokenizer.ggml.tokens", tokens);
        m.put("tokenizer.ggml.merges", List.of("! \""));
        m.put("tokenizer.ggml.bos_token_id", 1L);
        m.put("tokenizer.ggml.eos_token_id", 2L);
        m.put("tokenizer.chat_template", "{% for m in messages %}{{ m.content }}{% endfor %}");
        return Tokenizers.fromGguf(m, null);
    }

    private static float[] logits(Checkpoint ckpt) {
        Transformer model = Transformer.of(ckpt);
        int V = model.config().vocabSize();
        KvCache cache = new KvCache(model.config(), IDS.length);
        KvCache[] caches = new KvCache[IDS.length];
        Arrays.fill(caches, cache);
        float[] out = new float[IDS.length * V];
        model.forward(model.workspace(IDS.length, null), IDS, caches, IDS.length, null,
                IntStream.range(0, IDS.length).toArray(), IDS.length, out);
        return out;
    }

    private static ModelConfig withLlama3Scaling(ModelConfig c) {
        // Llama 3's theta: the longest wavelength of 8-wide heads then exceeds 8192, so a divisor equals the factor
        return new ModelConfig(c.architecture(), c.hiddenSize(), c.intermediateSize(), c.numLayers(), c.numHeads(),
                c.numKvHeads(), c.headDim(), c.vocabSize(), c.contextLength(), c.rmsNormEps(), 500000f,
                new RopeScaling(8f, 1f, 4f, 8192), c.ropeStyle(), c.tieWordEmbeddings(), c.attentionBias(), c.qkNorm(),
                c.bosTokenId(), c.eosTokenIds());
    }

    @Test
    void everyArchitectureComputesTheSameLogitsFromItsGguf() {
        for (String arch : ModelConfig.SUPPORTED_ARCHITECTURES) {
            ModelConfig c = TinyModels.config(arch);
            if (c.ropeScaling() != null) {
                c = withLlama3Scaling(c);   // the only Llama 3 scaling GGUF files can carry
            }
            Path file = tmp.resolve(arch + ".gguf");
            try (Checkpoint source = TinyModels.checkpoint(c, 11)) {
                float[] expected = logits(source);
                GgufExport.Summary s = GgufExport.write(source, tokenizer(), file, GgufExport.Quantization.F32, arch);
                assertEquals(java.util.Set.of(DType.F32), s.tensorsByType().keySet(), arch);
                assertTrue(s.fellBack().isEmpty());
                try (Checkpoint back = GgufModel.open(file)) {
                    ModelConfig r = back.config();
                    assertEquals(arch.startsWith("Qwen") ? RopeStyle.HALVES : RopeStyle.PAIRS, r.ropeStyle(), arch);
                    assertEquals(arch.equals("MistralForCausalLM") ? "LlamaForCausalLM" : arch, r.architecture());
                    assertEquals(c.withRopeStyle(r.ropeStyle()), new ModelConfig(c.architecture(), r.hiddenSize(),
                            r.intermediateSize(), r.numLayers(), r.numHeads(), r.numKvHeads(), r.headDim(), r.vocabSize(),
                            r.contextLength(), r.rmsNormEps(), r.ropeTheta(), r.ropeScaling(), r.ropeStyle(),
                            r.tieWordEmbeddings(), r.attentionBias(), r.qkNorm(), r.bosTokenId(), r.eosTokenIds()), arch);
                    float[] actual = logits(back);
                    for (int i = 0; i < expected.length; i++) {
                        assertEquals(expected[i], actual[i], 1e-5f * (1 + Math.abs(expected[i])), arch + " logit " + i);
                    }
                }
            }
        }
    }

    @Test
    void quantizedMatricesKeepTheLogitsCloseAndRowsThatAreNotWholeBlocksFallBack() throws IOException {
        // width 256: every matrix row is whole Q4_K super-blocks except the MLP's down_proj rows of 320
        ModelConfig c = new ModelConfig("Qwen3ForCausalLM", 256, 320, 1, 4, 2, 64, 64, 64, 1e-6f, 10000f, null,
                RopeStyle.HALVES, false, false, true, 1, List.of(2));
        try (Checkpoint source = TinyModels.checkpoint(c, 5)) {
            float[] expected = logits(source);
            double scale = Math.sqrt(Arrays.stream(toDoubles(expected)).map(x -> x * x).average().orElseThrow());
            for (GgufExport.Quantization q : GgufExport.Quantization.values()) {
                Path file = tmp.resolve(q.flag() + ".gguf");
                GgufExport.Summary s = GgufExport.write(source, tokenizer(), file, q, "q");
                try (Arena arena = Arena.ofConfined(); Checkpoint back = GgufModel.open(file)) {
                    Gguf gguf = Gguf.read(file, arena);
                    assertEquals(q.dtype, gguf.tensors().get("blk.0.attn_q.weight").dtype(), q.flag());
                    assertEquals(DType.F32, gguf.tensors().get("blk.0.attn_q_norm.weight").dtype(), "norms stay F32");
                    DType down = gguf.tensors().get("blk.0.ffn_down.weight").dtype();
                    assertEquals(q == GgufExport.Quantization.Q4_K ? DType.Q8_0 : q.dtype, down, q.flag());
                    assertEquals(q == GgufExport.Quantization.Q4_K ? List.of("blk.0.ffn_down.weight as Q8_0 (rows of 320)")
                            : List.of(), s.fellBack());
                    assertEquals(Files.size(file), s.bytes());
                    float[] actual = logits(back);
                    double rms = Math.sqrt(IntStream.range(0, expected.length)
                            .mapToDouble(i -> (expected[i] - actual[i]) * (expected[i] - actual[i])).average().orElseThrow());
                    // measured on these random weights: f32 0, f16 8e-4, bf16 6e-3, q8_0 0.020, q4_0 0.31, q4_k 0.28 of
                    // the logits' RMS; a misplaced row or block would move them by more than their RMS
                    double bound = switch (q) {
                        case F32 -> 1e-6;
                        case F16 -> 2e-3;
                        case BF16 -> 2e-2;
                        case Q8_0 -> 5e-2;
                        default -> 0.45;
                    };
                    assertTrue(rms <= bound * scale, q.flag() + ": logits moved by " + rms / scale + " of their RMS");
                }
            }
        }
    }

    private static double[] toDoubles(float[] x) {
        return IntStream.range(0, x.length).mapToDouble(i -> x[i]).toArray();
    }

    @Test
    void theTokenizerTravelsInTheFile() {
        Path file = tmp.resolve("t.gguf");
        Tokenizer t = tokenizer();
        try (Checkpoint source = TinyModels.checkpoint(TinyModels.config("Qwen2ForCausalLM"), 3)) {
            GgufExport.write(source, t, file, GgufExport.Quantization.F16, "t");
        }
        Tokenizer back = Tokenizers.fromGguf(Gguf.readMetadata(file), file);
        for (String text : List.of("!\"#!\"", "ABC DEF", "")) {
            assertArrayEquals(t.encode(text), back.encode(text), text);
        }
        assertEquals(50, back.vocabSize(), "padded to the model's 50 rows");
        assertEquals(t.chatTemplate().orElseThrow().source(), back.chatTemplate().orElseThrow().source());
    }

    @Test
    void aModelGgufCannotExpressLeavesNothingBehind() throws IOException {
        ModelConfig llama = TinyModels.config("LlamaForCausalLM");   // Llama 3 scaling with an original context of 16
        Path file = tmp.resolve("out").resolve("m.gguf");
        Files.createDirectories(file.getParent());
        try (Checkpoint source = TinyModels.checkpoint(llama, 1)) {
            String message = assertThrows(BadInputException.class,
                    () -> GgufExport.write(source, tokenizer(), file, GgufExport.Quantization.F32, "m")).getMessage();
            assertTrue(message.contains("cannot be written to GGUF"), message);
        }
        try (Stream<Path> left = Files.list(file.getParent())) {
            assertEquals(List.of(), left.toList());
        }
    }
}
