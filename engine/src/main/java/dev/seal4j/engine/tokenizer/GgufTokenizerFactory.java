package dev.seal4j.engine.tokenizer;

import dev.seal4j.engine.BadInputException;

import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds a tokenizer from GGUF metadata (the tokenizer.ggml.* keys): model "gpt2" is byte-level BPE split as
 * the {@link GgufPreTokenizer} named by tokenizer.ggml.pre says (llama.cpp's "default" when absent); model
 * "llama" is SentencePiece BPE.
 */
final class GgufTokenizerFactory {
    private final Map<String, ?> metadata;
    private final Path source;

    private GgufTokenizerFactory(Map<String, ?> metadata, Path source) {
        this.metadata = metadata;
        this.source = source;
    }

    static Tokenizer create(Map<String, ?> metadata, Path source) {
        GgufTokenizerFactory f = new GgufTokenizerFactory(metadata, source);
        String model = f.string(GgufTokenizerKeys.MODEL);
        try {
            return switch (model) {
                case GgufTokenizerKeys.BYTE_LEVEL_BPE -> f.byteLevelBpe();
                case GgufTokenizerKeys.SENTENCE_PIECE -> f.sentencePiece();
                default -> throw f.error(GgufTokenizerKeys.MODEL + " '" + model + "' is not supported ("
                        + GgufTokenizerKeys.BYTE_LEVEL_BPE + ", " + GgufTokenizerKeys.SENTENCE_PIECE + ")");
            };
        } catch (IllegalArgumentException e) {
            throw f.error(e.getMessage());
        }
    }

    private Tokenizer byteLevelBpe() {
        List<String> tokens = strings(GgufTokenizerKeys.TOKENS);
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
        List<String> lines = strings(GgufTokenizerKeys.MERGES);
        for (int i = 0; i < lines.size(); i++) {
            String[] pair = lines.get(i).split(" ", -1);
            if (pair.length != 2) {
                throw error(GgufTokenizerKeys.MERGES + "[" + i + "] '" + lines.get(i) + "' is not two tokens separated by a space");
            }
            merges.add(pair);
        }
        String name = metadata.containsKey(GgufTokenizerKeys.PRE) ? string(GgufTokenizerKeys.PRE) : GgufPreTokenizer.DEFAULT.gguf();
        GgufPreTokenizer pre = GgufPreTokenizer.named(name);
        if (pre == null) {
            throw error(GgufTokenizerKeys.PRE + " '" + name + "' is not a pre-tokenizer llama.cpp and seal4j share (supported: "
                    + GgufPreTokenizer.supportedNames() + (name.equals("gpt2") ? "; GPT-2's is spelled 'gpt-2'" : "") + ")");
        }
        int bos = optionalId(GgufTokenizerKeys.BOS_ID, tokens.size());
        List<Integer> eos = eosIds(tokens.size());
        PostProcessor post = new PostProcessor(
                bool(GgufTokenizerKeys.ADD_BOS, pre.addBosByDefault) && bos >= 0 ? new int[] {bos} : new int[0],
                bool(GgufTokenizerKeys.ADD_EOS, false) && !eos.isEmpty() ? new int[] {eos.getFirst()} : new int[0]);
        return new ByteLevelBpe(new ByteLevelBpeSpec(vocab, ByteLevelBpeSpec.mergeTable(vocab, merges), pre.ignoreMerges,
                added, pre.normalizer(), pre.preTokenizer(), post, bos, eos, chatTemplate(tokens, bos, eos)));
    }

    private Tokenizer sentencePiece() {
        List<String> tokens = strings(GgufTokenizerKeys.TOKENS);
        float[] scores = floats(GgufTokenizerKeys.SCORES, tokens.size());
        int[] types = tokenTypes(tokens.size());
        int bos = optionalId(GgufTokenizerKeys.BOS_ID, tokens.size());
        List<Integer> eos = eosIds(tokens.size());
        int unk = optionalId(GgufTokenizerKeys.UNKNOWN_ID, tokens.size());
        return new SentencePieceBpe(new SentencePieceSpec(tokens.toArray(String[]::new), scores, types, bos, eos,
                Math.max(unk, 0), true, bool(GgufTokenizerKeys.ADD_BOS, true),
                bool(GgufTokenizerKeys.ADD_EOS, false), bool(GgufTokenizerKeys.ADD_SPACE_PREFIX, true),
                chatTemplate(tokens, bos, eos)));
    }

    /** EOS plus the end-of-turn and end-of-message ids, which also end a generation. */
    private List<Integer> eosIds(int vocabSize) {
        Set<Integer> ids = new LinkedHashSet<>();
        for (String key : GgufTokenizerKeys.EOS_IDS) {
            int id = optionalId(key, vocabSize);
            if (id >= 0) {
                ids.add(id);
            }
        }
        return List.copyOf(ids);
    }

    private ChatTemplate chatTemplate(List<String> tokens, int bos, List<Integer> eos) {
        Map<String, String> templates = new HashMap<>();
        for (String key : metadata.keySet()) {
            if (key.equals(GgufTokenizerKeys.CHAT_TEMPLATE)) {
                templates.put(ChatTemplate.DEFAULT_NAME, string(key));
            } else if (key.startsWith(GgufTokenizerKeys.CHAT_TEMPLATE + ".")) {
                templates.put(key.substring(GgufTokenizerKeys.CHAT_TEMPLATE.length() + 1), string(key));
            }
        }
        if (templates.isEmpty()) {
            return null;
        }
        return new ChatTemplate(templates, bos >= 0 ? tokens.get(bos) : null, eos.isEmpty() ? null : tokens.get(eos.getFirst()));
    }

    private int[] tokenTypes(int count) {
        if (!metadata.containsKey(GgufTokenizerKeys.TOKEN_TYPE)) {
            int[] normal = new int[count];
            Arrays.fill(normal, SentencePieceBpe.NORMAL);
            return normal;
        }
        List<Object> values = list(GgufTokenizerKeys.TOKEN_TYPE);
        if (values.size() != count) {
            throw error(GgufTokenizerKeys.TOKEN_TYPE + " has " + values.size() + " entries for " + count + " tokens");
        }
        int[] types = new int[count];
        for (int i = 0; i < count; i++) {
            types[i] = number(values.get(i), GgufTokenizerKeys.TOKEN_TYPE + "[" + i + "]").intValue();
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
