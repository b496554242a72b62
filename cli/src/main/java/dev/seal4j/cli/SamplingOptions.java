package dev.seal4j.cli;

import dev.seal4j.engine.generate.SamplingSettings;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/** The sampling flags of {@code generate} and {@code chat}, checked and turned into {@link SamplingSettings}. */
final class SamplingOptions {
    @Option(names = "--max-tokens", paramLabel = "N", defaultValue = "256",
            description = "Most tokens to generate (default: ${DEFAULT-VALUE}).")
    int maxTokens;

    @Option(names = "--temperature", paramLabel = "T", defaultValue = "0.7",
            description = "Sampling temperature; 0 is greedy decoding (default: ${DEFAULT-VALUE}).")
    float temperature;

    @Option(names = "--top-p", paramLabel = "P", defaultValue = "0.95",
            description = "Nucleus sampling: keep the most likely tokens up to this total probability, in (0, 1] "
                    + "(default: ${DEFAULT-VALUE}).")
    float topP;

    @Option(names = "--top-k", paramLabel = "K", defaultValue = "0",
            description = "Keep only the K most likely tokens; 0 keeps all (default: ${DEFAULT-VALUE}).")
    int topK;

    @Option(names = "--repetition-penalty", paramLabel = "R", defaultValue = "1.0",
            description = "Penalize tokens already in the text; 1 is off (default: ${DEFAULT-VALUE}).")
    float repetitionPenalty;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
            description = "Random seed: the same seed and settings give the same text (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--stop", paramLabel = "STR", arity = "1..*",
            description = "Stop before any of these strings (not printed); \\n, \\r, \\t and \\\\ are unescaped.")
    List<String> stop = new ArrayList<>();

    @Option(names = "--ignore-eos", description = "Keep generating through end-of-sequence tokens up to --max-tokens.")
    boolean ignoreEos;

    SamplingSettings settings() {
        Inputs.check(maxTokens >= 0, "--max-tokens must be >= 0, got " + maxTokens);
        Inputs.check(temperature >= 0 && Float.isFinite(temperature), "--temperature must be >= 0, got " + temperature);
        Inputs.check(topP > 0 && topP <= 1, "--top-p must be in (0, 1], got " + topP);
        Inputs.check(topK >= 0, "--top-k must be >= 0, got " + topK);
        Inputs.check(repetitionPenalty > 0 && Float.isFinite(repetitionPenalty),
                "--repetition-penalty must be > 0, got " + repetitionPenalty);
        return new SamplingSettings(temperature, topK, topP, repetitionPenalty, seed, maxTokens,
                stop.stream().map(SamplingOptions::unescape).toList(), ignoreEos);
    }

    /** "\n", "\t" and "\\" as written on a command line become the characters. */
    static String unescape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char next = s.charAt(i + 1);
                String replacement = switch (next) {
                    case 'n' -> "\n";
                    case 't' -> "\t";
                    case 'r' -> "\r";
                    case '\\' -> "\\";
                    default -> null;
                };
                if (replacement != null) {
                    out.append(replacement);
                    i++;
                    continue;
                }
            }
            out.append(c);
        }
        return out.toString();
    }
}
