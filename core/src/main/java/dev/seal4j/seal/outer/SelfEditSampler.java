package dev.seal4j.seal.outer;

import dev.seal4j.engine.generate.Generator;
import dev.seal4j.engine.generate.SamplingSettings;
import dev.seal4j.engine.model.Transformer;
import dev.seal4j.engine.tokenizer.Tokenizer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The generator side of SEAL: samples k self-edits per prompt from a model (paper: temperature 1.0, top-p
 * 0.95). Prompts are decoded in fixed chunks from the first, each chunk seeded by its position in the list,
 * so a prompt's samples depend only on the list and the seed — also when only some chunks are decoded (a
 * resumed run redoes whole chunks and gets exactly the samples of an uninterrupted one).
 */
public final class SelfEditSampler {
    private static final int PROMPTS_PER_BATCH = 8;

    private final Generator generator;
    private final SamplingSettings settings;

    public SelfEditSampler(Transformer model, Tokenizer tokenizer, SamplingSettings settings) {
        this.generator = new Generator(model, tokenizer);
        this.settings = settings;
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

    /** k self-edits for every prompt; result.get(i) are prompt i's. */
    public List<List<String>> sample(List<String> prompts, int k) {
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < prompts.size(); i++) {
            all.add(i);
        }
        return List.copyOf(sample(prompts, k, Set.copyOf(all)).values());
    }

    /** k self-edits for the prompts whose indices are {@code wanted} (at least; whole chunks are decoded), by index. */
    public Map<Integer, List<String>> sample(List<String> prompts, int k, Set<Integer> wanted) {
        Map<Integer, List<String>> out = new LinkedHashMap<>();
        for (int start = 0; start < prompts.size(); start += PROMPTS_PER_BATCH) {
            int end = Math.min(prompts.size(), start + PROMPTS_PER_BATCH);
            int first = start;
            if (wanted.stream().noneMatch(i -> i >= first && i < end)) {
                continue;
            }
            List<int[]> encoded = prompts.subList(start, end).stream().map(p -> generator.tokenizer().encode(p)).toList();
            List<Generator.Output> outputs = generator.generate(encoded, k, settings.withSeed(settings.seed() + start), null, null);
            for (int i = 0; i < encoded.size(); i++) {
                out.put(start + i, outputs.subList(i * k, (i + 1) * k).stream().map(SelfEditSampler::completeLines).toList());
            }
        }
        return out;
    }
}
