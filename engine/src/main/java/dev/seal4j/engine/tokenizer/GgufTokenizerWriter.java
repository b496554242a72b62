package dev.seal4j.engine.tokenizer;

import dev.seal4j.engine.BadInputException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tokenizer as the GGUF metadata llama.cpp reads (the {@link GgufTokenizerKeys}), so that a GGUF file carries
 * everything needed to tokenize: values are of the Java types {@link dev.seal4j.engine.format.Gguf} reads them
 * back as — String, Long (uint32 ids), Boolean, List&lt;String&gt;, int[] (int32 token types), float[] (float32
 * scores). The token list is padded to the model's vocabulary with unused "[PADn]" tokens, as llama.cpp
 * expects one token per embedding row.
 */
final class GgufTokenizerWriter {
    private GgufTokenizerWriter() {
    }

    static Map<String, Object> metadata(Tokenizer tokenizer, int vocabSize, int bosId, List<Integer> eosIds) {
        if (tokenizer.vocabSize() > vocabSize) {
            throw new BadInputException("the tokenizer has " + tokenizer.vocabSize() + " tokens but the model's vocabulary "
                    + vocabSize);
        }
        return switch (tokenizer) {
            case ByteLevelBpe b -> byteLevel(b.spec(), vocabSize, bosId, eosIds);
            case SentencePieceBpe s -> sentencePiece(s.spec(), vocabSize, bosId, eosIds);
            default -> throw new IllegalArgumentException("cannot write a " + tokenizer.getClass().getSimpleName() + " as GGUF");
        };
    }

    private static Map<String, Object> byteLevel(ByteLevelBpeSpec spec, int vocabSize, int bosId, List<Integer> eosIds) {
        GgufPreTokenizer pre = GgufPreTokenizer.of(spec);
        if (pre == null) {
            throw new BadInputException("the tokenizer normalizes or splits text in a way llama.cpp has no "
                    + GgufTokenizerKeys.PRE + " name for (it knows: " + GgufPreTokenizer.supportedNames()
                    + "); llama.cpp would tokenize the GGUF differently");
        }
        String[] texts = spec.texts();
        int[] types = new int[vocabSize];
        Arrays.fill(types, SentencePieceBpe.NORMAL);
        for (AddedToken t : spec.addedTokens()) {
            types[t.id()] = t.special() ? SentencePieceBpe.CONTROL : SentencePieceBpe.USER_DEFINED;
        }
        List<String> tokens = padded(texts, types, vocabSize);
        List<String> merges = new ArrayList<>();
        for (int[] pair : spec.merges().pairsByPriority()) {
            merges.add(texts[pair[0]] + " " + texts[pair[1]]);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(GgufTokenizerKeys.MODEL, GgufTokenizerKeys.BYTE_LEVEL_BPE);
        out.put(GgufTokenizerKeys.PRE, pre.gguf());
        out.put(GgufTokenizerKeys.TOKENS, tokens);
        out.put(GgufTokenizerKeys.TOKEN_TYPE, types);
        out.put(GgufTokenizerKeys.MERGES, merges);
        PostProcessor post = spec.postProcessor();
        boolean addBos = addsOnly(post.prefix(), spec.bosId(), "in front");
        boolean addEos = addsOnly(post.suffix(), spec.eosIds().isEmpty() ? -1 : spec.eosIds().getFirst(), "at the end");
        specialTokens(out, bosId, eosIds, addBos, addEos, spec.chatTemplate());
        return out;
    }

    private static Map<String, Object> sentencePiece(SentencePieceSpec spec, int vocabSize, int bosId, List<Integer> eosIds) {
        int[] types = Arrays.copyOf(spec.types(), vocabSize);
        String[] texts = new String[spec.texts().length];
        for (int id = 0; id < texts.length; id++) {
            texts[id] = spec.texts()[id].replace(' ', '\u2581');   // SentencePiece's spelling of a space
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(GgufTokenizerKeys.MODEL, GgufTokenizerKeys.SENTENCE_PIECE);
        out.put(GgufTokenizerKeys.TOKENS, padded(texts, types, vocabSize));
        out.put(GgufTokenizerKeys.SCORES, Arrays.copyOf(spec.scores(), vocabSize));
        out.put(GgufTokenizerKeys.TOKEN_TYPE, types);
        out.put(GgufTokenizerKeys.UNKNOWN_ID, (long) spec.unkId());
        out.put(GgufTokenizerKeys.ADD_SPACE_PREFIX, spec.addSpacePrefix());
        specialTokens(out, bosId, eosIds, spec.addBos(), spec.addEos(), spec.chatTemplate());
        return out;
    }

    /**
     * texts (null where no token has the id) padded to {@code vocabSize} with "[PADn]" tokens, whose types
     * become unused. llama.cpp maps every text to one id, so a text may appear once only.
     */
    private static List<String> padded(String[] texts, int[] types, int vocabSize) {
        List<String> tokens = new ArrayList<>(vocabSize);
        Map<String, Integer> seen = new HashMap<>();
        for (int id = 0; id < vocabSize; id++) {
            String text = id < texts.length ? texts[id] : null;
            if (text == null) {
                text = "[PAD" + id + "]";
                types[id] = SentencePieceBpe.UNUSED;
            }
            Integer before = seen.putIfAbsent(text, id);
            if (before != null) {
                throw new BadInputException("tokens " + before + " and " + id + " are both '" + text
                        + "'; llama.cpp needs every token to be distinct");
            }
            tokens.add(text);
        }
        return tokens;
    }

    /** Whether {@code ids} is exactly {@code id} (true) or empty (false); anything else has no GGUF key. */
    private static boolean addsOnly(int[] ids, int id, String where) {
        if (ids.length == 0) {
            return false;
        }
        if (ids.length == 1 && ids[0] == id && id >= 0) {
            return true;
        }
        throw new BadInputException("the tokenizer adds " + Arrays.toString(ids) + " " + where
                + " of a text; GGUF can only say that it adds BOS in front and EOS at the end");
    }

    private static void specialTokens(Map<String, Object> out, int bos, List<Integer> eos, boolean addBos, boolean addEos,
                                      ChatTemplate template) {
        if (bos >= 0) {
            out.put(GgufTokenizerKeys.BOS_ID, (long) bos);
        }
        for (int i = 0; i < Math.min(eos.size(), GgufTokenizerKeys.EOS_IDS.size()); i++) {
            out.put(GgufTokenizerKeys.EOS_IDS.get(i), (long) eos.get(i));
        }
        out.put(GgufTokenizerKeys.ADD_BOS, addBos);
        out.put(GgufTokenizerKeys.ADD_EOS, addEos);
        if (template != null) {
            template.sources().forEach((name, source) -> out.put(name.equals(ChatTemplate.DEFAULT_NAME)
                    ? GgufTokenizerKeys.CHAT_TEMPLATE : GgufTokenizerKeys.CHAT_TEMPLATE + "." + name, source));
        }
    }
}
