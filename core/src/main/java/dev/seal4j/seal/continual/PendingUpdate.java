package dev.seal4j.seal.continual;

import java.util.List;

/**
 * An update that passed every gate and waits for a person.
 *
 * @param id            "upd-" + the input's id
 * @param parentVersion the version it was trained and measured on; it can only be applied on top of it
 * @param entry         what it adds to the stack (the adapter is already stored)
 * @param selfEdit      the chosen self-edit, in full
 * @param gates         the gate verdicts it passed
 * @param decision      null while pending
 */
public record PendingUpdate(String id, String inputId, String title, int parentVersion, String created,
                            VersionManifest.StackEntry entry, String selfEdit, List<GateDecision> gates,
                            Decision decision) {
    /**
     * A person's verdict.
     *
     * @param by     who decided
     * @param reason why
     */
    public record Decision(boolean approved, String by, String reason, String time) {
    }

    public PendingUpdate decided(Decision d) {
        return new PendingUpdate(id, inputId, title, parentVersion, created, entry, selfEdit, gates, d);
    }
}
