package dev.seal4j.engine.format;

import dev.seal4j.engine.BadInputException;
import dev.seal4j.engine.model.ModelConfig;
import dev.seal4j.engine.model.WeightTable;
import dev.seal4j.engine.tensor.Tensor;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The tensors a {@link ModelConfig} needs (the required entries of the {@link WeightTable}), under Hugging
 * Face names, with their shapes. Every reader checks a loaded checkpoint against it, so a missing or
 * misshapen weight is reported when the file is opened, naming the file and the tensor, rather than failing
 * somewhere inside the model. Tensors beyond these (o_proj
 * biases of Llama/Qwen3 with attention_bias, GGUF's rope_freqs.weight, ...) are allowed.
 */
public final class CheckpointLayout {
    private CheckpointLayout() {
    }

    /** Name → shape of every tensor the model reads. */
    public static Map<String, long[]> expectedShapes(ModelConfig c) {
        Map<String, long[]> out = new LinkedHashMap<>();
        WeightTable.forEachRequired(c, out::put);
        return out;
    }

    /** Throws a BadInputException naming {@code source} if a needed tensor is missing or has the wrong shape. */
    public static void check(Path source, ModelConfig config, Map<String, Tensor> tensors) {
        checkShapes(source, config, name -> tensors.containsKey(name) ? tensors.get(name).shape() : null);
    }

    /** As {@link #check}, for shapes looked up by name (null when absent). */
    static void checkShapes(Path source, ModelConfig config, Function<String, long[]> shapes) {
        // lazily: a check that stops at the first missing tensor never builds a list as long as a corrupt layer count
        WeightTable.forEachRequired(config, (name, expected) -> {
            long[] shape = shapes.apply(name);
            if (shape == null) {
                throw BadInput.inFile(source, "missing tensor '" + name + "'");
            }
            if (!Arrays.equals(shape, expected)) {
                throw BadInput.inFile(source, "tensor '" + name + "' has shape "
                        + Arrays.toString(shape) + ", the config needs " + Arrays.toString(expected));
            }
        });
    }
}
