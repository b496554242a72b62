package dev.seal4j.cli;

import dev.seal4j.seal.continual.StateDir;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** --state of the commands that read or change an existing state directory. */
final class StateOptions {
    @Option(names = "--state", required = true, paramLabel = "DIR", description = "The state directory of 'seal serve'.")
    Path state;

    StateDir existing() {
        return StateDir.existing(state);
    }
}
