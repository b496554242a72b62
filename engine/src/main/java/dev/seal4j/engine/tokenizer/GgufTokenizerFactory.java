package dev.seal4j.engine.tokenizer;

import dev.seal4j.engine.BadInputException;

import java.lang.reflect.Array;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds a tokenizer from GGUF metadata (the tokenizer.ggml.* keys): model "gpt2" is byte-level BPE with the
 * pre-tokenizer regex named by tokenizer.ggml.pre; model "llama" is SentencePiece BPE.
 */
final class GgufTokenizerFactory {
    private static final Set<String> LLAMA3_NAMES = Set.of("llama-bpe", "llama3", "smaug-bpe");

    private final Map<String, ?> metadata;
    private final Path source;

    private GgufTokenizerFactory(Map<String, ?> metadata, Path source) {
        this.metadata = metadata;
        this.source = source;
    }

    static Tokenizer create(Map<String, ?> metadata, Path source) {
        GgufTokenizerFactory f = new GgufTokenizerFactory(metadata, source);
        String model = f.string("tokenizer.ggml.model");
        try {
            return switch (model) {
                case "gpt2" -> f.byteLevelBpe();
                case "llama" -> f.sentencePiece();
                default -> throw f.error("tokenizer.ggml.model '" + model + "' is not supported (gpt2, llama)");
            };
        } catch (IllegalArgumentException e) {
            throw f.error(e.getMessage());
        }
    }

    private Tokenizer byteLevelBpe() {
        List<String> tokens = strings("tokenizer.ggml.tokens");
        int[] types = tokenTypes(tokens.size());
        Map<String, Integer> vocab = new HashMap<>(tokens.size() * 2);
        List<AddedToken> added = new ArrayList<>();
        for (int id = 0; id < tokens.size(); id++) {
            vocab.putIfAbsent(tokens.get(id), id);
            if (types[id] == SentencePieceBpe.CONTROL || types[id] == SentencePieceBpe.USER_DEFINED) {
                added.add(new AddedToken(id, tokens.get(id), types[id] == SentencePieceBpe.CONTROL, false, false, false, false));
            }
        }
        List<String[]> merges = new ArrayList<>();
        List<String> lines = strings("tokenizer.ggml.merges");
        for (int i = 0; i < lines.size(); i++) {
            String[] pair = lines.get(i).split(" ", -1);
            if (pair.length != 2) {
                throw error("tokenizer.ggml.merges[" + i + "] '" + lines.get(i) + "' is not two tokens separated by a space");
            }
            merges.add(pair);
        }
        String pre = metadata.containsKey("tokenizer.ggml.pre") ? string("tokenizer.ggml.pre") : "default";
        PreTokenizer preTokenizer = switch (pre) {
            case "default", "gpt2", "gpt-2" -> new PreTokenizer.ByteLevel(false, true);
            case String name when LLAMA3_NAMES.contains(name) -> isolated(PreTokenizer.LLAMA3_REGEX);
            case "qwen2" -> isolated(PreTokenizer.QWEN2_REGEX);
            default -> throw error("tokenizer.ggml.pre '" + pre
                    + "' is not supported (default, gpt-2, llama-bpe, qwen2)");
        };
        // Hugging Face's Qwen2 tokenizer normalizes to NFC; GGUF does not record it, so it is implied by the name.
        TextNormalizer normalizer = pre.equals("qwen2") ? new TextNormalizer(List.of(Normalizer.Form.NFC)) : TextNormalizer.NONE;
        boolean ignoreMerges = LLAMA3_NAMES.contains(pre);   // llama.cpp takes whole pieces found in the vocab for these
        int bos = optionalId("tokenizer.ggml.bos_token_id", tokens.size());
        List<Integer> eos = eosIds(tokens.size());
        PostProcessor post = new PostProcessor(
                bool("tokenizer.ggml.add_bos_token", false) && bos >= 0 ? new int[] {bos} : new int[0],
                bool("tokenizer.ggml.add_eos_token", false) && !eos.isEmpty() ? new int[] {eos.getFirst()} : new int[0]);
        return new ByteLevelBpe(new ByteLevelBpeSpec(vocab, ByteLevelBpeSpec.mergeTable(vocab, merges), ignoreMerges,
                added, normalizer, preTokenizer, post, bos, eos, chatTemplate(tokens, bos, eos)));
    }

