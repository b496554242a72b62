package dev.seal4j.seal.continual;

/**
 * How a model does on a set of probes.
 *
 * @param count     probes asked
 * @param correct   answered correctly (greedy, no passage in the prompt)
 * @param answerNll mean negative log-likelihood per answer token of the expected answers (nats)
 */
public record ProbeScore(int count, int correct, double answerNll) {
    public static final ProbeScore NONE = new ProbeScore(0, 0, 0);

    public double accuracy() {
        return count == 0 ? 0 : correct / (double) count;
    }

    public boolean finite() {
        return Double.isFinite(answerNll);
    }
}
