package dev.seal4j.seal.pretrain;

import dev.seal4j.engine.model.Transformer;
import dev.seal4j.engine.tokenizer.Tokenizer;

import java.nio.file.Path;
import java.util.List;

/**
 * What a model is pretrained on and how its progress is judged: the stages, the corpus, the gates. The
 * {@link Pretrainer} runs any curriculum the same way (tokenizer, steps, gates, checkpoints, resume); the
 * built-in world's and the grid world's are two.
 */
public interface Curriculum {
    /** The model and the optimization. */
    TrainingPlan plan();

    List<? extends Stage> stages();

    /** Texts the tokenizer is trained on. */
    List<String> tokenizerTexts();

    /** How texts are cut into words before BPE (e.g. with every digit a word of its own). */
    String preTokenizerRegex();

    /** The text of the end-of-document token. */
    String endOfText();

    /** The chat template the tokenizer carries, or null. */
    String chatTemplate();

    /**
     * Writes what a trained model carries besides weights and tokenizer (its world's description) into a
     * directory, and returns the files written.
     */
    List<Path> describe(Path modelDir);

    /** The documents and gates of one sitting, for the model being trained. */
    Lessons lessons(Transformer model, Tokenizer tokenizer);

    /** The documents and gates of a sitting. */
    interface Lessons {
        /** Document {@code k} of a stage, as token ids, at the stage's step {@code stageStep}. */
        int[] document(Stage stage, long k, int stageStep);

        /** Measures a stage's gate at global step {@code step} on data no training step has seen. */
        Measurement measure(Stage stage, long step);
    }

    /** A gate's value and what it was measured on. */
    record Measurement(double value, String detail) {
    }
}
