package dev.seal4j.cli;

import dev.seal4j.engine.BadInputException;
import dev.seal4j.engine.format.Checkpoints;
import dev.seal4j.engine.format.PeftAdapter;
import dev.seal4j.engine.model.Checkpoint;
import dev.seal4j.engine.model.LoraAdapter;
import dev.seal4j.engine.model.Transformer;
import dev.seal4j.engine.tokenizer.Tokenizer;

import java.lang.foreign.Arena;
import java.nio.file.Path;

/**
 * A model opened from the command line: the memory-mapped checkpoint, the transformer over it, and its
 * tokenizer (null only when the command does not need one and there is none). Closing it unmaps the files.
 */
final class LoadedModel implements AutoCloseable {
    final Path path;
    final ModelFormat format;
    final Checkpoint checkpoint;
    final Transformer model;
    final TokenizerSource tokenizerSource;
    final Tokenizer tokenizer;

    private LoadedModel(Path path, ModelFormat format, Checkpoint checkpoint, TokenizerSource tokenizerSource,
                        Tokenizer tokenizer) {
        this.path = path;
        this.format = format;
        this.checkpoint = checkpoint;
        this.model = Transformer.of(checkpoint);
        this.tokenizerSource = tokenizerSource;
        this.tokenizer = tokenizer;
    }

    static LoadedModel open(Path model, Path tokenizerPath, boolean tokenizerRequired) {
        Inputs.existing(model);
        ModelFormat format = ModelFormat.of(model);
        TokenizerSource source = TokenizerSource.forModel(model, format, tokenizerPath);
        if (source == null && tokenizerRequired) {
            throw TokenizerSource.missing(model, format);
        }
        Checkpoint checkpoint = Checkpoints.open(model);
        try {
            Tokenizer tokenizer = source == null ? null : source.load();
            if (tokenizer != null && tokenizer.vocabSize() > checkpoint.config().vocabSize()) {
                throw new BadInputException((tokenizerPath != null ? "--tokenizer " : "") + source.path()
                        + ": the tokenizer has " + tokenizer.vocabSize() + " tokens but the model's vocabulary has "
                        + checkpoint.config().vocabSize() + "; it belongs to another model");
            }
            return new LoadedModel(model, format, checkpoint, source, tokenizer);
        } catch (RuntimeException e) {
            checkpoint.close();
            throw e;
        }
    }

    /** The PEFT adapter in {@code dir}, checked against this model; its memory belongs to {@code arena}. */
    LoraAdapter readAdapter(Path dir, Arena arena) {
        Inputs.existing(dir);
        return PeftAdapter.read(dir, model.weights(), arena);
    }

    @Override
    public void close() {
        checkpoint.close();
    }
}
