package dev.seal4j.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code seal convert}: any supported checkpoint to a Hugging Face model directory. */
@Command(name = "convert", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Convert a checkpoint (Hugging Face directory, GGUF, llama2.c) to a Hugging Face model directory.",
                "Quantized weights are dequantized; llama2.c and GGUF llama rows are reordered for Hugging Face's RoPE. "
                        + "The tokenizer's files are copied in: a tokenizer.json with its config files, or a llama2.c "
                        + "tokenizer.bin (seal loads it from the directory; Hugging Face tools cannot). A GGUF's "
                        + "tokenizer is not written: pass --tokenizer FILE.gguf with the converted model. "
                        + "The directory appears complete or not at all; an existing non-empty --out is refused."},
        footerHeading = "%nExamples:%n",
        footer = {"  seal convert --model stories260K.bin --tokenizer tok512.bin \\",
                "      --out stories260K-hf",
                "  seal convert --model qwen2.5-0.5b-q8_0.gguf --out qwen-hf --dtype bf16"})
final class ConvertCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Mixin
    ModelOptions modelOptions;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The new model directory.")
    Path out;

    @Option(names = "--dtype", paramLabel = "f32|bf16|f16",
            description = "Weight type of the output (default: the source's, f32 when it is quantized).")
    String dtype;

    @Override
    public Integer call() {
        Inputs.requireNewDirectory(out, "--out");
        if (dtype != null) {
            ModelDirectoryWriter.parseDtype(dtype); // a bad value fails before any work
        }
        try (LoadedModel m = modelOptions.loadTokenizerIfAny()) {
            ModelDirectoryWriter.write(m.checkpoint, out, ModelDirectoryWriter.dtype(dtype, m.checkpoint),
                    m.tokenizerSource, main.io().err());
        }
        main.io().err().println("seal: wrote " + out);
        return 0;
    }
}
