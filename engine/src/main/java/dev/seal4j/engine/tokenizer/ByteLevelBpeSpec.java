package dev.seal4j.engine.tokenizer;

import java.util.List;
import java.util.Map;

/**
 * Everything a {@link ByteLevelBpe} is made of, whatever file it was read from (tokenizer.json, GGUF
 * metadata, or a freshly trained vocabulary).
 *
 * @param vocab         the BPE model's vocabulary: byte-level token text to id
 * @param merges        the merges, as pairs of token ids with their rank as priority
 * @param ignoreMerges  a piece that is itself in the vocabulary is taken whole (Llama 3)
 * @param addedTokens   tokens matched literally before anything else
 * @param bosId         -1 when none
 */
record ByteLevelBpeSpec(Map<String, Integer> vocab, MergeTable merges, boolean ignoreMerges,
                        List<AddedToken> addedTokens, TextNormalizer normalizer, PreTokenizer preTokenizer,
                        PostProcessor postProcessor, int bosId, List<Integer> eosIds, ChatTemplate chatTemplate) {

    /**
     * Resolves merges given as token texts ("Ġ", "t") into a table; rank = position in the list.
     *
     * @throws IllegalArgumentException naming the first merge whose parts or result are not in the vocabulary
     */
    static MergeTable mergeTable(Map<String, Integer> vocab, List<String[]> pairs) {
        MergeTable table = new MergeTable(pairs.size());
        for (int rank = 0; rank < pairs.size(); rank++) {
            String[] pair = pairs.get(rank);
            Integer left = vocab.get(pair[0]);
            Integer right = vocab.get(pair[1]);
            Integer merged = vocab.get(pair[0] + pair[1]);
            if (left == null || right == null || merged == null) {
                String missing = left == null ? pair[0] : right == null ? pair[1] : pair[0] + pair[1];
                throw new IllegalArgumentException("merge " + rank + " ('" + pair[0] + "', '" + pair[1] + "') uses '"
                        + missing + "', which is not in the vocabulary");
            }
            table.put(left, right, rank, merged);
        }
        return table;
    }

    /** Token text by id over the model vocabulary and the added tokens; null where no token has the id. */
    String[] texts() {
        String[] texts = new String[vocabSize()];
        vocab.forEach((text, id) -> texts[id] = text);
        for (AddedToken t : addedTokens) {
            texts[t.id()] = t.content();
        }
        return texts;
    }

    boolean[] specialFlags() {
        boolean[] special = new boolean[vocabSize()];
        for (AddedToken t : addedTokens) {
            special[t.id()] = t.special();
        }
        return special;
    }

    private int vocabSize() {
        int max = -1;
        for (int id : vocab.values()) {
            max = Math.max(max, id);
        }
        for (AddedToken t : addedTokens) {
            max = Math.max(max, t.id());
        }
        return max + 1;
    }
}
