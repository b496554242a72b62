package dev.seal4j.engine.model;

import dev.seal4j.engine.tensor.Tensor;

import java.lang.foreign.Arena;
import java.nio.file.Path;
import java.util.Map;

/**
 * A loaded model file: its config and its tensors under Hugging Face names
 * ("model.embed_tokens.weight", "model.layers.0.self_attn.q_proj.weight", "lm_head.weight", ...), each a
 * view over memory-mapped file data owned by {@code arena}. Closing it unmaps the files.
 *
 * @param source the directory or file it was read from
 */
public record Checkpoint(Path source, ModelConfig config, Map<String, Tensor> tensors, Arena arena)
        implements AutoCloseable {

    public Checkpoint {
        tensors = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tensors));
    }

    /** The tensor called {@code name}; a missing one is an error naming the file and the tensor. */
    public Tensor tensor(String name) {
        Tensor t = tensors.get(name);
        if (t == null) {
            throw new dev.seal4j.engine.BadInputException(source + ": missing tensor '" + name + "'");
        }
        return t;
    }

    public boolean has(String name) {
        return tensors.containsKey(name);
    }

    @Override
    public void close() {
        arena.close();
    }
}
