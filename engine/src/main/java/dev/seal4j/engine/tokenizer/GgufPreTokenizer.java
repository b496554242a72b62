package dev.seal4j.engine.tokenizer;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The byte-level BPE pre-tokenizers llama.cpp knows by a name in {@code tokenizer.ggml.pre}, spelled as
 * llama.cpp spells them: how the text is cut before BPE, and what the name implies besides (Llama 3 takes a
 * piece found whole in the vocabulary without merging and adds BOS unless the file says otherwise; Qwen2's
 * Hugging Face tokenizer normalizes to NFC). The reader builds a tokenizer from a name; the writer finds the
 * name of a tokenizer's behaviour, so that llama.cpp splits text exactly as seal4j does.
 */
enum GgufPreTokenizer {
    /** llama.cpp's own default, used when the key is missing: four regexes applied one after the other. */
    DEFAULT(List.of("default"), List.of("[\\p{P}\\$\\+<=>\\^~\\|]+",
            "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)", "\\p{N}+", "[0-9][0-9][0-9]"),
            false, false, false),
    GPT2(List.of("gpt-2", "phi-2"), List.of(PreTokenizer.GPT2_REGEX), false, false, false),
    LLAMA3(List.of("llama-bpe", "llama3", "llama-v3"), List.of(PreTokenizer.LLAMA3_REGEX), false, true, true),
    /** Llama 3's split without its whole-piece rule (SmolLM, DBRX). */
    SMAUG(List.of("smaug-bpe", "dbrx"), List.of(PreTokenizer.LLAMA3_REGEX), false, false, false),
    QWEN2(List.of("qwen2", "deepseek-r1-qwen"), List.of(PreTokenizer.QWEN2_REGEX), true, false, false);

    /** The name written into files first, then the others llama.cpp reads the same way. */
    final List<String> names;
    /** Regexes applied one after the other, each splitting the pieces of the one before (matches isolated). */
    final List<String> regexes;
    final boolean nfc;
    final boolean ignoreMerges;
    /** Whether BOS is added when tokenizer.ggml.add_bos_token is absent. */
    final boolean addBosByDefault;

    GgufPreTokenizer(List<String> names, List<String> regexes, boolean nfc, boolean ignoreMerges, boolean addBosByDefault) {
        this.names = names;
        this.regexes = regexes;
        this.nfc = nfc;
        this.ignoreMerges = ignoreMerges;
        this.addBosByDefault = addBosByDefault;
    }

    /** The name llama.cpp writes. */
    String gguf() {
        return names.getFirst();
    }

    /** The entry called {@code name}, or null. */
    static GgufPreTokenizer named(String name) {
        for (GgufPreTokenizer p : values()) {
            if (p.names.contains(name)) {
                return p;
            }
        }
        return null;
    }

    /** Every name the reader accepts, for error messages. */
    static String supportedNames() {
        return Arrays.stream(values()).flatMap(p -> p.names.stream()).collect(Collectors.joining(", "));
    }

    PreTokenizer preTokenizer() {
        List<PreTokenizer> steps = new ArrayList<>();
        for (String regex : regexes) {
            steps.add(new PreTokenizer.Split(PreTokenizer.compile(regex), PreTokenizer.Behavior.ISOLATED, false));
        }
        return steps.size() == 1 ? steps.getFirst() : new PreTokenizer.Sequence(steps);
    }

    TextNormalizer normalizer() {
        return nfc ? new TextNormalizer(List.of(Normalizer.Form.NFC)) : TextNormalizer.NONE;
    }

    /** The entry whose behaviour is exactly that of {@code spec}'s normalizer, splitting and merging, or null. */
    static GgufPreTokenizer of(ByteLevelBpeSpec spec) {
        List<String> regexes = new ArrayList<>();
        if (!splits(spec.preTokenizer(), regexes)) {
            return null;
        }
        for (GgufPreTokenizer p : values()) {
            if (p.regexes.equals(regexes) && p.normalizer().equals(spec.normalizer()) && p.ignoreMerges == spec.ignoreMerges()) {
                return p;
            }
        }
        return null;
    }

    /**
     * Adds the regexes {@code p} splits by, in order, to {@code out}; false when it does anything else (a
     * ByteLevel step that adds a prefix space, a split that removes or merges its matches, ...).
     */
    private static boolean splits(PreTokenizer p, List<String> out) {
        return switch (p) {
            case PreTokenizer.Sequence s -> s.steps().stream().allMatch(step -> splits(step, out));
            case PreTokenizer.Split s when s.behavior() == PreTokenizer.Behavior.ISOLATED && !s.invert() -> {
                out.add(s.pattern().pattern());
                yield true;
            }
            case PreTokenizer.ByteLevel b when !b.addPrefixSpace() -> {
                if (b.useRegex()) {
                    out.add(PreTokenizer.GPT2_REGEX);
                }
                yield true;
            }
            default -> false;
        };
    }
}
