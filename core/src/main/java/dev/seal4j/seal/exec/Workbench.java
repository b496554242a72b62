package dev.seal4j.seal.exec;

import dev.seal4j.engine.model.Transformer;
import dev.seal4j.engine.tokenizer.Tokenizer;

import java.util.function.Function;

/**
 * What candidates run on: the base model (read-only, shared by every candidate of the process) and its
 * tokenizer, plus helpers built once per process from a candidate's settings (an inner loop for a config, a
 * grader for a spec) and shared by every candidate that names the same settings. Implementations are
 * thread-safe: candidates run side by side.
 */
public interface Workbench {
    Transformer model();

    Tokenizer tokenizer();

    /** The helper for {@code key} (a value with equals/hashCode, e.g. a config record), made on first use. */
    <T> T shared(Object key, Function<Workbench, T> make);
}
