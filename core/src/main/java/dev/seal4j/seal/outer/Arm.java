package dev.seal4j.seal.outer;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * Which generator a sequence of ReST-EM rounds trains, and how it chooses what to learn from: SEAL proper
 * (the reward selects) or the control without selection (the generator learns from its own first self-edit
 * per context, unrewarded). Both sample the same self-edits in round 1, so the control isolates what the
 * reward's selection adds. The names of everything an arm leaves in a run directory live here.
 */
public enum Arm {
    SEAL("train", "round_", "seal_round_", "round-", "sft_round_"),
    NO_SELECTION("no_selection", "no_selection_round_", "no_selection_round_", "no_selection-round-", "sft_no_selection_round_");

    private final String keyPrefix;
    private final String roundLabel;
    private final String methodPrefix;
    private final String generatorPrefix;
    private final String sftPrefix;

    Arm(String keyPrefix, String roundLabel, String methodPrefix, String generatorPrefix, String sftPrefix) {
        this.keyPrefix = keyPrefix;
        this.roundLabel = roundLabel;
        this.methodPrefix = methodPrefix;
        this.generatorPrefix = generatorPrefix;
        this.sftPrefix = sftPrefix;
    }

    /** "seal", "no_selection". */
    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether its self-edits are applied and rewarded (the control learns without rewards). */
    public boolean rewarded() {
        return this == SEAL;
    }

    /** The prefix of its training self-edits' keys ("train" for SEAL, as runs have always recorded them). */
    String keyPrefix() {
        return keyPrefix;
    }

    /** The method field of a round's training self-edits ("round_1"). */
    public String roundLabel(int round) {
        return roundLabel + round;
    }

    /** The results-table name of the method that evaluates round {@code round}'s generator ("seal_round_1"). */
    public String method(int round) {
        return methodPrefix + round;
    }

    /** The run subdirectory of round {@code round}'s generator, under generators/ ("round-1"). */
    public String generatorDirectory(int round) {
        return generatorPrefix + round;
    }

    /** The file of round {@code round}'s SFT set ("sft_round_1.jsonl"). */
    public String sftFile(int round) {
        return sftPrefix + round + ".jsonl";
    }
}
