package dev.seal4j.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

/** {@code seal convert}: any supported checkpoint to a Hugging Face model directory or a GGUF file. */
@Command(name = "convert", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Convert a checkpoint (Hugging Face directory, GGUF, llama2.c) to a Hugging Face model directory "
                + "or a GGUF file.",
                "Hugging Face output: quantized weights are dequantized; llama2.c and GGUF llama rows are reordered for "
                        + "Hugging Face's RoPE. The tokenizer's files are copied in: a tokenizer.json with its config "
                        + "files, or a llama2.c tokenizer.bin (seal loads it from the directory; Hugging Face tools "
                        + "cannot). A GGUF's tokenizer is not written: pass --tokenizer FILE.gguf with the converted model.",
                "GGUF output (--to gguf): a file llama.cpp runs on its own, with the tokenizer and chat template in its "
                        + "metadata (the tokenizer is required) and the weight matrices in --quantize.",
                "The output appears complete or not at all; an existing --out is refused."},
        footerHeading = "%nExamples:%n",
        footer = {"  seal convert --model stories260K.bin --tokenizer tok512.bin \\",
                "      --out stories260K-hf",
                "  seal convert --model qwen2.5-0.5b-q8_0.gguf --out qwen-hf --dtype bf16",
                "  seal convert --model Qwen2.5-0.5B-Instruct --to gguf --quantize q8_0 --out qwen-q8_0.gguf"})
final class ConvertCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Mixin
    ModelOptions modelOptions;

    @Mixin
    ModelOutput output;

    @Override
    public Integer call() {
        output.check(); // bad flags and existing outputs fail before any work
        try (LoadedModel m = modelOptions.loadTokenizerIfAny()) {
            output.write(m.checkpoint, m, main.io());
        }
        return 0;
    }
}
