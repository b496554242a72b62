package dev.seal4j.seal.arc;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.seal4j.engine.Labels;

import java.util.Locale;

/** The methods of the few-shot table (the SEAL paper's Table 1, and the control without selection). */
public enum ArcMethod {
    /** The demonstrations in context, no training. */
    ICL,
    /** Test-time training by the unadapted model's own self-edits. */
    TTT_BASE_SELF_EDITS,
    /** Test-time training by the self-edits of the generator after each ReST-EM round: seal_round_1..R. */
    SEAL,
    /** The same rounds without the reward's selection: no_selection_round_1..R. */
    NO_SELECTION,
    /** Test-time training by a fixed strong configuration. */
    ORACLE_TTT;

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean trainsGenerator() {
        return this == SEAL || this == NO_SELECTION;
    }

    @JsonCreator
    public static ArcMethod parse(String label) {
        return Labels.parse(values(), ArcMethod::label, label, "method");
    }
}
