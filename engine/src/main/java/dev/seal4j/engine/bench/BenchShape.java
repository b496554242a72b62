package dev.seal4j.engine.bench;

import dev.seal4j.engine.BadInputException;
import dev.seal4j.engine.model.ModelConfig;

import java.util.List;

/**
 * A named model shape the benchmarks run with random weights: the published dimensions of a real model
 * (or of a slice of one), so the numbers mean something without the checkpoint.
 *
 * @param name   what {@code --shape} calls it
 * @param config its dimensions
 */
public record BenchShape(String name, ModelConfig config) {
    /** Every shape, in the order they are listed to users. */
    public static final List<BenchShape> ALL = List.of(
            // llama2.c's stories15M: tied classifier, 32,000-token Llama 2 vocabulary
            new BenchShape("stories15m", llama(288, 768, 6, 6, 6, 32000, 1024)),
            // the built-in tiny-world model
            new BenchShape("tiny-world", llama(256, 768, 6, 8, 4, 4096, 512)),
            // Qwen2.5-0.5B: its first 4 decoder layers, and all 24
            new BenchShape("qwen2.5-0.5b-4l", qwen25(4)),
            new BenchShape("qwen2.5-0.5b", qwen25(24)));

    public static BenchShape named(String name) {
        for (BenchShape s : ALL) {
            if (s.name.equals(name)) {
                return s;
            }
        }
        throw new BadInputException("unknown benchmark shape '" + name + "' (known: "
                + String.join(", ", ALL.stream().map(BenchShape::name).toList()) + ")");
    }

    private static ModelConfig llama(int dim, int hidden, int layers, int heads, int kvHeads, int vocab, int context) {
        return new ModelConfig("LlamaForCausalLM", dim, hidden, layers, heads, kvHeads, dim / heads, vocab, context,
                1e-5f, 10000f, null, ModelConfig.RopeStyle.HALVES, true, false, false, 1, List.of(2));
    }

    private static ModelConfig qwen25(int layers) {
        return new ModelConfig("Qwen2ForCausalLM", 896, 4864, layers, 14, 2, 64, 151936, 32768, 1e-6f, 1_000_000f,
                null, ModelConfig.RopeStyle.HALVES, true, true, false, -1, List.of(151643, 151645));
    }
}
