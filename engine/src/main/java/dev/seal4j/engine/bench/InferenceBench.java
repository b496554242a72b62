package dev.seal4j.engine.bench;

import dev.seal4j.engine.model.KvCache;
import dev.seal4j.engine.model.ModelConfig;
import dev.seal4j.engine.model.Transformer;
import dev.seal4j.engine.tensor.F32Tensor;
import dev.seal4j.engine.tensor.Matmul;
import dev.seal4j.engine.tensor.Tensor;
import dev.seal4j.engine.tensor.VectorMath;

import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Inference throughput: an fp32 matmul as the forward pass uses it (x·Wᵀ), batched prefill, and greedy
 * decoding one token at a time with a KV cache (EOS ignored), plus the heap bytes the decode loop allocates.
 * Every figure is the median of {@code runs} timed runs after {@code warmup} untimed ones. Token ids are
 * random: speed does not depend on them.
 */
public final class InferenceBench {
    private InferenceBench() {
    }

    /**
     * @param promptTokens  prompt prefilled before decoding
     * @param decodeTokens  tokens generated per decode run
     * @param prefillTokens prompt length of the prefill measurement
     */
    public record Settings(int promptTokens, int decodeTokens, int prefillTokens, int warmup, int runs, long seed) {
    }

    /**
     * Throughput of one model; seconds per run as measured, tokens per second from their medians. Heap bytes
     * per decoded token: the mean over the timed runs, and the last run's; decoding counts as allocation-free
     * when the last run allocated less than a byte per token (the measurement's own counters take 32 bytes a
     * run). Earlier runs may still allocate while the JIT compiles the kernels (interpreted vector code boxes).
     */
    public record Result(int promptTokens, int decodeTokens, int prefillTokens, double prefillTokensPerSecond,
                         double decodeTokensPerSecond, double decodeBytesPerToken, double decodeBytesPerTokenLastRun,
                         boolean decodeAllocationFree, List<Double> prefillSeconds, List<Double> decodeSeconds) {
    }

    /** A matmul measurement: out (M, N) = x (M, K) · W (N, K)ᵀ in fp32. */
    public record MatmulResult(int m, int n, int k, double gflops, List<Double> seconds) {
    }

    /** Times {@link Matmul#forward} on random fp32 operands. */
    public static MatmulResult matmul(int m, int n, int k, int warmup, int runs, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] x = new float[m * k], out = new float[m * n], w = new float[n * k];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextFloat() - 0.5f;
        }
        for (int i = 0; i < w.length; i++) {
            w[i] = rnd.nextFloat() - 0.5f;
        }
        try (Arena arena = Arena.ofShared()) {
            F32Tensor weight = Tensor.allocateF32(arena, n, k);
            weight.copyFrom(w, 0, 0, w.length);
            List<Double> seconds = new ArrayList<>();
            for (int r = 0; r < warmup + runs; r++) {
                long t0 = System.nanoTime();
                Matmul.forward(out, x, weight, null, m, k, n);
                double s = (System.nanoTime() - t0) / 1e9;
                if (r >= warmup) {
                    seconds.add(s);
                }
            }
            return new MatmulResult(m, n, k, 2.0 * m * n * k / Measure.median(seconds) / 1e9, seconds);
        }
    }

    /** Prefill and decode throughput of {@code model}. */
    public static Result run(Transformer model, Settings s) {
        ModelConfig c = model.config();
        if (s.promptTokens() < 1 || s.promptTokens() + s.decodeTokens() > c.contextLength()
                || s.prefillTokens() > c.contextLength()) {
            throw new IllegalArgumentException("prompt " + s.promptTokens() + " + decode " + s.decodeTokens()
                    + " (and prefill " + s.prefillTokens() + ") tokens must fit the context of " + c.contextLength());
        }
        SplittableRandom rnd = new SplittableRandom(s.seed());
        int[] prefillPrompt = rnd.ints(s.prefillTokens(), 0, c.vocabSize()).toArray();
        int[] prompt = rnd.ints(s.promptTokens(), 0, c.vocabSize()).toArray();
        Transformer.Workspace ws = model.workspace(Math.max(s.prefillTokens(), s.promptTokens()), null);
        KvCache cache = new KvCache(c, Math.max(s.prefillTokens(), s.promptTokens() + s.decodeTokens()));
        KvCache[] caches = new KvCache[ws.rows()];
        java.util.Arrays.fill(caches, cache);
        float[] logits = new float[c.vocabSize()];
        int[] lastRow = new int[1];

        List<Double> prefillSeconds = new ArrayList<>();
        for (int r = 0; r < s.warmup() + s.runs(); r++) {
            cache.truncate(0);
            lastRow[0] = s.prefillTokens() - 1;
            long t0 = System.nanoTime();
            model.forward(ws, prefillPrompt, caches, s.prefillTokens(), null, lastRow, 1, logits);
            if (r >= s.warmup()) {
                prefillSeconds.add((System.nanoTime() - t0) / 1e9);
            }
        }

        long[] threads = Measure.engineThreads();
        int[] token = new int[1];
        int[] row0 = new int[1];
        List<Double> decodeSeconds = new ArrayList<>();
        long allocated = 0, lastRun = 0;
        for (int r = 0; r < s.warmup() + s.runs(); r++) {
            cache.truncate(0);
            lastRow[0] = s.promptTokens() - 1;
            model.forward(ws, prompt, caches, s.promptTokens(), null, lastRow, 1, logits);
            long bytes0 = Measure.allocatedBytes(threads);
            long t0 = System.nanoTime();
            for (int i = 0; i < s.decodeTokens(); i++) {
                token[0] = VectorMath.argmax(logits, 0, c.vocabSize());
                model.forward(ws, token, caches, 1, null, row0, 1, logits);
            }
            long t1 = System.nanoTime();
            long bytes = Measure.allocatedBytes(threads) - bytes0;
            if (r >= s.warmup()) {
                decodeSeconds.add((t1 - t0) / 1e9);
                allocated += bytes;
                lastRun = bytes;
            }
        }
        double lastPerToken = (double) lastRun / s.decodeTokens();
        return new Result(s.promptTokens(), s.decodeTokens(), s.prefillTokens(),
                s.prefillTokens() / Measure.median(prefillSeconds), s.decodeTokens() / Measure.median(decodeSeconds),
                (double) allocated / ((long) s.runs() * s.decodeTokens()), lastPerToken, lastPerToken < 1,
                prefillSeconds, decodeSeconds);
    }
}
