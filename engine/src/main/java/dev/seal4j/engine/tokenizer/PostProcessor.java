package dev.seal4j.engine.tokenizer;

import java.util.Arrays;

/**
 * What {@link Tokenizer#encodeWithSpecial} adds around the ids of one text, e.g. a BOS in front. Covers
 * Hugging Face's TemplateProcessing (single sequence), ByteLevel (adds nothing) and Sequence of those.
 */
record PostProcessor(int[] prefix, int[] suffix) {
    static final PostProcessor NONE = new PostProcessor(new int[0], new int[0]);

    PostProcessor {
        prefix = prefix.clone();
        suffix = suffix.clone();
    }

    int[] apply(int[] ids) {
        int[] out = Arrays.copyOf(prefix, prefix.length + ids.length + suffix.length);
        System.arraycopy(ids, 0, out, prefix.length, ids.length);
        System.arraycopy(suffix, 0, out, prefix.length + ids.length, suffix.length);
        return out;
    }

    /** This processor applied to the output of {@code inner}. */
    PostProcessor around(PostProcessor inner) {
        int[] p = Arrays.copyOf(prefix, prefix.length + inner.prefix.length);
        System.arraycopy(inner.prefix, 0, p, prefix.length, inner.prefix.length);
        int[] s = Arrays.copyOf(inner.suffix, inner.suffix.length + suffix.length);
        System.arraycopy(suffix, 0, s, inner.suffix.length, suffix.length);
        return new PostProcessor(p, s);
    }
}
