package dev.seal4j.engine.format;

import dev.seal4j.engine.BadInputException;
import dev.seal4j.engine.model.Checkpoint;
import dev.seal4j.engine.tensor.DType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Malformed files of every format: random bytes, truncations and corruptions of valid files, and each
 * specific malformation. Every one must end in a one-line BadInputException that names the file — never an
 * IndexOutOfBounds, NegativeArraySize, OutOfMemoryError or a hang.
 */
@Timeout(120)
class BadInputTest {
    @TempDir
    Path dir;

    /** Each parser, opening a file and releasing it again. */
    private static final Map<String, Consumer<Path>> PARSERS = new LinkedHashMap<>();

    static {
        PARSERS.put("safetensors", f -> {
            try (Arena a = Arena.ofConfined()) {
                Safetensors.read(f, a);
            }
        });
        PARSERS.put("gguf", f -> {
            try (Arena a = Arena.ofConfined()) {
                Gguf.read(f, a);
            }
        });
        PARSERS.put("gguf model", f -> GgufModel.open(f).close());
        PARSERS.put("llama2.c", f -> Llama2c.open(f).close());
        PARSERS.put("any checkpoint", f -> Checkpoints.open(f).close());
    }

    private static void assertOneLineNaming(Path file, BadInputException e) {
        String m = e.getMessage();
        assertTrue(m.startsWith(file + ": "), "names the file: " + m);
        assertFalse(m.contains("\n") || m.contains("\r"), "one line: " + m);
    }

    private static void assertBadInput(Consumer<Path> parser, Path file, String context) {
        BadInputException e = assertThrows(BadInputException.class, () -> parser.accept(file), context);
        assertOneLineNaming(file, e);
    }

    /** A corrupted file may still be valid (a flipped byte inside tensor data); it must never fail otherwise. */
    private static void assertReadsOrBadInput(Consumer<Path> parser, Path file) {
        try {
            parser.accept(file);
        } catch (BadInputException e) {
            assertOneLineNaming(file, e);
        }
    }

    private byte[] validSafetensors() throws Exception {
        Path f = dir.resolve("valid.safetensors");
        Random rnd = new Random(1);
        Safetensors.write(f, Map.of(
                "a", TensorData.of(Fixtures.random(12, rnd), DType.F32, 3, 4),
                "b", TensorData.of(Fixtures.random(6, rnd), DType.BF16, 6),
                "c", TensorData.of(Fixtures.random(4, rnd), DType.F16, 2, 2)), Map.of("format", "pt"));
        return Files.readAllBytes(f);
    }

    private byte[] validGgufModel() throws Exception {
        Path f = dir.resolve("valid.gguf");
        Random rnd = new Random(2);
        var c = TinyModels.config("Qwen3ForCausalLM", 8, dev.seal4j.engine.model.ModelConfig.RopeStyle.HALVES,
                true, false, true);
        GgufWriter w = new GgufWriter().putString("general.architecture", "qwen3")
                .putUInt32("qwen3.context_length", 64).putUInt32("qwen3.embedding_length", TinyModels.HIDDEN)
                .putUInt32("qwen3.block_count", TinyModels.LAYERS).putUInt32("qwen3.feed_forward_length", TinyModels.FFN)
                .putUInt32("qwen3.attention.head_count", TinyModels.HEADS)
                .putUInt32("qwen3.attention.head_count_kv", TinyModels.KV_HEADS)
                .putUInt32("qwen3.attention.key_length", 8)
                .putFloat32("qwen3.attention.layer_norm_rms_epsilon", 1e-6f)
                .putArray("tokenizer.ggml.tokens", GgufValueType.STRING, List.of("a", "bc", "def"))
                .putArray("nested", GgufValueType.ARRAY, List.of(new GgufWriter.ArrayValue(GgufValueType.STRING, List.of("x"))))
                .putUInt32("tokenizer.ggml.eos_token_id", 2);
        // small weights keep the file small enough to truncate at every length
        TinyModels.weights(c, rnd).forEach((name, t) -> w.tensor(TinyModels.ggufName(name),
                TensorData.of(t.values(), t.shape().length == 1 ? DType.F32 : DType.BF16, t.shape())));
        w.write(f);
        return Files.readAllBytes(f);
    }

