package dev.seal4j.cli;

import dev.seal4j.engine.BadInputException;
import dev.seal4j.engine.format.GgufExport;
import dev.seal4j.engine.format.GgufExport.Quantization;
import dev.seal4j.engine.model.Checkpoint;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Where and how {@code seal convert} and {@code seal merge} write a model: a Hugging Face directory (weights
 * in --dtype, the tokenizer's files copied in) or a GGUF file (matrices in --quantize, the tokenizer in its
 * metadata), atomically and never over an existing output.
 */
final class ModelOutput {
    @Option(names = "--out", required = true, paramLabel = "PATH",
            description = "The new model: a directory, or a file with --to gguf (or a name ending in .gguf).")
    Path out;

    @Option(names = "--to", paramLabel = "hf|gguf",
            description = "Hugging Face directory or GGUF file (default: gguf when --out ends in .gguf, else hf).")
    String to;

    @Option(names = "--dtype", paramLabel = "f32|bf16|f16",
            description = "Hugging Face output: the weights' type (default: the source's, f32 when it is quantized).")
    String dtype;

    @Option(names = "--quantize", paramLabel = "f32|f16|bf16|q8_0|q4_0|q4_k",
            description = "GGUF output: the weight matrices' type (default: the source's float type, f32 when it is "
                    + "quantized); norms and biases stay f32; matrices whose rows are not whole blocks of the type "
                    + "fall back to q8_0 or f16, and are listed.")
    String quantize;

    private boolean gguf() {
        if (to == null) {
            return out.getFileName() != null && out.getFileName().toString().endsWith(".gguf");
        }
        return switch (to.toLowerCase(Locale.ROOT)) {
            case "hf" -> false;
            case "gguf" -> true;
            default -> throw new BadInputException("--to must be hf or gguf, got '" + to + "'");
        };
    }

    /** Checks every flag and that the output is new, before any work. */
    void check() {
        if (gguf()) {
            Inputs.check(dtype == null, "--dtype is for Hugging Face output; a GGUF takes --quantize");
            if (quantize != null) {
                parseQuantization(quantize);
            }
            if (Files.exists(out)) {
                throw new BadInputException("--out " + out + ": already exists; choose a new path");
            }
        } else {
            Inputs.check(quantize == null, "--quantize is for GGUF output (--to gguf)");
            if (dtype != null) {
                ModelDirectoryWriter.parseDtype(dtype);
            }
            Inputs.requireNewDirectory(out, "--out");
        }
    }

    /** Writes {@code model}, whose tokenizer and its source are those of {@code loaded}; says what it wrote on stderr. */
    void write(Checkpoint model, LoadedModel loaded, Io io) {
        check();
        if (!gguf()) {
            ModelDirectoryWriter.write(model, out, ModelDirectoryWriter.dtype(dtype, model), loaded.tokenizerSource, io.err());
            io.err().println("seal: wrote " + out);
            return;
        }
        if (loaded.tokenizer == null) {
            throw TokenizerSource.missing(loaded.path, loaded.format);
        }
        Quantization q = quantize != null ? parseQuantization(quantize)
                : parseQuantization(ModelDirectoryWriter.dtype(null, model).name());
        createParent();
        String name = loaded.path.toAbsolutePath().normalize().getFileName().toString().replaceFirst("\\.(gguf|bin)$", "");
        GgufExport.Summary s = GgufExport.write(model, loaded.tokenizer, out, q, name);
        io.err().println("seal: wrote " + out + " (" + String.format(Locale.ROOT, "%.1f MB", s.bytes() / 1e6) + "; tensors: "
                + s.tensorsByType().entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(", ")) + ")");
        if (!s.fellBack().isEmpty()) {
            io.err().println("seal: rows not whole " + q.dtype + " blocks: " + String.join(", ", s.fellBack()));
        }
    }

    private void createParent() {
        Path parent = out.toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + parent + ": " + e.getMessage(), e);
        }
    }

    static Quantization parseQuantization(String flag) {
        try {
            return Quantization.valueOf(flag.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--quantize must be one of " + Arrays.stream(Quantization.values())
                    .map(Quantization::flag).collect(Collectors.joining(", ")) + ", got '" + flag + "'");
        }
    }
}
