package dev.seal4j.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** --model and --tokenizer, shared by every command that runs a model. */
final class ModelOptions {
    @Option(names = "--model", required = true, paramLabel = "PATH",
            description = "A Hugging Face model directory, a .gguf file, or a llama2.c .bin checkpoint.")
    Path model;

    @Option(names = "--tokenizer", paramLabel = "PATH",
            description = "The tokenizer, when it is not the model's own: a tokenizer.json, a directory, "
                    + "a llama2.c tokenizer.bin (needed for llama2.c checkpoints) or a .gguf.")
    Path tokenizer;

    /** The model with its tokenizer, which must exist and fit the model. */
    LoadedModel load() {
        return LoadedModel.open(model, tokenizer, true);
    }

    /** The model, and its tokenizer when it has one. */
    LoadedModel loadTokenizerIfAny() {
        return LoadedModel.open(model, tokenizer, false);
    }
}
