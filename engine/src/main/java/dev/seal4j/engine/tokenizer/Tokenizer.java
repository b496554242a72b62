package dev.seal4j.engine.tokenizer;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Text to token ids and back, for one model's vocabulary. Implementations are immutable and safe to share
 * between threads. Load one with {@link Tokenizers#load}.
 */
public interface Tokenizer {
    /**
     * The largest token id a tokenizer file may use: 2^24 - 1, far beyond any real vocabulary (the largest hold
     * about 262,000 tokens), and small enough that a table indexed by id stays a few dozen megabytes.
     */
    int MAX_ID = (1 << 24) - 1;

    /**
     * The ids of {@code text}, with nothing added around it. Added and special tokens written literally in
     * the text (e.g. "&lt;|im_end|&gt;") are recognized as those tokens, as Hugging Face tokenizers do.
     */
    int[] encode(String text);

    /** {@link #encode} plus what the tokenizer adds around a text, such as a leading BOS. */
    int[] encodeWithSpecial(String text);

    /** The text of {@code ids}, special tokens included; bytes that are not valid UTF-8 become U+FFFD. */
    default String decode(int[] ids) {
        return decode(ids, false);
    }

    /** The text of {@code ids}, leaving out special tokens when {@code skipSpecial}. Unknown ids decode to "". */
    String decode(int[] ids, boolean skipSpecial);

    /** A decoder fed one id at a time, for printing generated text as it comes. */
    StreamingDecoder newStreamingDecoder(boolean skipSpecial);

    default StreamingDecoder newStreamingDecoder() {
        return newStreamingDecoder(false);
    }

    /** One more than the largest id the tokenizer knows. */
    int vocabSize();

    /** Beginning-of-sequence id, or -1 when the tokenizer has none. */
    int bosId();

    /** Ids that end a generation (may be empty). */
    List<Integer> eosIds();

    /** Control tokens (BOS, EOS, chat markers) that {@code decode(ids, true)} leaves out. */
    boolean isSpecial(int id);

    /** The token as written in the vocabulary (e.g. "Ġthe" for byte-level BPE), or null for an unused id. */
    String tokenText(int id);

    /** The id of the vocabulary entry written exactly {@code token}. */
    OptionalInt idOf(String token);

    /** The chat template that came with the tokenizer, if any. */
    Optional<ChatTemplate> chatTemplate();
}
