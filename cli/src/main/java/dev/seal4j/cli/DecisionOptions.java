package dev.seal4j.cli;

import picocli.CommandLine.Option;

/**
 * Who decides and why: every approval, rejection and rollback is recorded in the ledger with both, so both are
 * required (as the API requires 'by'): an operating-system account name says nothing about who decided.
 */
final class DecisionOptions {
    @Option(names = "--by", paramLabel = "WHO", required = true, description = "Who decides (a person, recorded in the ledger).")
    String by;

    @Option(names = "--reason", paramLabel = "WHY", required = true, description = "Why, recorded in the ledger.")
    String reason;

    /** Who decides; blank is refused. */
    String by() {
        Inputs.check(!by.isBlank(), "--by must name who decides");
        return by.strip();
    }

    /** Why; blank is refused. */
    String reason() {
        Inputs.check(!reason.isBlank(), "--reason must say why");
        return reason.strip();
    }
}
