package dev.seal4j.cli;

import picocli.CommandLine.Option;

/** Who decides and why: every approval, rejection and rollback is recorded with both. */
final class DecisionOptions {
    @Option(names = "--by", paramLabel = "WHO", description = "Who decides (default: the user name).")
    String by;

    @Option(names = "--reason", paramLabel = "WHY", defaultValue = "", description = "Why, for the ledger.")
    String reason;

    String by() {
        return by != null ? by : System.getProperty("user.name", "operator");
    }
}
