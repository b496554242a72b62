package dev.seal4j.engine.generate;

import dev.seal4j.engine.tensor.VectorMath;

import java.util.SplittableRandom;

/**
 * Picks the next token from a row of logits: repetition penalty, temperature, top-k, top-p, then a draw
 * from the sequence's own random stream (or the argmax when the temperature is 0). Reuses its buffers:
 * one Sampler per generating thread.
 */
public final class Sampler {
    private final SamplingSettings settings;
    private float[] probs = new float[0];
    private int[] candidates = new int[0];
    private boolean[] penalized = new boolean[0];

    public Sampler(SamplingSettings settings) {
        this.settings = settings;
    }

    /**
     * The next token from logits[off .. off+vocab), which this may modify. {@code seen} lists the ids in the
     * sequence so far (for the repetition penalty), first {@code seenCount} of them.
     */
    public int next(float[] logits, int off, int vocab, int[] seen, int seenCount, SplittableRandom random) {
        float penalty = settings.repetitionPenalty();
        if (penalty != 1f) {
            if (penalized.length < vocab) {
                penalized = new boolean[vocab];
            }
            for (int i = 0; i < seenCount; i++) { // a token seen twice is penalized once, as Hugging Face does
                int id = seen[i];
                if (!penalized[id]) {
                    penalized[id] = true;
                    float l = logits[off + id];
                    logits[off + id] = l > 0 ? l / penalty : l * penalty;
                }
            }
            for (int i = 0; i < seenCount; i++) {
                penalized[seen[i]] = false;
            }
        }
        if (settings.temperature() == 0f) {
            return VectorMath.argmax(logits, off, vocab);
        }
        if (probs.length < vocab) {
            probs = new float[vocab];
            candidates = new int[vocab];
        }
        float invT = 1f / settings.temperature();
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < vocab; i++) {
            max = Math.max(max, logits[off + i] * invT);
        }
        double sum = 0;
        for (int i = 0; i < vocab; i++) {
            float e = (float) Math.exp(logits[off + i] * invT - max);
            probs[i] = e;
            sum += e;
        }
        int n = 0;
        float floor = 0f;
        float topP = settings.topP();
        if (topP < 1f && settings.topK() == 0) {
            // a token below (1 − p)/(V − 1) of the mass can never be inside the nucleus
            floor = (float) ((1 - topP) / (vocab - 1) * sum);
        }
        for (int i = 0; i < vocab; i++) {
            if (probs[i] >= floor) {
                candidates[n++] = i;
            }
        }
        if (settings.topK() > 0 || topP < 1f) {
            sortByProbability(n);
            if (settings.topK() > 0) {
                n = Math.min(n, settings.topK());
            }
            if (topP < 1f) {
                double kept = 0;
                for (int i = 0; i < n; i++) {
                    kept += probs[candidates[i]];
                }
                double cumulative = 0;
                for (int i = 0; i < n; i++) {
                    cumulative += probs[candidates[i]];
                    if (cumulative >= topP * kept) {
                        n = i + 1;
                        break;
                    }
                }
            }
        }
        double total = 0;
        for (int i = 0; i < n; i++) {
            total += probs[candidates[i]];
        }
        double r = random.nextDouble() * total;
        for (int i = 0; i < n; i++) {
            r -= probs[candidates[i]];
            if (r < 0) {
                return candidates[i];
            }
        }
        return candidates[n - 1];
    }

    /** Sorts candidates[0..n) by descending probability, ties by id (stable, deterministic). */
    private void sortByProbability(int n) {
        Integer[] boxed = new Integer[n];
        for (int i = 0; i < n; i++) {
            boxed[i] = candidates[i];
        }
        java.util.Arrays.sort(boxed, (a, b) -> {
            int c = Float.compare(probs[b], probs[a]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        for (int i = 0; i < n; i++) {
            candidates[i] = boxed[i];
        }
    }
}
