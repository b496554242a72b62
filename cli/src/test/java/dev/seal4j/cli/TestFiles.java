package dev.seal4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Test inputs: the engine's committed fixtures (read in place from the engine module), the shared models
 * (tests skip when absent), and a byte-level tokenizer with a chat template built on the fly.
 */
final class TestFiles {
    static final ObjectMapper JSON = new ObjectMapper();
    /** llama2.c's reference output: greedy decoding of stories260K from BOS for 60 tokens. */
    static final String STORIES_GOLDEN = "Once upon a time, there was a little girl named Lily. She loved to play outside "
            + "in the park. One day, she saw a big, red ball. She wanted to play with it, but it was too high";

    private TestFiles() {
    }

    /** A file of the engine's test fixtures (engine/src/test/resources/fixtures). */
    static Path fixture(String relative) {
        return Path.of("../engine/src/test/resources/fixtures").resolve(relative);
    }

    static Path shared(String relative) {
        Path p = Path.of(System.getProperty("seal4j.shared", "../shared")).resolve(relative);
        assumeTrue(Files.exists(p), p + " is absent");
        return p;
    }

    static Path storiesModel() {
        return shared("models/stories260K/stories260K.bin");
    }

    static Path storiesTokenizer() {
        return shared("models/stories260K/tok512.bin");
    }

    /** --model stories260K.bin --tokenizer tok512.bin */
    static List<String> stories() {
        return List.of("--model", storiesModel().toString(), "--tokenizer", storiesTokenizer().toString());
    }

    static List<String> args(List<String> first, String... more) {
        List<String> all = new ArrayList<>(first);
        all.addAll(List.of(more));
        return all;
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path write(Path file, String text) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path copy(Path from, Path to) {
        try {
            Files.createDirectories(to.toAbsolutePath().getParent());
            return Files.copy(from, to);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A model directory: the fixture hf/qwen2 weights (vocab 256) with a byte-level BPE tokenizer — one token
     * per byte for bytes 0..253 (0xFE and 0xFF never occur in UTF-8), no merges — plus the special tokens
     * &lt;|im_start|&gt; (254) and &lt;|im_end|&gt; (255, the EOS) and a ChatML chat template.
     */
    static Path chatModel(Path dir) {
        try {
            Files.createDirectories(dir);
            Path source = fixture("hf/qwen2");
            for (String f : List.of("config.json", "model.safetensors")) {
                Files.copy(source.resolve(f), dir.resolve(f));
            }
            ObjectNode tokenizer = JSON.createObjectNode();
            ArrayNode added = tokenizer.putArray("added_tokens");
            added.addObject().put("id", 254).put("content", "<|im_start|>").put("special", true);
            added.addObject().put("id", 255).put("content", "<|im_end|>").put("special", true);
            tokenizer.putObject("pre_tokenizer").put("type", "ByteLevel").put("add_prefix_space", false).put("use_regex", true);
            tokenizer.putObject("post_processor").put("type", "ByteLevel");
            tokenizer.putObject("decoder").put("type", "ByteLevel");
            ObjectNode model = tokenizer.putObject("model");
            model.put("type", "BPE");
            ObjectNode vocab = model.putObject("vocab");
            int[] unicodeOfByte = byteLevelAlphabet();
            for (int b = 0; b < 254; b++) {
                vocab.put(new String(Character.toChars(unicodeOfByte[b])), b);
            }
            model.putArray("merges");
            Files.writeString(dir.resolve("tokenizer.json"), JSON.writeValueAsString(tokenizer));
            ObjectNode config = JSON.createObjectNode();
            config.put("eos_token", "<|im_end|>");
            config.put("chat_template", "{% for m in messages %}<|im_start|>{{ m['role'] }}\n{{ m['content'] }}<|im_end|>\n"
                    + "{% endfor %}{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}");
            Files.writeString(dir.resolve("tokenizer_config.json"), JSON.writeValueAsString(config));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@link #chatModel} with a context of 1024 positions (the fixture's 128 cannot hold a self-edit prompt). */
    static Path longChatModel(Path dir) {
        chatModel(dir);
        try {
            ObjectNode config = (ObjectNode) JSON.readTree(dir.resolve("config.json").toFile());
            config.put("max_position_embeddings", 1024);
            Files.writeString(dir.resolve("config.json"), JSON.writeValueAsString(config));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** GPT-2's byte-to-character map: printable bytes are themselves, the rest become 256, 257, ... */
    private static int[] byteLevelAlphabet() {
        int[] map = new int[256];
        int next = 256;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= 33 && b <= 126) || (b >= 161 && b <= 172) || (b >= 174 && b <= 255);
            map[b] = printable ? b : next++;
        }
        return map;
    }
}
