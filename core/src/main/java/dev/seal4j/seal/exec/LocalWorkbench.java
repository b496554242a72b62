package dev.seal4j.seal.exec;

import dev.seal4j.engine.model.Transformer;
import dev.seal4j.engine.tokenizer.Tokenizer;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/** The workbench of this process: a model already loaded, and its shared helpers. */
public final class LocalWorkbench implements Workbench {
    private final Transformer model;
    private final Tokenizer tokenizer;
    private final ConcurrentHashMap<Object, Object> helpers = new ConcurrentHashMap<>();

    public LocalWorkbench(Transformer model, Tokenizer tokenizer) {
        this.model = model;
        this.tokenizer = tokenizer;
    }

    @Override
    public Transformer model() {
        return model;
    }

    @Override
    public Tokenizer tokenizer() {
        return tokenizer;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T shared(Object key, Function<Workbench, T> make) {
        return (T) helpers.computeIfAbsent(key, k -> make.apply(this));
    }
}
