package dev.seal4j.seal.continual;

/** The kinds of ledger entries, with the names stored in the ledger. */
public enum LedgerEvent {
    STARTED("started"),
    INPUT_RECEIVED("input-received"),
    INPUT_DEFERRED("input-deferred"),
    INPUT_FAILED("input-failed"),
    SELF_EDITS_GENERATED("self-edits-generated"),
    PROBES_WRITTEN("probes-written"),
    CANDIDATES_SCORED("candidates-scored"),
    GATES_DECIDED("gates-decided"),
    UPDATE_PENDING("update-pending"),
    UPDATE_APPROVED("update-approved"),
    UPDATE_REJECTED("update-rejected"),
    VERSION_CHANGED("version-changed"),
    ROLLBACK("rollback"),
    RECOVERED("recovered");

    private final String stored;

    LedgerEvent(String stored) {
        this.stored = stored;
    }

    /** The type column's value. */
    public String stored() {
        return stored;
    }
}
