package dev.seal4j.cli;

import dev.seal4j.engine.BadInputException;
import dev.seal4j.engine.format.HfConverter;
import dev.seal4j.engine.model.Checkpoint;
import dev.seal4j.engine.tensor.DType;
import dev.seal4j.engine.tensor.Tensor;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes a model as a complete Hugging Face directory, atomically: the weights through {@link HfConverter}
 * (which turns llama2.c/GGUF RoPE row order into Hugging Face's) and the tokenizer's files, so the result
 * loads on its own. A llama2.c tokenizer becomes {@code tokenizer.bin} in the directory (seal reads it from
 * there; Hugging Face tools do not). A GGUF's tokenizer lives in its metadata and is not written (a warning
 * says to pass {@code --tokenizer FILE.gguf} with the new directory).
 */
final class ModelDirectoryWriter {
    /** Files next to a tokenizer.json that belong with it. */
    private static final List<String> TOKENIZER_COMPANIONS = List.of("tokenizer_config.json", "special_tokens_map.json",
            "generation_config.json", "chat_template.jinja");
    /** Everything tokenizer-related a Hugging Face directory may hold. */
    private static final List<String> DIRECTORY_FILES = Stream.concat(
            Stream.of("tokenizer.json", "tokenizer.model", "tokenizer.bin", "vocab.json", "merges.txt", "added_tokens.json"),
            TOKENIZER_COMPANIONS.stream()).toList();

    private ModelDirectoryWriter() {
    }

    /** The output dtype: {@code --dtype} when given, else the source's own (F32 when it is quantized). */
    static DType dtype(String flag, Checkpoint source) {
        return flag != null ? parseDtype(flag) : defaultDtype(source);
    }

    /** A --dtype value: f32, bf16 or f16. */
    static DType parseDtype(String flag) {
        return switch (flag.toLowerCase(Locale.ROOT)) {
            case "f32", "float32" -> DType.F32;
            case "bf16", "bfloat16" -> DType.BF16;
            case "f16", "float16" -> DType.F16;
            default -> throw new BadInputException("--dtype must be f32, bf16 or f16, got '" + flag + "'");
        };
    }

    /** The type most of the source's parameters are stored in; F32 when that is a quantized type. */
    private static DType defaultDtype(Checkpoint source) {
        Map<DType, Long> counts = new HashMap<>();
        for (Tensor t : source.tensors().values()) {
            counts.merge(t.dtype(), t.size(), Long::sum);
        }
        DType most = counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        return most.isQuantized() ? DType.F32 : most;
    }

    /** Writes {@code model} (whose tokenizer is {@code tokenizer}, or null) to the new directory {@code out}. */
    static void write(Checkpoint model, Path out, DType dtype, TokenizerSource tokenizer, PrintStream err) {
        Path staging = null;
        try {
            List<Path> files = new ArrayList<>();
            if (tokenizer == null) {
                err.println("seal: warning: no tokenizer to copy into " + out + "; pass --tokenizer to include one");
            } else {
                switch (tokenizer.kind()) {
                    case DIRECTORY -> files.addAll(present(tokenizer.path(), DIRECTORY_FILES));
                    case TOKENIZER_JSON -> {
                        staging = Files.createTempDirectory("seal-tokenizer");
                        files.add(named(tokenizer.path(), "tokenizer.json", staging));
                        files.addAll(present(tokenizer.path().toAbsolutePath().getParent(), TOKENIZER_COMPANIONS));
                    }
                    case LLAMA2C_BIN -> {
                        staging = Files.createTempDirectory("seal-tokenizer");
                        files.add(named(tokenizer.path(), "tokenizer.bin", staging));
                    }
                    case GGUF -> err.println("seal: warning: the tokenizer of " + tokenizer.path()
                            + " (GGUF metadata) is not written into " + out + "; use --tokenizer " + tokenizer.path()
                            + " with the new directory");
                }
            }
            HfConverter.write(model, out, dtype, files);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage tokenizer files: " + e.getMessage(), e);
        } finally {
            deleteTree(staging);
        }
    }

    private static List<Path> present(Path dir, List<String> names) {
        return names.stream().map(dir::resolve).filter(Files::isRegularFile).toList();
    }

    /** {@code file} under the name {@code name}: itself when so named, else a copy in {@code staging}. */
    private static Path named(Path file, String name, Path staging) throws IOException {
        if (file.getFileName().toString().equals(name)) {
            return file;
        }
        return Files.copy(file, staging.resolve(name));
    }

    private static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a stray temporary copy is harmless
        }
    }
}
