package dev.seal4j.seal.outer;

import dev.seal4j.engine.BadInputException;

/**
 * The outer loop's shape.
 *
 * @param rounds    ReST-EM rounds R (paper: 2)
 * @param contexts  fresh training contexts C per round (paper: 50)
 * @param samples   self-edits k per context (paper: 5)
 * @param repeats   applications r of every self-edit, whose rewards are averaged (paper: 3)
 * @param selection which self-edits the generator learns from (paper: the best of k)
 */
public record RestEmConfig(int rounds, int contexts, int samples, int repeats, SelectionRule selection) {
    public static final RestEmConfig PAPER = new RestEmConfig(2, 50, 5, 3, SelectionRule.BEST);

    public RestEmConfig {
        if (rounds < 0 || contexts < 1 || samples < 1 || repeats < 1) {
            throw new BadInputException("--rounds must be >= 0 and --contexts, --samples and --repeats >= 1, got "
                    + rounds + ", " + contexts + ", " + samples + ", " + repeats);
        }
    }

    public RestEmConfig withRounds(int n) {
        return new RestEmConfig(n, contexts, samples, repeats, selection);
    }
}
