package dev.seal4j.seal.arc;

import java.io.Serializable;
import java.util.List;

/**
 * What a candidate did on its task, as evaluations.jsonl records it.
 *
 * @param solved    every test input answered right by one of its two attempts (pass@2)
 * @param untrained why no adapter was trained (the self-edit was rejected, chose 0 epochs, went over the step
 *                  budget, or the method answers in context); null when one was
 * @param examples  training tasks generated (after dropping those longer than the model's context)
 * @param steps     optimizer steps taken
 * @param trainLoss the mean training loss (0 without training)
 * @param tests     every test input's answers
 * @param seconds   how long the candidate took
 */
public record ArcResult(boolean solved, String untrained, int examples, int steps, double trainLoss, List<TestAnswer> tests,
                        double seconds) implements Serializable {
    public ArcResult {
        tests = List.copyOf(tests);
    }

    /**
     * The answers to one test input.
     *
     * @param views    each view's answer mapped back to the test's orientation ("invalid" when it was no grid, or
     *                 one that does not map back)
     * @param attempts the two most voted answers (ties: the earlier view)
     * @param votes    their votes
     * @param correct  whether an attempt equals the solution
     */
    public record TestAnswer(List<String> views, List<String> attempts, List<Integer> votes, boolean correct)
            implements Serializable {
        public TestAnswer {
            views = List.copyOf(views);
            attempts = List.copyOf(attempts);
            votes = List.copyOf(votes);
        }
    }
}
