package dev.seal4j.engine.generate;

import dev.seal4j.engine.BadInputException;
import dev.seal4j.engine.model.KvCache;
import dev.seal4j.engine.model.LoraAdapter;
import dev.seal4j.engine.model.ModelConfig;
import dev.seal4j.engine.model.Transformer;
import dev.seal4j.engine.tensor.Simd;
import dev.seal4j.engine.tensor.VectorMath;
import dev.seal4j.engine.tokenizer.StreamingDecoder;
import dev.seal4j.engine.tokenizer.Tokenizer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Generates text from prompts with a KV cache. All prompts are prefilled together in one batch of ragged
 * rows; several continuations of a prompt share its prefill; then every unfinished sequence advances one
 * token per step in one batched forward call. Each sequence has its own random stream derived from the
 * seed, so the same seed and settings give the same text.
 */
public final class Generator {
    /** Prompt rows fed per forward call while prefilling. */
    private static final int PREFILL_CHUNK = 256;

    private final Transformer model;
    private final Tokenizer tokenizer;
    private final Set<Integer> eosIds = new HashSet<>();

    public Generator(Transformer model, Tokenizer tokenizer) {
        this.model = model;
        this.tokenizer = tokenizer;
        eosIds.addAll(tokenizer.eosIds());
        eosIds.addAll(model.config().eosTokenIds());
    }

    public Transformer model() {
        return model;
    }

    public Tokenizer tokenizer() {
        return tokenizer;
    }

    /** Why a sequence ended. */
    public enum FinishReason { STOP, LENGTH }

    /**
     * One generated continuation: its text (stop string excluded), its tokens, why it ended, and each token's
     * log-probability under the model — log-softmax of its logits, before temperature, penalties and top-k/p,
     * which is what engines compare.
     */
    public record Output(String text, int[] tokens, FinishReason finishReason, float[] logprobs) {
    }

    /** Receives text as it is generated; {@code sequence} indexes the outputs. */
    @FunctionalInterface
    public interface Listener {
        void onText(int sequence, String delta);
    }

    /** One continuation of one prompt. */
    public Output generate(int[] prompt, SamplingSettings settings, LoraAdapter adapter, Listener listener) {
        return generate(List.of(prompt), 1, settings, adapter, listener).getFirst();
    }

    /**
     * {@code samples} continuations of each prompt; outputs are prompt-major (prompt 0's samples first).
     * An empty prompt starts from the BOS token.
     */
    public List<Output> generate(List<int[]> prompts, int samples, SamplingSettings settings, LoraAdapter adapter,
                                 Listener listener) {
        ModelConfig c = model.config();
        List<int[]> inputs = new ArrayList<>();
        for (int[] p : prompts) {
            int[] in = p.length > 0 ? p : new int[]{bos()};
            if (in.length >= c.contextLength()) {
                throw new BadInputException("the prompt has " + in.length + " tokens; the model's context is "
                        + c.contextLength());
            }
            inputs.add(in);
        }
        int sequences = inputs.size() * samples;
        int rows = Math.max(sequences, Math.min(PREFILL_CHUNK, inputs.stream().mapToInt(a -> a.length).sum()));
        Transformer.Workspace ws = model.workspace(rows, adapter == null ? null : adapter.config());
        int vocab = c.vocabSize();
        float[] logits = new float[Math.max(sequences, inputs.size()) * vocab];

        // prefill every prompt; keep the logits of each prompt's last row
        KvCache[] promptCaches = new KvCache[inputs.size()];
        float[] promptLogits = new float[inputs.size() * vocab];
        prefill(ws, inputs, promptCaches, promptLogits, adapter, settings.maxTokens());

        Sequence[] seqs = new Sequence[sequences];
        for (int p = 0; p < inputs.size(); p++) {
            for (int k = 0; k < samples; k++) {
                int index = p * samples + k;
                KvCache cache = k == samples - 1 ? promptCaches[p] : promptCaches[p].copy();
                seqs[index] = new Sequence(index, inputs.get(p), cache, settings, new SplittableRandom(settings.seed()
                        + 0x9E3779B97F4A7C15L * index));
                System.arraycopy(promptLogits, p * vocab, logits, index * vocab, vocab);
            }
        }
        Sampler sampler = new Sampler(settings);
        int[] tokens = new int[sequences];
        KvCache[] caches = new KvCache[sequences];
        int[] logitRows = new int[sequences];
        int[] rowOf = new int[sequences];
        Arrays.setAll(rowOf, i -> i);
        float[] exps = new float[vocab];
        while (true) {
            int active = 0;
            for (Sequence s : seqs) {
                if (s.done()) {
                    continue;
                }
                int off = rowOf[s.index] * vocab;
                float max = VectorMath.max(logits, off, vocab);
                float sum = Simd.exp(logits, off, exps, 0, vocab, 1f, max);   // before the sampler changes the row
                int token = sampler.next(logits, off, vocab, s.history, s.historyLength, s.random);
                s.accept(token, (float) Math.log(exps[token] / sum), listener);
                if (!s.done()) {
                    tokens[active] = token;
                    caches[active] = s.cache;
                    logitRows[active] = active;
                    rowOf[s.index] = active;
                    active++;
                }
            }
            if (active == 0) {
                break;
            }
            model.forward(ws, tokens, caches, active, adapter, logitRows, active, logits);
        }
        List<Output> out = new ArrayList<>();
        for (Sequence s : seqs) {
            out.add(s.output());
        }
        return out;
    }

