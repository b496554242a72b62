package dev.seal4j.cli;

import dev.seal4j.engine.BadInputException;
import dev.seal4j.engine.format.Gguf;
import dev.seal4j.engine.tokenizer.Tokenizer;
import dev.seal4j.engine.tokenizer.Tokenizers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where a tokenizer comes from: a directory with tokenizer.json and its companion files, a tokenizer.json
 * file, a llama2.c tokenizer file (tokenizer.bin, tok512.bin, ...; found in a directory as
 * {@link dev.seal4j.engine.tokenizer.Tokenizers#load} finds it), or a GGUF file's metadata.
 */
record TokenizerSource(Path path, Kind kind) {

    /** A directory with tokenizer.json, a tokenizer.json file, a llama2.c tokenizer file, or a GGUF file. */
    enum Kind { DIRECTORY, TOKENIZER_JSON, LLAMA2C_BIN, GGUF }

    private static final String TOKENIZER_JSON = "tokenizer.json";
    private static final Pattern LLAMA2C_NAME = Pattern.compile("tok\\d*\\.bin");

    /** What a --tokenizer path names. */
    static TokenizerSource of(Path path) {
        Inputs.existing(path);
        if (Files.isDirectory(path)) {
            Path bin = Files.isRegularFile(path.resolve(TOKENIZER_JSON)) ? null : llama2cTokenizerIn(path);
            return bin != null ? new TokenizerSource(bin, Kind.LLAMA2C_BIN) : new TokenizerSource(path, Kind.DIRECTORY);
        }
        if (ModelFormat.isGguf(path)) {
            return new TokenizerSource(path, Kind.GGUF);
        }
        return new TokenizerSource(path, path.getFileName().toString().endsWith(".json") ? Kind.TOKENIZER_JSON : Kind.LLAMA2C_BIN);
    }

    /**
     * The tokenizer that belongs to a model: --tokenizer when given, else the model directory's own files, the
     * GGUF's metadata, or the tokenizer.bin (or only tok*.bin) next to a llama2.c checkpoint. Null when there is
     * none.
     */
    static TokenizerSource forModel(Path model, ModelFormat format, Path explicit) {
        if (explicit != null) {
            return of(explicit);
        }
        return switch (format) {
            case HUGGING_FACE -> {
                Path dir = ModelFormat.directoryOf(model);
                yield Files.isRegularFile(dir.resolve(TOKENIZER_JSON)) ? new TokenizerSource(dir, Kind.DIRECTORY) : llama2c(dir);
            }
            case GGUF -> new TokenizerSource(model, Kind.GGUF);
            case LLAMA2C -> llama2c(model.toAbsolutePath().getParent());
        };
    }

    private static TokenizerSource llama2c(Path dir) {
        Path bin = llama2cTokenizerIn(dir);
        return bin == null ? null : new TokenizerSource(bin, Kind.LLAMA2C_BIN);
    }

    /** tokenizer.bin in {@code dir}, else its only tok*.bin (llama2.c's tok512.bin, tok4096.bin, ...), else null. */
    private static Path llama2cTokenizerIn(Path dir) {
        Path bin = dir.resolve("tokenizer.bin");
        if (Files.isRegularFile(bin)) {
            return bin;
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> found = files.filter(f -> LLAMA2C_NAME.matcher(f.getFileName().toString()).matches()
                    && Files.isRegularFile(f)).toList();
            return found.size() == 1 ? found.getFirst() : null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Why a model has no tokenizer, as advice naming the flag. */
    static BadInputException missing(Path model, ModelFormat format) {
        return new BadInputException(model + ": " + switch (format) {
            case LLAMA2C -> "a llama2.c checkpoint needs its tokenizer (no tokenizer.bin or single tok*.bin next to it): "
                    + "pass --tokenizer";
            default -> "has no tokenizer.json, tokenizer.bin or single tok*.bin; pass --tokenizer";
        });
    }

    Tokenizer load() {
        return kind == Kind.GGUF ? Tokenizers.fromGguf(Gguf.readMetadata(path), path) : Tokenizers.load(path);
    }
}
