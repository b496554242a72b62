package dev.seal4j.seal.run;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run reads and how it was started, recorded in its manifest with the SHA-256 of every input.
 *
 * @param model       the model file or directory; null when the run uses none
 * @param data        data files (passages, synthetic data, ...)
 * @param commandLine the command as the user typed it (arguments after the program name included)
 * @param seeds       every random seed by role ("sampling", "eval", "bootstrap", ...)
 */
public record RunInputs(Path model, List<Path> data, List<String> commandLine, Map<String, Long> seeds) {
    public RunInputs {
        data = List.copyOf(data);
        commandLine = List.copyOf(commandLine);
        seeds = Collections.unmodifiableMap(new LinkedHashMap<>(seeds));
    }

    /** No model, no data, no seeds: for runs that only compute from their config. */
    public static RunInputs none(List<String> commandLine) {
        return new RunInputs(null, List.of(), commandLine, Map.of());
    }
}
