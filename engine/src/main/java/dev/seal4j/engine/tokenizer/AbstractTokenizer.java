package dev.seal4j.engine.tokenizer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What every tokenizer here shares: the vocabulary as text, which ids are special, BOS/EOS, the chat template,
 * and decoding, which only needs each token's bytes ({@link #bytesOf}).
 */
abstract class AbstractTokenizer implements Tokenizer {
    private final String[] texts;            // [vocabSize], null for unused ids
    private final boolean[] special;         // [vocabSize]
    private final Map<String, Integer> ids;
    private final int bosId;
    private final List<Integer> eosIds;
    private final ChatTemplate chatTemplate; // or null

    AbstractTokenizer(String[] texts, boolean[] special, int bosId, List<Integer> eosIds, ChatTemplate chatTemplate) {
        if (texts.length != special.length) {
            throw new IllegalArgumentException("texts and special flags differ in length");
        }
        this.texts = texts.clone();
        this.special = special.clone();
        this.ids = new HashMap<>(texts.length * 2);
        for (int id = 0; id < texts.length; id++) {
            if (texts[id] != null) {
                ids.putIfAbsent(texts[id], id);
            }
        }
        this.bosId = bosId;
        this.eosIds = List.copyOf(eosIds);
        this.chatTemplate = chatTemplate;
    }

    /**
     * The bytes token {@code id} decodes to when it follows {@code previousId} (-1 at the start of a text).
     * Callers must not modify the array.
     */
    abstract byte[] bytesOf(int previousId, int id);

    /** Appends the bytes of {@code id} to {@code out} unless it is unknown or a skipped special token. */
    final void appendDecoded(GrowableBytes out, int previousId, int id, boolean skipSpecial) {
        if (id < 0 || id >= texts.length || texts[id] == null || (skipSpecial && special[id])) {
            return;
        }
        out.append(bytesOf(previousId, id));
    }

    @Override
    public String decode(int[] ids, boolean skipSpecial) {
        GrowableBytes out = new GrowableBytes(ids.length * 4);
        int previous = -1;
        for (int id : ids) {
            appendDecoded(out, previous, id, skipSpecial);
            previous = id;
        }
        return out.decodeUtf8(0, out.length());
    }

    @Override
    public StreamingDecoder newStreamingDecoder(boolean skipSpecial) {
        return new StreamingDecoder(this, skipSpecial);
    }

    @Override
    public int vocabSize() {
        return texts.length;
    }

    @Override
    public int bosId() {
        return bosId;
    }

    @Override
    public List<Integer> eosIds() {
        return eosIds;
    }

    @Override
    public boolean isSpecial(int id) {
        return id >= 0 && id < special.length && special[id];
    }

    @Override
    public String tokenText(int id) {
        return id >= 0 && id < texts.length ? texts[id] : null;
    }

    @Override
    public OptionalInt idOf(String token) {
        Integer id = ids.get(token);
        return id == null ? OptionalInt.empty() : OptionalInt.of(id);
    }

    @Override
    public Optional<ChatTemplate> chatTemplate() {
        return Optional.ofNullable(chatTemplate);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[vocab " + texts.length + ", bos " + bosId + ", eos " + eosIds
                + ", specials " + countSpecial() + "]";
    }

    private int countSpecial() {
        int n = 0;
        for (boolean s : special) {
            n += s ? 1 : 0;
        }
        return n;
    }
}
