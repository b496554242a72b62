package dev.seal4j.engine.format;

import dev.seal4j.engine.BadInputException;
import dev.seal4j.engine.model.Checkpoint;
import dev.seal4j.engine.model.ModelConfig;
import dev.seal4j.engine.model.ModelConfig.RopeStyle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class Llama2cTest {
    @TempDir
    Path dir;

    /** One weight block of llama2.c's run.c layout: per-layer (or global) shape and its HF name. */
    record Block(String hfName, boolean perLayer, long... shape) {
        long floats() {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            return n;
        }
    }

    /** The weight order of llama2.c's memory_map_weights, with PyTorch's (out, in) shapes. */
    static List<Block> layout(int dim, int hidden, int heads, int kvHeads, int vocab, int seqLen, boolean shared) {
        int headSize = dim / heads, kvDim = kvHeads * headSize;
        List<Block> blocks = new ArrayList<>(List.of(
                new Block("model.embed_tokens.weight", false, vocab, dim),
                new Block("input_layernorm.weight", true, dim),
                new Block("self_attn.q_proj.weight", true, dim, dim),
                new Block("self_attn.k_proj.weight", true, kvDim, dim),
                new Block("self_attn.v_proj.weight", true, kvDim, dim),
                new Block("self_attn.o_proj.weight", true, dim, dim),
                new Block("post_attention_layernorm.weight", true, dim),
                new Block("mlp.gate_proj.weight", true, hidden, dim),
                new Block("mlp.down_proj.weight", true, dim, hidden),
                new Block("mlp.up_proj.weight", true, hidden, dim),
                new Block("model.norm.weight", false, dim),
                new Block(null, false, seqLen, headSize / 2),
                new Block(null, false, seqLen, headSize / 2)));
        if (!shared) {
            blocks.add(new Block("lm_head.weight", false, vocab, dim));
        }
        return blocks;
    }

    /** Checks that every tensor of {@code ckpt} holds the floats at its place in the file ({@code floatAt}). */
    static void assertLayout(Checkpoint ckpt, List<Block> blocks, int layers, java.util.function.LongFunction<Float> floatAt) {
        long at = 0;
        for (Block b : blocks) {
            for (int l = 0; l < (b.perLayer ? layers : 1); l++) {
                if (b.hfName != null) {
                    String name = b.perLayer ? "model.layers." + l + "." + b.hfName : b.hfName;
                    var t = ckpt.tensor(name);
                    assertArrayEquals(b.shape, t.shape(), name);
                    for (long i = 0; i < b.floats(); i += 1 + i / 7) {
                        assertEquals(floatAt.apply(at + i), t.get(i), name + "[" + i + "]");
                    }
                    assertEquals(floatAt.apply(at + b.floats() - 1), t.get(b.floats() - 1), name + " last");
                }
                at += b.floats();
            }
        }
    }

    @Test
    void stories260K() throws Exception {
        Path file = Fixtures.stories260K();
        assumeTrue(Files.exists(file), "shared stories260K.bin not present");
        ByteBuffer raw = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        try (Checkpoint ckpt = Llama2c.open(file)) {
            assertEquals(new ModelConfig("LlamaForCausalLM", 64, 172, 5, 8, 4, 8, 512, 512, 1e-5f, 10000f, null,
                    RopeStyle.PAIRS, true, false, false, 1, List.of(2)), ckpt.config());
            assertFalse(ckpt.has("lm_head.weight"));
            assertLayout(ckpt, layout(64, 172, 8, 4, 512, 512, true), 5, k -> raw.getFloat((int) (28 + 4 * k)));
            assertEquals(1 + 5 * 9 + 1, ckpt.tensors().size(), "embedding, 9 per layer, final norm");
        }
    }

    /** Writes a llama2.c file whose k-th float is k, so every value tells where it was read from. */
    private Path positionCoded(int dim, int hidden, int layers, int heads, int kvHeads, int vocab, int seqLen, boolean shared) throws Exception {
        long floats = 0;
        for (Block b : layout(dim, hidden, heads, kvHeads, vocab, seqLen, shared)) {
            floats += b.floats() * (b.perLayer ? layers : 1);
        }
        ByteBuffer buf = ByteBuffer.allocate((int) (28 + 4 * floats)).order(ByteOrder.LITTLE_ENDIAN);
        buf.putInt(dim).putInt(hidden).putInt(layers).putInt(heads).putInt(kvHeads).putInt(shared ? vocab : -vocab).putInt(seqLen);
        for (int k = 0; k < floats; k++) {
            buf.putFloat(k);
        }
        Path file = dir.resolve("coded.bin");
        Files.write(file, buf.array());
        return file;
    }

    @Test
    void separateClassifierFollowsTheRopeTables() throws Exception {
        Path file = positionCoded(32, 48, 3, 4, 2, 40, 16, false);
        try (Checkpoint ckpt = Llama2c.open(file)) {
            ModelConfig c = ckpt.config();
            assertFalse(c.tieWordEmbeddings());
            assertEquals(40, c.vocabSize());
            assertEquals(16, c.kvDim());
            assertLayout(ckpt, layout(32, 48, 4, 2, 40, 16, false), 3, k -> (float) k);
        }
    }

    @Test
    void aSizeThatDoesNotMatchTheHeaderIsRefused() throws Exception {
        Path file = positionCoded(32, 48, 3, 4, 2, 40, 16, true);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length + 4));
        BadInputException e = assertThrows(BadInputException.class, () -> Llama2c.open(file));
        assertEquals(file + ": header (dim 32, 3 layers, vocab 40, shared classifier, seq_len 16) needs "
                + bytes.length + " bytes but the file has " + (bytes.length + 4) + " (not a legacy llama2.c file?)",
                e.getMessage());
    }
}
