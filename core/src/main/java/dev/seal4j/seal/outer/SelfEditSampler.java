package dev.seal4j.seal.outer;

import dev.seal4j.engine.generate.Generator;
import dev.seal4j.engine.generate.SamplingSettings;
import dev.seal4j.engine.model.Transformer;
import dev.seal4j.engine.tokenizer.Tokenizer;
import dev.seal4j.seal.selfedit.SelfEditFormat;

import java.util.ArrayList;
import java.util.List;

/**
 * The generator side of SEAL: samples k self-edits per context from a model, prompted in a self-edit
 * format (paper: temperature 1.0, top-p 0.95). Contexts are sampled in chunks so every chunk's sequences
 * decode together in one batch.
 */
public final class SelfEditSampler {
    private static final int CONTEXTS_PER_BATCH = 8;

    private final Generator generator;
    private final SelfEditFormat format;
    private final SamplingSettings settings;

    public SelfEditSampler(Transformer model, Tokenizer tokenizer, SelfEditFormat format, SamplingSettings settings) {
        this.generator = new Generator(model, tokenizer);
        this.format = format;
        this.settings = settings;
    }

    /** The paper's sampling: temperature 1, top-p 0.95, up to {@code maxTokens} tokens, seeded. */
    public static SamplingSettings paperSettings(int maxTokens, long seed, List<String> stops) {
        return new SamplingSettings(1f, 0, 0.95f, 1f, seed, maxTokens, stops, false);
    }

    public SelfEditFormat format() {
        return format;
    }

    /** The prompt for a context. */
    public String prompt(String title, String context) {
        return format.prompt(title, context);
    }

    /**
     * The text of a self-edit, without the unfinished last line of one the token budget cut off: half a
     * sentence would be trained on as a fact. A cut self-edit of a single line is kept whole.
     */
    static String completeLines(Generator.Output output) {
        String text = output.text();
        int lastBreak = text.lastIndexOf('\n');
        return output.finishReason() == Generator.FinishReason.LENGTH && lastBreak > 0 ? text.substring(0, lastBreak + 1) : text;
    }

    /**
     * k completions for each (title, context); result.get(i) are context i's samples. Contexts are decoded
     * in fixed chunks from the first, each chunk seeded by its position, so a list always gives the same
     * samples.
     */
    public List<List<String>> sample(List<String> titles, List<String> contexts, int k) {
        List<List<String>> out = new ArrayList<>();
        for (int start = 0; start < titles.size(); start += CONTEXTS_PER_BATCH) {
            int end = Math.min(titles.size(), start + CONTEXTS_PER_BATCH);
            List<int[]> prompts = new ArrayList<>();
            for (int i = start; i < end; i++) {
                prompts.add(generator.tokenizer().encode(prompt(titles.get(i), contexts.get(i))));
            }
            List<Generator.Output> outputs = generator.generate(prompts, k, settings.withSeed(settings.seed() + start), null, null);
            for (int i = 0; i < prompts.size(); i++) {
                out.add(outputs.subList(i * k, (i + 1) * k).stream().map(SelfEditSampler::completeLines).toList());
            }
        }
        return out;
    }
}
