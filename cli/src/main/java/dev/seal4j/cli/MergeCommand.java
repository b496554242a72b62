package dev.seal4j.cli;

import dev.seal4j.engine.model.Checkpoint;
import dev.seal4j.engine.model.LoraAdapter;
import dev.seal4j.engine.model.LoraTarget;
import dev.seal4j.engine.model.ModelWeights;
import dev.seal4j.engine.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.lang.foreign.Arena;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code seal merge}: folds a LoRA adapter into its base model and writes the result as a new model directory. */
@Command(name = "merge", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Merge a LoRA adapter into its base model: every adapted weight becomes W + (alpha/r)·B·A.",
                "The result is a Hugging Face model directory with the base's tokenizer files copied in, or with --to "
                        + "gguf a GGUF file that llama.cpp runs on its own (see 'seal convert --help'). The output "
                        + "appears complete or not at all; an existing --out is refused."},
        footerHeading = "%nExamples:%n",
        footer = {"  seal merge --model Qwen2.5-0.5B-Instruct --adapter my-adapter --out merged",
                "  seal merge --model stories260K.bin --tokenizer tok512.bin --adapter a \\",
                "      --out merged --dtype f32",
                "  seal merge --model models/tiny-world --adapter a --to gguf --quantize q8_0 \\",
                "      --out adapted.gguf"})
final class MergeCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Mixin
    ModelOptions modelOptions;

    @Option(names = "--adapter", required = true, paramLabel = "DIR", description = "The LoRA adapter (a PEFT directory).")
    Path adapterDir;

    @Mixin
    ModelOutput output;

    @Override
    public Integer call() {
        output.check(); // bad flags and existing outputs fail before any work
        try (LoadedModel m = modelOptions.loadTokenizerIfAny(); Arena arena = Arena.ofShared()) {
            LoraAdapter adapter = m.readAdapter(adapterDir, arena);
            ModelWeights merged = adapter.mergeInto(m.model.weights(), arena);
            output.write(withAdaptedWeights(m.checkpoint, adapter, merged, arena), m, main.io());
        }
        return 0;
    }

    /** The base checkpoint with every weight the adapter touches replaced by its merged value. */
    static Checkpoint withAdaptedWeights(Checkpoint base, LoraAdapter adapter, ModelWeights merged, Arena arena) {
        Map<String, Tensor> tensors = new LinkedHashMap<>(base.tensors());
        for (int l = 0; l < adapter.layers(); l++) {
            for (LoraTarget t : LoraTarget.values()) {
                if (adapter.has(l, t)) {
                    tensors.put(t.weight.hfName(l), merged.layers().get(l).matrix(t));
                }
            }
        }
        return new Checkpoint(base.source(), base.config(), tensors, arena);
    }
}