    private byte[] validLlama2c() {
        int dim = 8, hidden = 12, layers = 2, heads = 2, kvHeads = 1, vocab = 10, seq = 4;
        int floats = vocab * dim + layers * (2 * dim + 2 * dim * dim + 2 * dim * (dim / 2) + 3 * dim * hidden) + dim + seq * dim / heads;
        ByteBuffer b = ByteBuffer.allocate(28 + 4 * floats).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(dim).putInt(hidden).putInt(layers).putInt(heads).putInt(kvHeads).putInt(vocab).putInt(seq);
        return b.array();
    }

    private Map<String, byte[]> validFiles() throws Exception {
        return Map.of("safetensors", validSafetensors(), "gguf", validGgufModel(), "gguf model", validGgufModel(),
                "llama2.c", validLlama2c());
    }

    @Test
    void theValidFilesUsedBelowAreValid() throws Exception {
        for (var e : validFiles().entrySet()) {
            Path f = Files.write(dir.resolve("ok-" + e.getKey().replace(' ', '-')), e.getValue());
            PARSERS.get(e.getKey()).accept(f);
        }
        Checkpoints.open(Files.write(dir.resolve("ok.bin"), validLlama2c())).close();
        Checkpoints.open(Files.write(dir.resolve("ok.gguf"), validGgufModel())).close();
    }

    @Test
    void randomBytesAreRefused() throws Exception {
        Random rnd = new Random(42);
        Path f = dir.resolve("random.bin");
        byte[][] prefixes = {{}, "GGUF".getBytes(StandardCharsets.US_ASCII), {'G', 'G', 'U', 'F', 3, 0, 0, 0},
                {16, 0, 0, 0, 0, 0, 0, 0, '{'}};
        for (int trial = 0; trial < 300; trial++) {
            byte[] prefix = prefixes[trial % prefixes.length];
            byte[] bytes = new byte[prefix.length + rnd.nextInt(trial % 10 == 0 ? 20 : 3000)];
            rnd.nextBytes(bytes);
            System.arraycopy(prefix, 0, bytes, 0, prefix.length);
            Files.write(f, bytes);
            for (var p : PARSERS.entrySet()) {
                assertBadInput(p.getValue(), f, p.getKey() + " trial " + trial);
            }
        }
    }

    @Test
    void everyTruncationOfAValidFileIsRefused() throws Exception {
        Random rnd = new Random(7);
        for (var e : validFiles().entrySet()) {
            byte[] valid = e.getValue();
            Path f = dir.resolve("cut-" + e.getKey().replace(' ', '-'));
            for (int trial = 0; trial < 400; trial++) {
                int length = trial < 100 ? trial : rnd.nextInt(valid.length);
                Files.write(f, Arrays.copyOf(valid, Math.min(length, valid.length - 1)));
                assertBadInput(PARSERS.get(e.getKey()), f, e.getKey() + " cut at " + length);
                if (trial % 4 == 0) {
                    assertBadInput(PARSERS.get("any checkpoint"), f, e.getKey() + " cut at " + length);
                }
            }
        }
    }

    @Test
    void corruptedFilesReadOrAreRefused() throws Exception {
        Random rnd = new Random(9);
        for (var e : validFiles().entrySet()) {
            byte[] valid = e.getValue();
            Path f = dir.resolve("bad-" + e.getKey().replace(' ', '-'));
            // the headers are where lengths live: corrupt there most often
            int headerEnd = Math.min(valid.length, e.getKey().startsWith("gguf") ? 1200 : 400);
            for (int trial = 0; trial < 600; trial++) {
                byte[] bytes = valid.clone();
                for (int k = 1 + rnd.nextInt(4); k > 0; k--) {
                    int at = rnd.nextInt(rnd.nextBoolean() ? headerEnd : bytes.length);
                    bytes[at] = switch (rnd.nextInt(4)) {
                        case 0 -> (byte) 0xFF;
                        case 1 -> 0;
                        case 2 -> (byte) (bytes[at] ^ (1 << rnd.nextInt(8)));
                        default -> (byte) rnd.nextInt(256);
                    };
                }
                Files.write(f, bytes);
                assertReadsOrBadInput(PARSERS.get(e.getKey()), f);
            }
        }
    }

