package dev.seal4j.cli;

import dev.seal4j.engine.BadInputException;
import dev.seal4j.engine.format.Gguf;
import dev.seal4j.engine.tokenizer.Tokenizer;
import dev.seal4j.engine.tokenizer.Tokenizers;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a tokenizer comes from: a directory (tokenizer.json with its companion files, or tokenizer.bin), a
 * tokenizer.json file, a llama2.c tokenizer.bin, or a GGUF file's metadata.
 */
record TokenizerSource(Path path, Kind kind) {

    enum Kind { DIRECTORY, TOKENIZER_JSON, LLAMA2C_BIN, GGUF }

    /** What a --tokenizer path names. */
    static TokenizerSource of(Path path) {
        Inputs.existing(path);
        if (Files.isDirectory(path)) {
            return new TokenizerSource(path, Kind.DIRECTORY);
        }
        if (ModelFormat.isGguf(path)) {
            return new TokenizerSource(path, Kind.GGUF);
        }
        return new TokenizerSource(path, path.getFileName().toString().endsWith(".json") ? Kind.TOKENIZER_JSON : Kind.LLAMA2C_BIN);
    }

    /**
     * The tokenizer that belongs to a model: --tokenizer when given, else the model directory's own files, the
     * GGUF's metadata, or the tokenizer.bin next to a llama2.c checkpoint. Null when there is none.
     */
    static TokenizerSource forModel(Path model, ModelFormat format, Path explicit) {
        if (explicit != null) {
            return of(explicit);
        }
        return switch (format) {
            case HUGGING_FACE -> {
                Path dir = ModelFormat.directoryOf(model);
                yield Files.isRegularFile(dir.resolve("tokenizer.json")) || Files.isRegularFile(dir.resolve("tokenizer.bin"))
                        ? new TokenizerSource(dir, Kind.DIRECTORY) : null;
            }
            case GGUF -> new TokenizerSource(model, Kind.GGUF);
            case LLAMA2C -> {
                Path sibling = model.toAbsolutePath().resolveSibling("tokenizer.bin");
                yield Files.isRegularFile(sibling) ? new TokenizerSource(sibling, Kind.LLAMA2C_BIN) : null;
            }
        };
    }

    /** Why a model has no tokenizer, as advice naming the flag. */
    static BadInputException missing(Path model, ModelFormat format) {
        return new BadInputException(model + ": " + switch (format) {
            case LLAMA2C -> "a llama2.c checkpoint needs its tokenizer: pass --tokenizer tokenizer.bin";
            default -> "has no tokenizer.json or tokenizer.bin; pass --tokenizer";
        });
    }

    Tokenizer load() {
        return kind == Kind.GGUF ? Tokenizers.fromGguf(Gguf.readMetadata(path), path) : Tokenizers.load(path);
    }
}