    private Tokenizer sentencePiece() {
        List<String> tokens = strings("tokenizer.ggml.tokens");
        float[] scores = floats("tokenizer.ggml.scores", tokens.size());
        int[] types = tokenTypes(tokens.size());
        int bos = optionalId("tokenizer.ggml.bos_token_id", tokens.size());
        List<Integer> eos = eosIds(tokens.size());
        int unk = optionalId("tokenizer.ggml.unknown_token_id", tokens.size());
        return new SentencePieceBpe(new SentencePieceSpec(tokens.toArray(String[]::new), scores, types, bos, eos,
                Math.max(unk, 0), true, bool("tokenizer.ggml.add_bos_token", true),
                bool("tokenizer.ggml.add_eos_token", false), bool("tokenizer.ggml.add_space_prefix", true),
                chatTemplate(tokens, bos, eos)));
    }

    private static PreTokenizer isolated(String regex) {
        return new PreTokenizer.Split(PreTokenizer.compile(regex), PreTokenizer.Behavior.ISOLATED, false);
    }

    /** EOS plus the end-of-turn and end-of-message ids, which also end a generation. */
    private List<Integer> eosIds(int vocabSize) {
        Set<Integer> ids = new LinkedHashSet<>();
        for (String key : List.of("tokenizer.ggml.eos_token_id", "tokenizer.ggml.eot_token_id", "tokenizer.ggml.eom_token_id")) {
            int id = optionalId(key, vocabSize);
            if (id >= 0) {
                ids.add(id);
            }
        }
        return List.copyOf(ids);
    }

    private ChatTemplate chatTemplate(List<String> tokens, int bos, List<Integer> eos) {
        if (!metadata.containsKey("tokenizer.chat_template")) {
            return null;
        }
        return new ChatTemplate(Map.of(ChatTemplate.DEFAULT_NAME, string("tokenizer.chat_template")),
                bos >= 0 ? tokens.get(bos) : null, eos.isEmpty() ? null : tokens.get(eos.getFirst()));
    }

    private int[] tokenTypes(int count) {
        if (!metadata.containsKey("tokenizer.ggml.token_type")) {
            int[] normal = new int[count];
            Arrays.fill(normal, SentencePieceBpe.NORMAL);
            return normal;
        }
        List<Object> values = list("tokenizer.ggml.token_type");
        if (values.size() != count) {
            throw error("tokenizer.ggml.token_type has " + values.size() + " entries for " + count + " tokens");
        }
        int[] types = new int[count];
        for (int i = 0; i < count; i++) {
            types[i] = number(values.get(i), "tokenizer.ggml.token_type[" + i + "]").intValue();
        }
        return types;
    }

    private float[] floats(String key, int count) {
        List<Object> values = list(key);
        if (values.size() != count) {
            throw error(key + " has " + values.size() + " entries for " + count + " tokens");
        }
        float[] out = new float[count];
        for (int i = 0; i < count; i++) {
            out[i] = number(values.get(i), key + "[" + i + "]").floatValue();
        }
        return out;
    }

    private List<String> strings(String key) {
        List<Object> values = list(key);
        List<String> out = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            if (!(values.get(i) instanceof String s)) {
                throw error(key + "[" + i + "] must be a string");
            }
            out.add(s);
        }
        return out;
    }

    /** A GGUF array, whether the reader gave a List or a Java array. */
    private List<Object> list(String key) {
        Object v = required(key);
        if (v instanceof List<?> l) {
            return new ArrayList<>(l);
        }
        if (v.getClass().isArray()) {
            List<Object> out = new ArrayList<>(Array.getLength(v));
            for (int i = 0; i < Array.getLength(v); i++) {
                out.add(Array.get(v, i));
            }
            return out;
        }
        throw error(key + " must be an array");
    }

    private String string(String key) {
        if (!(required(key) instanceof String s)) {
            throw error(key + " must be a string");
        }
        return s;
    }

    private boolean bool(String key, boolean otherwise) {
        Object v = metadata.get(key);
        if (v == null) {
            return otherwise;
        }
        if (!(v instanceof Boolean b)) {
            throw error(key + " must be a boolean");
        }
        return b;
    }

    /** A token id, or -1 when the key is absent. */
    private int optionalId(String key, int vocabSize) {
        Object v = metadata.get(key);
        if (v == null) {
            return -1;
        }
        long id = number(v, key).longValue();
        if (id < 0 || id >= vocabSize) {
            throw error(key + " " + id + " is outside the vocabulary of " + vocabSize + " tokens");
        }
        return (int) id;
    }

    private Number number(Object v, String what) {
        if (!(v instanceof Number n)) {
            throw error(what + " must be a number");
        }
        return n;
    }

    private Object required(String key) {
        Object v = metadata.get(key);
        if (v == null) {
            throw error(key + " is missing");
        }
        return v;
    }

    private BadInputException error(String problem) {
        return new BadInputException((source == null ? "GGUF metadata" : source.toString()) + ": " + problem);
    }
}
