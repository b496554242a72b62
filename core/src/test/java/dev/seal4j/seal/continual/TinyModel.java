package dev.seal4j.seal.continual;

import dev.seal4j.engine.format.HfModelDir;
import dev.seal4j.engine.format.HfWeights;
import dev.seal4j.engine.model.Checkpoint;
import dev.seal4j.engine.model.ModelConfig;
import dev.seal4j.engine.model.ModelInit;
import dev.seal4j.engine.model.Transformer;
import dev.seal4j.engine.tensor.DType;
import dev.seal4j.engine.tokenizer.BpeTrainer;
import dev.seal4j.engine.tokenizer.Tokenizer;
import dev.seal4j.engine.tokenizer.Tokenizers;
import dev.seal4j.engine.tokenizer.TrainedBpe;

import java.lang.foreign.Arena;
import java.nio.file.Path;
import java.util.List;

/**
 * A random-weight Qwen2-shaped model (2 layers, width 32, context 1024) with a small byte-level BPE tokenizer,
 * written as a Hugging Face directory: the learner's tests check behaviour, not accuracy.
 */
public final class TinyModel implements AutoCloseable {
    static final int VOCAB = 300;
    final Path dir;
    final Checkpoint checkpoint;
    public final Transformer model;
    public final Tokenizer tokenizer;

    private TinyModel(Path dir) {
        this.dir = dir;
        this.checkpoint = HfModelDir.open(dir);
        this.model = Transformer.of(checkpoint);
        this.tokenizer = Tokenizers.load(dir);
    }

    public static TinyModel create(Path dir) {
        TrainedBpe bpe = BpeTrainer.train(List.of("Topic: Question: Answer: the passage implications of the model",
                "Let's read the following passage and produce a list of implications"), BpeTrainer.Options.of(VOCAB,
                List.of("<|im_start|>", "<|im_end|>")));
        ModelConfig c = new ModelConfig("Qwen2ForCausalLM", 32, 64, 2, 4, 2, 8, VOCAB, 1024, 1e-6f, 1e6f, null,
                ModelConfig.RopeStyle.HALVES, true, true, false, -1, List.of(1));
        try (Arena arena = Arena.ofShared()) {
            HfModelDir.write(dir, c, HfWeights.of(ModelInit.random(c, 7, arena), DType.F32), HfModelDir.DEFAULT_SHARD_BYTES, List.of());
        }
        bpe.save(dir, new TrainedBpe.Config(null, "<|im_end|>", false,
                "{% for m in messages %}<|im_start|>{{ m['role'] }}\n{{ m['content'] }}<|im_end|>\n{% endfor %}"
                        + "{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}"));
        return new TinyModel(dir);
    }

    @Override
    public void close() {
        checkpoint.close();
    }
}
