package dev.seal4j.engine.tokenizer;

import dev.seal4j.engine.BadInputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Loads a tokenizer from whatever form it comes in. */
public final class Tokenizers {
    private Tokenizers() {
    }

    /**
     * Loads {@code path}: a model directory holding tokenizer.json (with tokenizer_config.json,
     * generation_config.json, chat_template.jinja when present), tokenizer.bin or one tok*.bin (llama2.c), a
     * tokenizer.json file, or a llama2.c tokenizer file.
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
            List<Path> llama2c = llama2cTokenizers(path);
            if (llama2c.size() == 1) {
                return SentencePieceBpe.readLlama2c(llama2c.getFirst());
            }
            throw BadInputException.inFile(path, "no tokenizer.json, tokenizer.bin or single tok*.bin in this directory");
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

    /** llama2.c's other tokenizer names: tok512.bin, tok4096.bin, ... */
    private static List<Path> llama2cTokenizers(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().matches("tok\\d*\\.bin") && Files.isRegularFile(f)).toList();
        } catch (IOException e) {
            throw BadInputException.inFile(dir, "cannot list the directory: " + e.getMessage(), e);
        }
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

    /**
     * {@code tokenizer} as the GGUF metadata llama.cpp reads (the inverse of {@link #fromGguf}), for a model of
     * {@code vocabSize} embedding rows. Values are String, Long (uint32), Boolean, List&lt;String&gt;, int[]
     * (int32) and float[] (float32).
     *
     * @throws BadInputException when llama.cpp could not tokenize as this tokenizer does (a pre-tokenizer it has
     *                           no name for, two tokens with the same text, ...)
     */
    public static Map<String, Object> toGguf(Tokenizer tokenizer, int vocabSize) {
        return toGguf(tokenizer, vocabSize, tokenizer.bosId(), tokenizer.eosIds());
    }

    /** As {@link #toGguf(Tokenizer, int)}, naming {@code bosId} (-1: none) and up to three {@code eosIds} as BOS and EOS. */
    public static Map<String, Object> toGguf(Tokenizer tokenizer, int vocabSize, int bosId, List<Integer> eosIds) {
        return GgufTokenizerWriter.metadata(tokenizer, vocabSize, bosId, eosIds);
    }
}
