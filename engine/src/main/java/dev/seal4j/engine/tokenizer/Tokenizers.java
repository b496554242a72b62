package dev.seal4j.engine.tokenizer;

import dev.seal4j.engine.BadInputException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Loads a tokenizer from whatever form it comes in. */
public final class Tokenizers {
    private Tokenizers() {
    }

    /**
     * Loads {@code path}: a model directory holding tokenizer.json (with tokenizer_config.json,
     * generation_config.json, chat_template.jinja when present) or tokenizer.bin, a tokenizer.json file, or a
     * llama2.c tokenizer.bin file.
     *
     * @throws BadInputException naming the file when it is missing, corrupt or of an unsupported kind
     */
    public static Tokenizer load(Path path) {
        if (Files.isDirectory(path)) {
            Path json = path.resolve("tokenizer.json");
            if (Files.isRegularFile(json)) {
                return TokenizerJsonReader.read(json, path);
            }
            Path bin = path.resolve("tokenizer.bin");
            if (Files.isRegularFile(bin)) {
                return SentencePieceBpe.readLlama2c(bin);
            }
            throw BadInputException.inFile(path, "no tokenizer.json or tokenizer.bin in this directory");
        }
        if (!Files.isRegularFile(path)) {
            throw BadInputException.inFile(path, "no such file or directory");
        }
        if (path.getFileName().toString().endsWith(".json")) {
            Path dir = path.toAbsolutePath().getParent();
            return TokenizerJsonReader.read(path, dir);
        }
        return SentencePieceBpe.readLlama2c(path);
    }

    /**
     * Builds the tokenizer described by a GGUF file's metadata (keys tokenizer.ggml.model, .tokens, .merges,
     * .scores, .token_type, .pre, .bos_token_id, .eos_token_id, .add_bos_token, tokenizer.chat_template, ...).
     * Arrays may be Lists or Java arrays; numbers any Number.
     *
     * @param source the GGUF file, named in error messages (may be null)
     */
    public static Tokenizer fromGguf(Map<String, ?> metadata, Path source) {
        return GgufTokenizerFactory.create(metadata, source);
    }
}
