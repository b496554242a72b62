package dev.seal4j.engine.tokenizer;

/**
 * A token matched as a whole in the input before any other processing, as in Hugging Face's
 * {@code added_tokens}.
 *
 * @param special    a control token: {@code decode(ids, true)} leaves it out
 * @param lstrip     the match also swallows whitespace on its left
 * @param rstrip     the match also swallows whitespace on its right
 * @param singleWord matched only when not inside a word
 * @param normalized matched in the normalized text rather than the raw input
 */
public record AddedToken(int id, String content, boolean special, boolean lstrip, boolean rstrip,
                         boolean singleWord, boolean normalized) {

    /** A special token as tokenizers write them: matched literally, nothing stripped. */
    public static AddedToken special(int id, String content) {
        return new AddedToken(id, content, true, false, false, false, false);
    }
}
