package dev.seal4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The kinds of model file the CLI accepts, told apart as {@link dev.seal4j.engine.format.Checkpoints#open} does. */
enum ModelFormat {
    /** A Hugging Face model directory (or a .safetensors file inside one). */
    HUGGING_FACE("Hugging Face directory"),
    /** A GGUF file; its tokenizer is in its metadata. */
    GGUF("GGUF"),
    /** A llama2.c legacy checkpoint; its tokenizer is a separate tokenizer.bin. */
    LLAMA2C("llama2.c checkpoint");

    final String description;

    ModelFormat(String description) {
        this.description = description;
    }

    /** The format of an existing path. */
    static ModelFormat of(Path path) {
        if (Files.isDirectory(path) || path.getFileName().toString().endsWith(".safetensors")) {
            return HUGGING_FACE;
        }
        return isGguf(path) ? GGUF : LLAMA2C;
    }

    /** The file starts with GGUF's magic. */
    static boolean isGguf(Path file) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(4);
            return head.length == 4 && head[0] == 'G' && head[1] == 'G' && head[2] == 'U' && head[3] == 'F';
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The directory a Hugging Face model path stands for. */
    static Path directoryOf(Path path) {
        return Files.isDirectory(path) ? path : path.toAbsolutePath().getParent();
    }
}
