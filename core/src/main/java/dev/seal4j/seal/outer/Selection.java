package dev.seal4j.seal.outer;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * ReST-EM's E-step selection: per context, the self-edit with the highest mean reward over its repeated
 * evaluations; the first one wins a tie (stable order). Optionally only self-edits that beat the unadapted
 * model qualify. As in the SEAL code, each evaluation's reward is rounded to 4 decimals before averaging,
 * which decides some near-ties (5/9 from 1 + 1/3 + 1/3 and from 2/3 + 2/3 + 1/3 no longer tie).
 */
public final class Selection {
    private Selection() {
    }

    /** The rewards of one context's sampled self-edits: rewards.get(i) are self-edit i's repeated evaluations. */
    public record Scored(String prompt, List<String> completions, List<List<Double>> rewards, double baseline) {
    }

    /** A chosen (prompt → completion) pair for the generator's SFT set. */
    public record Chosen(String prompt, String completion, int index, double meanReward) {
    }

    /** The index of the best completion, or empty when none qualifies. */
    public static Optional<Integer> best(Scored s, boolean onlyImprovements) {
        int best = -1;
        double bestMean = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < s.completions().size(); i++) {
            double mean = mean(s.rewards().get(i));
            if (mean > bestMean) {
                best = i;
                bestMean = mean;
            }
        }
        if (best < 0 || (onlyImprovements && !(bestMean > s.baseline()))) {
            return Optional.empty();
        }
        return Optional.of(best);
    }

    /** The SFT set: one chosen completion per qualifying context, in context order. */
    public static List<Chosen> sftSet(List<Scored> contexts, boolean onlyImprovements) {
        List<Chosen> out = new ArrayList<>();
        for (Scored s : contexts) {
            best(s, onlyImprovements).ifPresent(i ->
                    out.add(new Chosen(s.prompt(), s.completions().get(i), i, mean(s.rewards().get(i)))));
        }
        return out;
    }

    /** The mean of rewards rounded to 4 decimals. */
    public static double mean(List<Double> xs) {
        return xs.stream().mapToDouble(x -> Math.round(x * 1e4) / 1e4).average().orElse(Double.NEGATIVE_INFINITY);
    }
}
