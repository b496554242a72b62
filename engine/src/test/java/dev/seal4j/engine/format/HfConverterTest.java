package dev.seal4j.engine.format;

import dev.seal4j.engine.model.Checkpoint;
import dev.seal4j.engine.model.ModelConfig;
import dev.seal4j.engine.model.ModelConfig.RopeStyle;
import dev.seal4j.engine.tensor.DType;
import dev.seal4j.engine.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class HfConverterTest {
    @TempDir
    Path tmp;

    /** llama2.c / GGUF-llama RoPE: rotates (x[2i], x[2i+1]) of each head by pos·theta^(−2i/d). */
    static float[] ropePairs(float[] x, int headDim, int pos) {
        float[] out = x.clone();
        for (int h = 0; h < x.length / headDim; h++) {
            for (int i = 0; i < headDim / 2; i++) {
                double angle = pos * Math.pow(10000, -2.0 * i / headDim);
                int a = h * headDim + 2 * i, b = a + 1;
                out[a] = (float) (x[a] * Math.cos(angle) - x[b] * Math.sin(angle));
                out[b] = (float) (x[a] * Math.sin(angle) + x[b] * Math.cos(angle));
            }
        }
        return out;
    }

    /** Hugging Face RoPE (rotate_half): rotates (x[i], x[i + d/2]) of each head by the same angles. */
    static float[] ropeHalves(float[] x, int headDim, int pos) {
        float[] out = x.clone();
        for (int h = 0; h < x.length / headDim; h++) {
            for (int i = 0; i < headDim / 2; i++) {
                double angle = pos * Math.pow(10000, -2.0 * i / headDim);
                int a = h * headDim + i, b = a + headDim / 2;
                out[a] = (float) (x[a] * Math.cos(angle) - x[b] * Math.sin(angle));
                out[b] = (float) (x[a] * Math.sin(angle) + x[b] * Math.cos(angle));
            }
        }
        return out;
    }

    static float[] matVec(float[] w, int rows, int cols, float[] x) {
        float[] y = new float[rows];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                y[r] += w[r * cols + c] * x[c];
            }
        }
        return y;
    }

    /**
     * Hugging Face's convert_llama_weights_to_hf permute, view(heads, d/2, 2, cols).transpose(1, 2), as an
     * index map: output row (h, j, i) is input row (h, i, j).
     */
    static int hfPermuteSource(int row, int headDim) {
        int h = row / headDim, j = (row % headDim) / (headDim / 2), i = row % (headDim / 2);
        return h * headDim + 2 * i + j;
    }

    @Test
    void permutedRowsRotatedAsHalvesEqualOriginalRowsRotatedAsPairs() {
        Random rnd = new Random(21);
        int heads = 3, headDim = 8, cols = 5, rows = heads * headDim;
        float[] wq = Fixtures.random(rows * cols, rnd), wk = Fixtures.random(rows * cols, rnd);
        int[] order = RopeRows.pairsToHalves(rows, headDim);
        for (int r = 0; r < rows; r++) {
            assertEquals(hfPermuteSource(r, headDim), order[r], "row " + r);
        }
        float[] wqPermuted = new float[wq.length], wkPermuted = new float[wk.length];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(wq, order[r] * cols, wqPermuted, r * cols, cols);
            System.arraycopy(wk, order[r] * cols, wkPermuted, r * cols, cols);
        }
        for (int trial = 0; trial < 20; trial++) {
            float[] x = Fixtures.random(cols, rnd), y = Fixtures.random(cols, rnd);
            int m = rnd.nextInt(100), n = rnd.nextInt(100);
            float[] qPairs = ropePairs(matVec(wq, rows, cols, x), headDim, m);
            float[] qHalves = ropeHalves(matVec(wqPermuted, rows, cols, x), headDim, m);
            float[] kPairs = ropePairs(matVec(wk, rows, cols, y), headDim, n);
            float[] kHalves = ropeHalves(matVec(wkPermuted, rows, cols, y), headDim, n);
            for (int r = 0; r < rows; r++) {
                assertEquals(qPairs[order[r]], qHalves[r], 1e-4, "q row " + r);
            }
            for (int h = 0; h < heads; h++) { // attention scores agree head by head
                double pairs = 0, halves = 0;
                for (int i = h * headDim; i < (h + 1) * headDim; i++) {
                    pairs += qPairs[i] * kPairs[i];
                    halves += qHalves[i] * kHalves[i];
                }
                assertEquals(pairs, halves, 1e-4, "score of head " + h);
            }
        }
    }

    @Test
    void stories260KBecomesAHuggingFaceDirectoryWithPermutedQueriesAndKeys() {
        Path bin = Fixtures.stories260K();
        assumeTrue(Files.exists(bin), "shared stories260K.bin not present");
        Path out = tmp.resolve("stories260K-hf");
        try (Checkpoint source = Llama2c.open(bin)) {
            HfConverter.write(source, out, DType.F32, List.of());
            try (Checkpoint hf = HfModelDir.open(out)) {
                ModelConfig c = hf.config();
                assertEquals(source.config().withRopeStyle(RopeStyle.HALVES), c);
                assertEquals(source.tensors().keySet(), hf.tensors().keySet());
                for (var e : source.tensors().entrySet()) {
                    Tensor from = e.getValue(), to = hf.tensor(e.getKey());
                    boolean permuted = e.getKey().contains("q_proj") || e.getKey().contains("k_proj");
                    for (int r = 0; r < from.rows(); r++) {
                        int src = permuted ? hfPermuteSource(r, c.headDim()) : r;
                        for (int col = 0; col < from.cols(); col++) {
                            assertEquals(from.get((long) src * from.cols() + col), to.get((long) r * to.cols() + col),
                                    e.getKey() + " row " + r);
                        }
                    }
                }
            }
        }
    }

    @Test
    void quantizedLlamaGgufWithBiasesConvertsToBf16() throws Exception {
        Random rnd = new Random(31);
        ModelConfig c = TinyModels.config("LlamaForCausalLM", 16, RopeStyle.PAIRS, true, true, false);
        Map<String, TinyModels.Shaped> weights = TinyModels.weights(c, rnd);
        Path file = tmp.resolve("q8.gguf");
        try (Arena arena = Arena.ofConfined()) {
            GgufWriter w = new GgufWriter().putString("general.architecture", "llama")
                    .putUInt32("llama.context_length", TinyModels.CONTEXT)
                    .putUInt32("llama.embedding_length", TinyModels.HIDDEN)
                    .putUInt32("llama.block_count", TinyModels.LAYERS)
                    .putUInt32("llama.feed_forward_length", TinyModels.FFN)
                    .putUInt32("llama.attention.head_count", TinyModels.HEADS)
                    .putUInt32("llama.attention.head_count_kv", TinyModels.KV_HEADS)
                    .putFloat32("llama.attention.layer_norm_rms_epsilon", 1e-5f)
                    .putUInt32("tokenizer.ggml.bos_token_id", 1)
                    .putUInt32("tokenizer.ggml.eos_token_id", 2);
            for (var e : weights.entrySet()) {
                long[] shape = e.getValue().shape();
                Tensor t = shape.length == 2 ? q8(arena, rnd, shape) : Fixtures.floats(arena, DType.F32, e.getValue().values(), shape);
                w.tensor(TinyModels.ggufName(e.getKey()), TensorData.of(t));
            }
            w.write(file);
        }
        Path out = tmp.resolve("hf");
        try (Checkpoint source = GgufModel.open(file)) {
            assertEquals(DType.Q8_0, source.tensor("model.layers.0.mlp.up_proj.weight").dtype());
            HfConverter.write(source, out, DType.BF16, List.of());
            try (Checkpoint hf = HfModelDir.open(out)) {
                assertEquals(DType.BF16, hf.tensor("model.layers.0.mlp.up_proj.weight").dtype());
                for (var e : source.tensors().entrySet()) {
                    Tensor from = e.getValue(), to = hf.tensor(e.getKey());
                    boolean permuted = e.getKey().contains("q_proj") || e.getKey().contains("k_proj");
                    int rows = from.rank() == 1 ? (int) from.size() : from.rows(), cols = from.rank() == 1 ? 1 : from.cols();
                    for (int r = 0; r < rows; r++) {
                        int src = permuted ? hfPermuteSource(r, 16) : r;
                        for (int col = 0; col < cols; col++) {
                            assertEquals(Fixtures.roundToBf16(from.get((long) src * cols + col)), to.get((long) r * cols + col),
                                    e.getKey() + " " + r + "," + col);
                        }
                    }
                }
                // transformers gives Llama an o_proj bias whenever attention_bias is set; the GGUF had none
                assertArrayEquals(new float[TinyModels.HIDDEN], hf.tensor("model.layers.1.self_attn.o_proj.bias").toFloatArray());
                assertFalse(hf.has("lm_head.weight"));
            }
        }
    }

    /** A random Q8_0 matrix built from its definition: per 32 values an f16 scale then 32 int8. */
    private static Tensor q8(Arena arena, Random rnd, long... shape) {
        int blocks = (int) (shape[0] * shape[1] / 32);
        ByteBuffer b = ByteBuffer.allocate(blocks * 34).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < blocks; i++) {
            b.putShort(Float.floatToFloat16(0.001f * (1 + rnd.nextInt(50))));
            for (int j = 0; j < 32; j++) {
                b.put((byte) (rnd.nextInt(255) - 127));
            }
        }
        return Fixtures.tensor(arena, DType.Q8_0, b.array(), shape);
    }
}
