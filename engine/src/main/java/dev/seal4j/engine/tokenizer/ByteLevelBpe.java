package dev.seal4j.engine.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Byte-level BPE as used by GPT-2, Llama 3 and Qwen2/3 (Hugging Face tokenizer.json with model type BPE and a
 * ByteLevel decoder). Encoding a text:
 * <ol>
 *   <li>added tokens written literally in the text are matched first and become their ids;</li>
 *   <li>the rest is normalized (e.g. NFC) and cut into pieces by the pre-tokenizer regex;</li>
 *   <li>each piece's UTF-8 bytes start as one token each and are merged pairwise, lowest merge rank first;
 *       with {@code ignore_merges} a piece that is itself in the vocabulary is taken whole.</li>
 * </ol>
 * Pieces repeat a lot in real text, so their ids are cached.
 */
public final class ByteLevelBpe extends AbstractTokenizer {
    private static final int CACHE_LIMIT = 100_000;   // entries; the cache is cleared when it grows past this
    private static final int CACHEABLE_LENGTH = 64;   // chars; longer pieces are rare and not cached

    private final Map<String, Integer> vocab;         // model vocabulary, byte-level spelling
    private final int[] idOfByte = new int[256];      // id of the one-byte token for each byte, or -1
    private final MergeTable merges;
    private final boolean ignoreMerges;
    private final AddedTokenMatcher rawMatcher;       // added tokens matched before normalization
    private final AddedTokenMatcher normalizedMatcher;
    private final TextNormalizer normalizer;
    private final PreTokenizer preTokenizer;
    private final PostProcessor postProcessor;
    private final byte[][] bytesOfId;
    private final ThreadLocal<BpeMerger> mergers;
    private final Map<String, int[]> cache = new ConcurrentHashMap<>();
    private final ByteLevelBpeSpec spec;

    ByteLevelBpe(ByteLevelBpeSpec spec) {
        super(spec.texts(), spec.specialFlags(), spec.bosId(), spec.eosIds(), spec.chatTemplate());
        this.spec = spec;
        this.vocab = spec.vocab();                    // the spec was built for this tokenizer alone
        for (int b = 0; b < 256; b++) {
            idOfByte[b] = vocab.getOrDefault(String.valueOf(ByteLevelAlphabet.charOf(b)), -1);
        }
        this.merges = spec.merges();
        this.ignoreMerges = spec.ignoreMerges();
        this.rawMatcher = new AddedTokenMatcher(spec.addedTokens().stream().filter(t -> !t.normalized()).toList());
        this.normalizedMatcher = new AddedTokenMatcher(spec.addedTokens().stream().filter(AddedToken::normalized).toList());
        this.normalizer = spec.normalizer();
        this.preTokenizer = spec.preTokenizer();
        this.postProcessor = spec.postProcessor();
        this.bytesOfId = new byte[vocabSize()][];
        for (int id = 0; id < bytesOfId.length; id++) {
            String text = tokenText(id);
            bytesOfId[id] = text == null ? new byte[0] : ByteLevelAlphabet.decode(text);
        }
        this.mergers = ThreadLocal.withInitial(() -> new BpeMerger(merges));
    }

    /** What this tokenizer was built from (for writing it into another format). */
    ByteLevelBpeSpec spec() {
        return spec;
    }

    @Override
    public int[] encode(String text) {
        IntList out = new IntList(text.length() / 3 + 4);
        rawMatcher.split(text, new AddedTokenMatcher.Sink() {
            @Override
            public void text(String t, int from, int to) {
                String normalized = normalizer.apply(t.substring(from, to));
                normalizedMatcher.split(normalized, new AddedTokenMatcher.Sink() {
                    @Override
                    public void text(String n, int f, int e) {
                        preTokenizer.split(f == 0 && e == n.length() ? n : n.substring(f, e), piece -> encodePiece(piece, out));
                    }

                    @Override
                    public void token(int id) {
                        out.add(id);
                    }
                });
            }

            @Override
            public void token(int id) {
                out.add(id);
            }
        });
        return out.toArray();
    }

    @Override
    public int[] encodeWithSpecial(String text) {
        return postProcessor.apply(encode(text));
    }

    @Override
    byte[] bytesOf(int previousId, int id) {
        return bytesOfId[id];
    }

    private void encodePiece(String piece, IntList out) {
        int[] ids = cache.get(piece);
        if (ids == null) {
            ids = mergePiece(piece);
            if (piece.length() <= CACHEABLE_LENGTH) {
                if (cache.size() >= CACHE_LIMIT) {
                    cache.clear();
                }
                cache.put(piece, ids);
            }
        }
        out.addAll(ids);
    }

    private int[] mergePiece(String piece) {
        if (ignoreMerges) {
            Integer whole = vocab.get(ByteLevelAlphabet.encode(piece));
            if (whole != null) {
                return new int[] {whole};
            }
        }
        byte[] utf8 = piece.getBytes(StandardCharsets.UTF_8);
        int[] ids = new int[utf8.length];
        int n = 0;
        for (byte b : utf8) {
            int id = idOfByte[b & 0xFF];
            if (id >= 0) {                 // a byte missing from the vocabulary is dropped, as Hugging Face does
                ids[n++] = id;
            }
        }
        return mergers.get().merge(ids, n);
    }
}
