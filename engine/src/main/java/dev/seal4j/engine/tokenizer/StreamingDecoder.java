package dev.seal4j.engine.tokenizer;

/**
 * Decodes generated ids one at a time. {@link #push} returns the text that is complete so far: bytes of a
 * UTF-8 character split across tokens are held back until the character is whole, so a character is never
 * printed in halves. The concatenation of all pushes and the final {@link #flush} equals
 * {@link Tokenizer#decode(int[], boolean)} of the same ids. Not thread-safe: one per generation.
 */
public final class StreamingDecoder {
    private final AbstractTokenizer tokenizer;
    private final boolean skipSpecial;
    private final GrowableBytes pending = new GrowableBytes(16);
    private int previousId = -1;

    StreamingDecoder(AbstractTokenizer tokenizer, boolean skipSpecial) {
        this.tokenizer = tokenizer;
        this.skipSpecial = skipSpecial;
    }

    /**
     * Continues after {@code id} without printing it: a generation's decoder starts after the prompt's last
     * token, so a first generated token that begins with a space keeps it (SentencePiece drops the leading
     * space of the very first token of a text).
     */
    public StreamingDecoder after(int id) {
        previousId = id;
        return this;
    }

    /** Adds one token; returns the text now safe to print (possibly ""). */
    public String push(int id) {
        tokenizer.appendDecoded(pending, previousId, id, skipSpecial);
        previousId = id;
        return take(Utf8.completePrefixLength(pending));
    }

    /** Returns whatever is held back (an unfinished character becomes U+FFFD) and empties the decoder. */
    public String flush() {
        return take(pending.length());
    }

    private String take(int n) {
        if (n == 0) {
            return "";
        }
        String text = pending.decodeUtf8(0, n);
        pending.removeFirst(n);
        return text;
    }
}
