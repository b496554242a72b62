package dev.seal4j.engine.tokenizer;

import java.util.List;

/**
 * Everything a {@link SentencePieceBpe} is made of, from llama2.c's tokenizer.bin or GGUF metadata.
 *
 * @param texts              each token as written in the file ('▁' or ' ' for a space)
 * @param scores             merge priority of each piece (higher merges first)
 * @param types              {@link SentencePieceBpe#NORMAL}, ..., per token
 * @param unkId              what a byte without a &lt;0xNN&gt; token becomes
 * @param matchSpecialTokens control and user-defined tokens written in the text are matched literally
 * @param addBos             {@link Tokenizer#encodeWithSpecial} prepends BOS
 * @param addEos             ... and appends the first EOS
 * @param addSpacePrefix     a text (and each text after a literal special token) gets a leading space
 */
record SentencePieceSpec(String[] texts, float[] scores, int[] types, int bosId, List<Integer> eosIds, int unkId,
                         boolean matchSpecialTokens, boolean addBos, boolean addEos, boolean addSpacePrefix,
                         ChatTemplate chatTemplate) {

    SentencePieceSpec {
        if (scores.length != texts.length || types.length != texts.length) {
            throw new IllegalArgumentException("tokens, scores and token types differ in count: " + texts.length + ", "
                    + scores.length + ", " + types.length);
        }
        for (int id : eosIds) {
            checkId(id, texts.length, "eos");
        }
        if (bosId != -1) {
            checkId(bosId, texts.length, "bos");
        }
        checkId(unkId, texts.length, "unknown");
        eosIds = List.copyOf(eosIds);
    }

    private static void checkId(int id, int vocabSize, String what) {
        if (id < 0 || id >= vocabSize) {
            throw new IllegalArgumentException(what + " token id " + id + " is outside the vocabulary of " + vocabSize);
        }
    }
}
