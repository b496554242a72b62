package dev.seal4j.seal.run;

import java.util.List;

/**
 * One resumption of a run: when, by which seal4j, with which command.
 *
 * @param at            ISO-8601 UTC
 * @param seal4jVersion the resuming seal4j's version
 * @param gitCommit     its git commit, null if unknown
 * @param commandLine   the resuming command
 */
public record Resumption(String at, String seal4jVersion, String gitCommit, List<String> commandLine) {
    public Resumption {
        commandLine = commandLine == null ? List.of() : List.copyOf(commandLine);
    }
}
