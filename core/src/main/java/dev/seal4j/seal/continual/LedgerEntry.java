package dev.seal4j.seal.continual;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One event of the audit ledger. {@code hash} = SHA-256 of the previous entry's hash, the sequence number,
 * the time, the type and the payload, so editing, deleting or reordering any entry breaks the chain.
 *
 * @param seq      1, 2, 3, ... without gaps
 * @param time     ISO-8601 instant
 * @param type     what happened ({@link LedgerEvent})
 * @param payload  the event's figures as JSON text, exactly as hashed
 * @param prevHash the previous entry's hash ({@link #GENESIS} for the first)
 */
public record LedgerEntry(long seq, String time, String type, String payload, String prevHash, String hash) {
    /** The "previous hash" of the first entry. */
    public static final String GENESIS = "0".repeat(64);

    /** The hash an entry with these fields must have. */
    public static String hashOf(String prevHash, long seq, String time, String type, String payload) {
        return Sha256.of(prevHash + "\n" + seq + "\n" + time + "\n" + type + "\n" + payload);
    }

    public boolean hashMatches() {
        return hash.equals(hashOf(prevHash, seq, time, type, payload));
    }

    public JsonNode payloadJson() {
        return ContinualJson.read(payload);
    }

    /** The entry as JSON with its payload parsed (for export and the admin API). */
    public com.fasterxml.jackson.databind.node.ObjectNode json() {
        return ContinualJson.fields("seq", seq, "time", time, "type", type, "payload", payloadJson(),
                "prev_hash", prevHash, "hash", hash);
    }
}
