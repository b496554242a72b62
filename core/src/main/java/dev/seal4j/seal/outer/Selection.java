package dev.seal4j.seal.outer;

import java.util.List;

/**
 * ReST-EM's E-step selection, over the rewards of each context's sampled self-edits. A self-edit's reward is
 * the mean of its repeated evaluations, each rounded to 4 decimals first, as in the SEAL code (which decides
 * some near-ties: 5/9 from 1 + 1/3 + 1/3 and from 2/3 + 2/3 + 1/3 no longer tie). Ties go to the earliest
 * sample.
 */
public final class Selection {
    private Selection() {
    }

    /**
     * One context's sampled self-edits: rewards.get(i) are self-edit i's repeated evaluations (empty when the
     * arm does not reward); baseline is the unadapted model's reward on the context.
     */
    public record Scored(String prompt, List<String> completions, List<List<Double>> rewards, double baseline) {
        public Scored {
            completions = List.copyOf(completions);
            rewards = List.copyOf(rewards);
        }

        /** Self-edit i's reward. */
        public double reward(int i) {
            return mean(rewards.get(i));
        }

        /** The mean reward of the context's self-edits. */
        public double meanReward() {
            double sum = 0;
            for (int i = 0; i < completions.size(); i++) {
                sum += reward(i);
            }
            return sum / completions.size();
        }

        /** The index of the earliest self-edit with the highest score. */
        int best(java.util.function.IntToDoubleFunction score) {
            int best = 0;
            for (int i = 1; i < completions.size(); i++) {
                if (score.applyAsDouble(i) > score.applyAsDouble(best)) {
                    best = i;
                }
            }
            return best;
        }

        Chosen choose(int i) {
            return new Chosen(prompt, completions.get(i), i, rewards.isEmpty() ? 0 : reward(i));
        }
    }

    /** A chosen (prompt → completion) pair for the generator's SFT set. */
    public record Chosen(String prompt, String completion, int index, double meanReward) {
    }

    /** The mean of rewards rounded to 4 decimals. */
    public static double mean(List<Double> xs) {
        return xs.stream().mapToDouble(x -> Math.round(x * 1e4) / 1e4).average().orElse(Double.NEGATIVE_INFINITY);
    }
}
