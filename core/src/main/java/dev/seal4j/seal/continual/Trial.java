package dev.seal4j.seal.continual;

import dev.seal4j.engine.model.LoraAdapter;

/**
 * One self-edit applied as a candidate.
 *
 * @param index     which of the k self-edits
 * @param selfEdit  the completion, in full
 * @param sequences how many training sequences it made
 * @param trainLoss mean training loss of the LoRA fine-tune
 * @param probes    the probe score with the adapter applied
 * @param adapter   the trained adapter
 */
public record Trial(int index, String selfEdit, int sequences, double trainLoss, ProbeScore probes, LoraAdapter adapter) {

    /** Whether this trial beats {@code other}: more probes right, then a likelier expected answer. */
    public boolean betterThan(Trial other) {
        if (probes.correct() != other.probes.correct()) {
            return probes.correct() > other.probes.correct();
        }
        return probes.answerNll() < other.probes.answerNll();
    }
}
