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
                "The result is a Hugging Face model directory with the base's tokenizer files copied in (see "
                        + "'seal convert --help' for what is copied). The directory appears complete or not at all; "
                        + "an existing non-empty --out is refused."},
        footerHeading = "%nExamples:%n",
        footer = {"  seal merge --model Qwen2.5-0.5B-Instruct --adapter my-adapter --out merged",
                "  seal merge --model stories260K.bin --tokenizer tok512.bin --adapter a \\",
                "      --out merged --dtype f32"})
final class MergeCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Mixin
    ModelOptions modelOptions;

    @Option(names = "--adapter", required = true, paramLabel = "DIR", description = "The LoRA adapter (a PEFT directory).")
    Path adapterDir;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The new model directory.")
    Path out;

    @Option(names = "--dtype", paramLabel = "f32|bf16|f16",
            description = "Weight type of the output (default: the base's, f32 when it is quantized).")
    String dtype;

    @Override
    public Integer call() {
        Inputs.requireNewDirectory(out, "--out");
        if (dtype != null) {
            ModelDirectoryWriter.parseDtype(dtype); // a bad value fails before any work
        }
        try (LoadedModel m = modelOptions.loadTokenizerIfAny(); Arena arena = Arena.ofShared()) {
            LoraAdapter adapter = m.readAdapter(adapterDir, arena);
            ModelWeights merged = adapter.mergeInto(m.model.weights(), arena);
            ModelDirectoryWriter.write(withAdaptedWeights(m.checkpoint, adapter, merged, arena), out,
                    ModelDirectoryWriter.dtype(dtype, m.checkpoint), m.tokenizerSource, main.io().err());
        }
        main.io().err().println("seal: wrote " + out);
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
