package dev.seal4j.seal.inner;

import java.util.List;

/**
 * One application to evaluate: train on {@code sequences} (none: the unadapted model; null context: no
 * in-context variant), then answer {@code questions}.
 *
 * @param id        stable key (for resuming runs)
 * @param sequences training sequences of the self-edit (title-prefixed, passage last); empty for no update
 * @param contexts  with {@link Mode#IN_CONTEXT}: the passage shown before each question
 * @param seed      adapter initialisation and data order
 */
public record Candidate(String id, Mode mode, List<String> sequences, List<EvalQuestion> questions,
                        List<String> contexts, long seed) {
    /** How the model meets the knowledge. */
    public enum Mode {
        /** No update, no passage. */
        BASE,
        /** LoRA fine-tuning on the sequences, questions without the passage. */
        ADAPT,
        /** The passage in the prompt, no update. */
        IN_CONTEXT
    }

    public Candidate {
        sequences = List.copyOf(sequences);
        questions = List.copyOf(questions);
        contexts = contexts == null ? List.of() : List.copyOf(contexts);
    }
}
