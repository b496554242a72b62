package dev.seal4j.seal.knowledge;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.seal4j.engine.Labels;

import java.util.Locale;

/** The methods of the knowledge-incorporation table (the SEAL paper's Table 2, and controls). */
public enum KnowledgeMethod {
    /** The unadapted model. */
    BASE,
    /** Fine-tuned on the passage alone. */
    PASSAGE_ONLY,
    /** Fine-tuned on the passage and one self-edit of the unadapted model. */
    BASE_SELF_EDITS,
    /** Fine-tuned on the passage and a teacher's implications (the world's ground truth, or GPT-4.1's). */
    TEACHER,
    /** Self-edits of the generator after each ReST-EM round: seal_round_1..R. */
    SEAL,
    /** The control: the same rounds without the reward's selection: no_selection_round_1..R. */
    NO_SELECTION,
    /** The passage in the prompt, no update: an upper reference. */
    IN_CONTEXT;

    /** "passage_only", as on the command line, in configs and in results. */
    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether it trains a generator over ReST-EM rounds. */
    public boolean trainsGenerator() {
        return this == SEAL || this == NO_SELECTION;
    }

    @JsonCreator
    public static KnowledgeMethod parse(String label) {
        return Labels.parse(values(), KnowledgeMethod::label, label, "method");
    }
}