    // ---- safetensors, one malformation at a time ----

    private Path safetensors(String json, int dataBytes) throws Exception {
        return Files.write(dir.resolve("case.safetensors"), SafetensorsTest.concat(SafetensorsTest.lengthPrefix(json.length()),
                json.getBytes(StandardCharsets.UTF_8), new byte[dataBytes]));
    }

    private void assertSafetensors(String expected, String json, int dataBytes) throws Exception {
        Path f = safetensors(json, dataBytes);
        BadInputException e = assertThrows(BadInputException.class, () -> PARSERS.get("safetensors").accept(f));
        assertEquals(f + ": " + expected, e.getMessage());
    }

    @Test
    void safetensorsMalformations() throws Exception {
        assertSafetensors("tensor 'x' data offsets [0, 999) do not fit the 16 data bytes after the header",
                "{\"x\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,999]}}", 16);
        assertSafetensors("tensor 'x' data offsets [8, 4) do not fit the 16 data bytes after the header",
                "{\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,4]}}", 16);
        assertSafetensors("tensor 'x' data_offsets must hold non-negative integers, got -8",
                "{\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[-8,0]}}", 16);
        assertSafetensors("tensors 'a' [0, 16) and 'b' [8, 16) overlap",
                "{\"a\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]},"
                        + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,16]}}", 16);
        assertSafetensors("tensor 'ids' has dtype I64, which is not supported (supported: F32, F16, BF16)",
                "{\"ids\":{\"dtype\":\"I64\",\"shape\":[2],\"data_offsets\":[0,16]}}", 16);
        assertSafetensors("tensor 'x' is F16[3, 3] but data offsets [0, 16) hold 16 bytes",
                "{\"x\":{\"dtype\":\"F16\",\"shape\":[3,3],\"data_offsets\":[0,16]}}", 16);
        assertSafetensors("tensor 'x' shape [4294967296, 4294967296, 4294967296] is too large",
                "{\"x\":{\"dtype\":\"F16\",\"shape\":[4294967296,4294967296,4294967296],\"data_offsets\":[0,16]}}", 16);
        assertSafetensors("tensor 'x' shape must be an array of integers",
                "{\"x\":{\"dtype\":\"F32\",\"shape\":\"4\",\"data_offsets\":[0,16]}}", 16);
        assertSafetensors("tensor 'x' data_offsets must be an array of 2 integers",
                "{\"x\":{\"dtype\":\"F32\",\"shape\":[4]}}", 16);
        assertSafetensors("tensor 'x' has no dtype string", "{\"x\":{\"shape\":[4],\"data_offsets\":[0,16]}}", 16);
        assertSafetensors("__metadata__ value 'n' must be a string", "{\"__metadata__\":{\"n\":1}}", 0);
        assertSafetensors("header does not start with '{' (not a safetensors file?)", "[1, 2]", 0);
        assertSafetensors("header does not start with '{' (not a safetensors file?)", " {}", 0);
        Path f = safetensors("{\"x\":", 0);
        BadInputException e = assertThrows(BadInputException.class, () -> PARSERS.get("safetensors").accept(f));
        assertTrue(e.getMessage().startsWith(f + ": header: invalid JSON: "), e.getMessage());
        assertOneLineNaming(f, e);

        Path past = Files.write(dir.resolve("past.safetensors"), SafetensorsTest.concat(SafetensorsTest.lengthPrefix(1000), "{}".getBytes()));
        BadInputException p = assertThrows(BadInputException.class, () -> PARSERS.get("safetensors").accept(past));
        assertEquals(past + ": header length 1000 is impossible for a file of 10 bytes (not a safetensors file?)", p.getMessage());
    }

    // ---- GGUF, one malformation at a time ----

    /** The hand-built GGUF of GgufTest with bytes changed by {@code edit}. */
    private void assertGguf(String expected, Consumer<ByteBuffer> edit) throws Exception {
        ByteBuffer b = ByteBuffer.wrap(GgufTest.handBuilt(3)).order(ByteOrder.LITTLE_ENDIAN);
        edit.accept(b);
        Path f = Files.write(dir.resolve("case.gguf"), b.array());
        BadInputException e = assertThrows(BadInputException.class, () -> PARSERS.get("gguf").accept(f));
        assertEquals(f + ": " + expected, e.getMessage());
    }

    // offsets in GgufTest.handBuilt (258 bytes): 8 tensor count, 16 metadata count, 24 first key length,
    // 52 its value type; tensor info 'm' at 105: 114 n_dims, 118 ne[0], 134 type, 138 offset;
    // tensor info 'v' at 146: 155 n_dims, 159 ne[0], 167 type, 171 offset; data section from 192 (66 bytes)

    @Test
    void ggufMalformations() throws Exception {
        assertGguf("GGUF version 1 is not supported (supported: 2, 3)", b -> b.putInt(4, 1));
        assertGguf("is a big-endian GGUF file, which is not supported", b -> b.putInt(4, 0x03000000));
        assertGguf("metadata entry 0: 9223372036854775807 string bytes cannot fit in the 226 bytes left in the file",
                b -> b.putLong(24, Long.MAX_VALUE));
        assertGguf("metadata entry 0: 18446744073709551615 string bytes cannot fit in the 226 bytes left in the file",
                b -> b.putLong(24, -1));
        assertGguf("the GGUF header: 1000000 metadata entries cannot fit in the 234 bytes left in the file",
                b -> b.putLong(16, 1_000_000));
        assertGguf("the tensor infos: 1000000000000 tensor infos cannot fit in the 153 bytes left in the file",
                b -> b.putLong(8, 1_000_000_000_000L));
        assertGguf("metadata 'general.architecture': unknown metadata value type 13", b -> b.putInt(52, 13));
        assertGguf("tensor 'm' has 5 dimensions (at most 4)", b -> b.putInt(114, 5));
        assertGguf("tensor 'm' has an impossible dimension 18446744073709551615", b -> b.putLong(118, -1));
        assertGguf("tensor 'v' has ggml type unknown type 77, which is not supported (supported: "
                + "F32, F16, BF16, Q8_0, Q4_0, Q4_K, Q6_K)", b -> b.putInt(167, 77));
        assertGguf("tensor 'v' rows of 16 values are not whole Q8_0 blocks of 32 (shape [16])", b -> b.putLong(159, 16));
        assertGguf("tensor 'm' offset 4 is not a multiple of the alignment 32", b -> b.putLong(138, 4));
        assertGguf("tensors 'm' and 'v' overlap", b -> b.putLong(171, 0));
        assertGguf("tensor 'v' data [64, 98) runs past the end of the data section (66 bytes)", b -> b.putLong(171, 64));
        assertGguf("tensor 'v\\u000a' has ggml type unknown type 77, which is not supported (supported: "
                + "F32, F16, BF16, Q8_0, Q4_0, Q4_K, Q6_K)", b -> {
            b.putLong(146, 2); // the name "v" grows by one byte, a line feed (ne[0] then starts one byte later)
            b.put(155, (byte) '\n').putInt(156, 1).putLong(160, 32).putInt(168, 77);
        });

        ByteBuffer dup = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        dup.put("GGUF".getBytes(StandardCharsets.US_ASCII)).putInt(3).putLong(0).putLong(2);
        for (int i = 0; i < 2; i++) {
            dup.putLong(1).put((byte) 'k').putInt(4).putInt(i);
        }
        Path f = Files.write(dir.resolve("dup.gguf"), dup.array());
        BadInputException e = assertThrows(BadInputException.class, () -> PARSERS.get("gguf").accept(f));
        assertEquals(f + ": metadata key 'k' appears twice", e.getMessage());
    }

    @Test
    void ggufArraysNestedWithoutEndAndHugeArraysAreRefused() throws Exception {
        ByteBuffer b = ByteBuffer.allocate(24 + 8 + 1 + 4 + 12 * 1000).order(ByteOrder.LITTLE_ENDIAN);
        b.put("GGUF".getBytes(StandardCharsets.US_ASCII)).putInt(3).putLong(0).putLong(1);
        b.putLong(1).put((byte) 'k').putInt(9);
        while (b.remaining() >= 12) {
            b.putInt(9).putLong(1); // an array holding an array holding an array ...
        }
        Path f = Files.write(dir.resolve("deep.gguf"), b.array());
        BadInputException e = assertThrows(BadInputException.class, () -> PARSERS.get("gguf").accept(f));
        assertEquals(f + ": metadata 'k': arrays are nested more than 8 deep", e.getMessage());

        ByteBuffer huge = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        huge.put("GGUF".getBytes(StandardCharsets.US_ASCII)).putInt(3).putLong(0).putLong(1);
        huge.putLong(1).put((byte) 'k').putInt(9).putInt(8).putLong(1L << 40);
        Path g = Files.write(dir.resolve("huge.gguf"), huge.array());
        BadInputException h = assertThrows(BadInputException.class, () -> PARSERS.get("gguf").accept(g));
        assertEquals(g + ": metadata 'k': 1099511627776 array elements cannot fit in the 15 bytes left in the file",
                h.getMessage());
    }

    @Test
    void ggufAlignmentMustBeAPowerOfTwo() throws Exception {
        Path f = dir.resolve("align.gguf");
        new GgufWriter().putUInt32(Gguf.ALIGNMENT_KEY, 32).write(f);
        byte[] bytes = Files.readAllBytes(f);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(bytes.length - 4, 24);
        Files.write(f, bytes);
        BadInputException e = assertThrows(BadInputException.class, () -> PARSERS.get("gguf").accept(f));
        assertEquals(f + ": general.alignment must be a power of two up to 1 MiB, got 24", e.getMessage());
    }

    // ---- llama2.c, one malformation at a time ----

    @Test
    void llama2cMalformations() throws Exception {
        Path f = dir.resolve("case.bin");
        Files.write(f, ByteBuffer.allocate(28).order(ByteOrder.LITTLE_ENDIAN).putInt(0x616b3432).array());
        BadInputException versioned = assertThrows(BadInputException.class, () -> Llama2c.open(f));
        assertEquals(f + ": is a versioned llama2.c export (magic \"ak42\"); only the legacy format "
                + "(export.py --version 0) is supported", versioned.getMessage());
        Files.write(f, ByteBuffer.allocate(28).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(10).putInt(12).putInt(1).putInt(3).putInt(3).putInt(5).putInt(4).array());
        BadInputException heads = assertThrows(BadInputException.class, () -> Llama2c.open(f));
        assertEquals(f + ": header (dim 10, hidden_dim 12, n_layers 1, n_heads 3, n_kv_heads 3, vocab_size 5, seq_len 4)"
                + " is not a llama2.c model (not a llama2.c file?)", heads.getMessage());
        Files.write(f, ByteBuffer.allocate(28).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(1 << 30).putInt(1 << 30).putInt(1 << 30).putInt(2).putInt(2).putInt(1 << 30).putInt(1 << 30).array());
        BadInputException huge = assertThrows(BadInputException.class, () -> Llama2c.open(f));
        assertEquals(f + ": header describes a model too large to exist", huge.getMessage());
    }

    // ---- Hugging Face directories and the format dispatcher ----

    @Test
    void hfDirectoryMalformations() throws Exception {
        Path d = Files.createDirectory(dir.resolve("model"));
        Files.writeString(d.resolve("config.json"), "{\"model_type\": ");
        BadInputException json = assertThrows(BadInputException.class, () -> HfModelDir.open(d));
        assertTrue(json.getMessage().startsWith(d.resolve("config.json") + ": invalid JSON: "), json.getMessage());
        assertOneLineNaming(d.resolve("config.json"), json);

        Files.write(d.resolve("config.json"), HfConfig.toJsonBytes(TinyModels.llama(true), DType.F32));
        Files.writeString(d.resolve("model.safetensors.index.json"),
                "{\"weight_map\":{\"model.norm.weight\":\"../elsewhere.safetensors\"}}");
        BadInputException escape = assertThrows(BadInputException.class, () -> HfModelDir.open(d));
        assertEquals(d.resolve("model.safetensors.index.json") + ": weight_map entry 'model.norm.weight' must name "
                + "a .safetensors file in the same directory, got \"../elsewhere.safetensors\"", escape.getMessage());

        Files.writeString(d.resolve("model.safetensors.index.json"),
                "{\"weight_map\":{\"model.norm.weight\":\"model-00001-of-00002.safetensors\"}}");
        BadInputException shard = assertThrows(BadInputException.class, () -> HfModelDir.open(d));
        assertEquals(d.resolve("model.safetensors.index.json") + ": lists shard 'model-00001-of-00002.safetensors', "
                + "which does not exist", shard.getMessage());

        Files.delete(d.resolve("model.safetensors.index.json"));
        Map<String, TensorData> weights = new LinkedHashMap<>();
        TinyModels.weights(TinyModels.llama(true), new Random(3)).forEach((n, w) -> weights.put(n,
                n.equals("model.layers.1.mlp.down_proj.weight") ? TensorData.of(new float[6], DType.F32, 2, 3)
                        : TensorData.of(w.values(), DType.F32, w.shape())));
        Safetensors.write(d.resolve("model.safetensors"), weights, Map.of());
        BadInputException shape = assertThrows(BadInputException.class, () -> HfModelDir.open(d));
        assertEquals(d + ": tensor 'model.layers.1.mlp.down_proj.weight' has shape [2, 3], the config needs [64, 96]",
                shape.getMessage());
    }

    @Test
    void dispatcherNamesWhatItCannotRead() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.txt"), "just some text, not a model at all");
        BadInputException e = assertThrows(BadInputException.class, () -> Checkpoints.open(text));
        assertTrue(e.getMessage().startsWith(text + ": is not a model this program reads"), e.getMessage());
        assertOneLineNaming(text, e);
        Path missing = dir.resolve("nothing-here");
        assertEquals(missing + ": no such file or directory",
                assertThrows(BadInputException.class, () -> Checkpoints.open(missing)).getMessage());
        assertEquals(dir + ": is a directory, expected a file",
                assertThrows(BadInputException.class, () -> PARSERS.get("safetensors").accept(dir)).getMessage());
        Path lone = Files.write(dir.resolve("lone.safetensors"), validSafetensors());
        BadInputException alone = assertThrows(BadInputException.class, () -> Checkpoints.open(lone));
        assertTrue(alone.getMessage().contains("config.json"), alone.getMessage());
    }

    @Test
    void checkpointsOpenEachFormat() throws Exception {
        try (Checkpoint c = Checkpoints.open(Files.write(dir.resolve("m.gguf"), validGgufModel()))) {
            assertEquals("Qwen3ForCausalLM", c.config().architecture());
        }
        try (Checkpoint c = Checkpoints.open(Files.write(dir.resolve("m.bin"), validLlama2c()))) {
            assertEquals(8, c.config().hiddenSize());
        }
        Path hf = dir.resolve("hf");
        Map<String, TensorData> weights = new LinkedHashMap<>();
        TinyModels.weights(TinyModels.llama(true), new Random(4)).forEach((n, w) -> weights.put(n, TensorData.of(w.values(), DType.F32, w.shape())));
        HfModelDir.write(hf, TinyModels.llama(true), weights, HfModelDir.DEFAULT_SHARD_BYTES, List.of());
        try (Checkpoint c = Checkpoints.open(hf)) {
            assertEquals(hf, c.source());
        }
        try (Checkpoint c = Checkpoints.open(hf.resolve("model.safetensors"))) {
            assertEquals(TinyModels.HIDDEN, c.config().hiddenSize());
        }
    }
}
