package dev.seal4j.seal.pretrain;

import dev.seal4j.engine.model.ModelConfig;

import java.util.List;

/**
 * The model a pretraining run trains and how it optimizes.
 *
 * @param vocabSize       BPE vocabulary size of the tokenizer trained on the corpus
 * @param hidden          model width
 * @param layers          decoder layers
 * @param heads           query heads
 * @param kvHeads         key/value heads
 * @param intermediate    SwiGLU width
 * @param contextLength   longest sequence the model is trained for (documents are cut to it)
 * @param tokensPerStep   tokens per optimizer step (whole documents up to this many)
 * @param lr              peak learning rate (warm-up, then constant; the last stage ends with a decay)
 * @param warmupSteps     linear warm-up
 * @param cooldownSteps   linear decay to 10% of lr after the last stage's gate
 * @param weightDecay     AdamW decay on matrices
 * @param beta2           AdamW β2 (β1 0.9)
 * @param checkpointEvery steps between checkpoints
 * @param seed            weight initialisation
 */
public record TrainingPlan(int vocabSize, int hidden, int layers, int heads, int kvHeads, int intermediate, int contextLength,
                           int tokensPerStep, float lr, int warmupSteps, int cooldownSteps, float weightDecay, float beta2,
                           int checkpointEvery, long seed) {

    /** The model this plan trains, its tokenizer's begin and end ids given. */
    public ModelConfig modelConfig(int bos, int eos) {
        return new ModelConfig("LlamaForCausalLM", hidden, intermediate, layers, heads, kvHeads, hidden / heads,
                vocabSize, contextLength, 1e-5f, 10000f, null, ModelConfig.RopeStyle.HALVES, true, false, false,
                bos, List.of(eos));
    }

    /** The learning rate of global step g (0-based): warm-up, constant, then the cool-down's linear decay to 10%. */
    public double learningRate(long g, int cooldownStep) {
        if (g < warmupSteps) {
            return lr * (g + 1) / warmupSteps;
        }
        if (cooldownStep > 0) {
            return lr * (1 - 0.9 * Math.min(1.0, (double) cooldownStep / cooldownSteps));
        }
        return lr;
    }
}