    private int bos() {
        int bos = tokenizer.bosId() >= 0 ? tokenizer.bosId() : model.config().bosTokenId();
        if (bos < 0) {
            throw new BadInputException("the prompt is empty and the tokenizer has no BOS token to start from");
        }
        return bos;
    }

    private void prefill(Transformer.Workspace ws, List<int[]> inputs, KvCache[] caches, float[] lastLogits,
                         LoraAdapter adapter, int maxTokens) {
        ModelConfig c = model.config();
        int rows = ws.rows();
        int[] tokens = new int[rows];
        KvCache[] rowCaches = new KvCache[rows];
        int[] logitRows = new int[rows];
        int[] logitPrompt = new int[rows];
        float[] chunkLogits = new float[rows * c.vocabSize()];
        int n = 0, wanted = 0;
        for (int p = 0; p < inputs.size(); p++) {
            int[] in = inputs.get(p);
            caches[p] = new KvCache(c, Math.min(c.contextLength(), in.length + maxTokens));
            for (int t = 0; t < in.length; t++) {
                tokens[n] = in[t];
                rowCaches[n] = caches[p];
                if (t == in.length - 1) {
                    logitRows[wanted] = n;
                    logitPrompt[wanted++] = p;
                }
                n++;
                boolean last = p == inputs.size() - 1 && t == in.length - 1;
                if (n == rows || last) {
                    model.forward(ws, tokens, rowCaches, n, adapter, logitRows, wanted, chunkLogits);
                    for (int r = 0; r < wanted; r++) {
                        System.arraycopy(chunkLogits, r * c.vocabSize(), lastLogits, logitPrompt[r] * c.vocabSize(), c.vocabSize());
                    }
                    n = 0;
                    wanted = 0;
                }
            }
        }
    }

    /** The state of one continuation while it is being generated. */
    private final class Sequence {
        final int index;
        final KvCache cache;
        final SamplingSettings settings;
        final SplittableRandom random;
        final int[] history;       // prompt + generated ids (repetition penalty)
        int historyLength;
        final int promptLength;
        final StreamingDecoder decoder;
        final StringBuilder text = new StringBuilder();
        int emitted;               // chars of text already given to the listener
        final List<Integer> generated = new ArrayList<>();
        final float[] logprobs;
        FinishReason finish;
        int stopAt = -1;

        Sequence(int index, int[] prompt, KvCache cache, SamplingSettings settings, SplittableRandom random) {
            this.index = index;
            this.cache = cache;
            this.settings = settings;
            this.random = random;
            this.promptLength = prompt.length;
            this.decoder = tokenizer.newStreamingDecoder(true).after(prompt[prompt.length - 1]);
            this.history = Arrays.copyOf(prompt, prompt.length + settings.maxTokens() + 1);
            this.historyLength = prompt.length;
            this.logprobs = new float[settings.maxTokens()];
            if (settings.maxTokens() == 0) {
                finish = FinishReason.LENGTH;
            }
        }

        boolean done() {
            return finish != null;
        }

        void accept(int token, float logprob, Listener listener) {
            if (!settings.ignoreEos() && eosIds.contains(token)) {
                finish(FinishReason.STOP, listener);
                return;
            }
            logprobs[generated.size()] = logprob;
            generated.add(token);
            history[historyLength++] = token;
            int before = text.length();
            text.append(decoder.push(token));
            int stop = findStop(before);
            if (stop >= 0) {
                stopAt = stop;
                finish(FinishReason.STOP, listener);
                return;
            }
            if (generated.size() >= settings.maxTokens() || cache.length() + 1 >= model.config().contextLength()) {
                text.append(decoder.flush());
                finish(FinishReason.LENGTH, listener);
                return;
            }
            emit(text.length() - holdBack(), listener);
        }

        /** The earliest index of a stop string that ends in text[from..], or -1. */
        private int findStop(int from) {
            int best = -1;
            for (String stop : settings.stopStrings()) {
                int at = text.indexOf(stop, Math.max(0, from - stop.length() + 1));
                if (at >= 0 && (best < 0 || at < best)) {
                    best = at;
                }
            }
            return best;
        }

        /** Characters at the end of text that could be the start of a stop string. */
        private int holdBack() {
            int hold = 0;
            for (String stop : settings.stopStrings()) {
                for (int k = Math.min(stop.length() - 1, text.length()); k > hold; k--) {
                    if (text.substring(text.length() - k).equals(stop.substring(0, k))) {
                        hold = k;
                        break;
                    }
                }
            }
            return hold;
        }

        private void finish(FinishReason reason, Listener listener) {
            finish = reason;
            if (stopAt >= 0) {
                text.setLength(stopAt);
            }
            emit(text.length(), listener);
        }

        private void emit(int upTo, Listener listener) {
            if (listener != null && upTo > emitted) {
                listener.onText(index, text.substring(emitted, upTo));
            }
            emitted = Math.max(emitted, upTo);
        }

        Output output() {
            return new Output(text.toString(), generated.stream().mapToInt(Integer::intValue).toArray(), finish,
                    Arrays.copyOf(logprobs, generated.size()));
        }
    }
}
