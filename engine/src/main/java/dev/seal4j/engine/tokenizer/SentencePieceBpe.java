package dev.seal4j.engine.tokenizer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * SentencePiece-style BPE as in Llama 2 and llama2.c: a text is prefixed with a space, split into characters
 * (a character missing from the vocabulary becomes its UTF-8 bytes as &lt;0xNN&gt; tokens), then the adjacent
 * pair whose concatenation is the highest-scoring vocabulary piece is merged until none is left (leftmost first
 * on equal scores). Decoding drops the space a piece starts with at the start of a text or right after BOS,
 * as llama2.c does.
 */
public final class SentencePieceBpe extends AbstractTokenizer {

    /** Token kinds, numbered as GGUF's tokenizer.ggml.token_type (5, unused, is never merged or matched). */
    static final int NORMAL = 1;
    static final int UNKNOWN = 2;
    static final int CONTROL = 3;
    static final int USER_DEFINED = 4;
    static final int UNUSED = 5;
    static final int BYTE = 6;

    private final Map<String, Integer> idOfPiece = new HashMap<>();   // piece with spaces (not '▁') -> id
    private final int[] idOfByte = new int[256];                       // <0xNN> token per byte, or unk
    private final MergeTable merges;
    private final AddedTokenMatcher specials;
    private final PostProcessor postProcessor;
    private final boolean addSpacePrefix;
    private final byte[][] bytesOfId;
    private final byte[][] bytesAfterStart;                            // the same without a leading space
    private final ThreadLocal<BpeMerger> mergers;
    private final SentencePieceSpec spec;

    SentencePieceBpe(SentencePieceSpec spec) {
        super(spec.texts(), specialFlags(spec.types()), spec.bosId(), spec.eosIds(), spec.chatTemplate());
        this.spec = spec;
        int n = spec.texts().length;
        String[] pieces = new String[n];
        bytesOfId = new byte[n][];
        bytesAfterStart = new byte[n][];
        Arrays.fill(idOfByte, spec.unkId());
        List<AddedToken> literal = new ArrayList<>();
        for (int id = 0; id < n; id++) {
            pieces[id] = spec.texts()[id].replace('\u2581', ' ');
            int type = spec.types()[id];
            int byteValue = type == BYTE ? byteValue(pieces[id]) : -1;
            if (byteValue >= 0) {
                idOfByte[byteValue] = id;
                bytesOfId[id] = new byte[] {(byte) byteValue};
            } else {
                bytesOfId[id] = pieces[id].getBytes(StandardCharsets.UTF_8);
            }
            if (type == NORMAL || type == USER_DEFINED) {
                idOfPiece.putIfAbsent(pieces[id], id);
            }
            if (spec.matchSpecialTokens() && (type == CONTROL || type == USER_DEFINED)) {
                literal.add(new AddedToken(id, spec.texts()[id], type == CONTROL, false, false, false, false));
            }
            bytesAfterStart[id] = pieces[id].startsWith(" ") ? Arrays.copyOfRange(bytesOfId[id], 1,
                    bytesOfId[id].length) : bytesOfId[id];
        }
        this.merges = mergeTable(pieces, spec.scores(), spec.types());
        this.specials = new AddedTokenMatcher(literal);
        this.addSpacePrefix = spec.addSpacePrefix();
        this.postProcessor = new PostProcessor(spec.addBos() && spec.bosId() >= 0 ? new int[] {spec.bosId()} : new int[0],
                spec.addEos() && !spec.eosIds().isEmpty() ? new int[] {spec.eosIds().getFirst()} : new int[0]);
        this.mergers = ThreadLocal.withInitial(() -> new BpeMerger(merges));
    }

    /** Reads llama2.c's tokenizer.bin (BOS = 1, EOS = 2, no literal special tokens). */
    public static SentencePieceBpe readLlama2c(Path file) {
        return Llama2cTokenizerReader.read(file);
    }

    /** What this tokenizer was built from (for writing it into another format). */
    SentencePieceSpec spec() {
        return spec;
    }

    @Override
    public int[] encode(String text) {
        IntList out = new IntList(text.length() / 2 + 4);
        boolean[] previousWasToken = {true};
        specials.split(text, new AddedTokenMatcher.Sink() {
            @Override
            public void text(String t, int from, int to) {
                encodeSegment(t.substring(from, to), previousWasToken[0] && addSpacePrefix, out);
                previousWasToken[0] = false;
            }

            @Override
            public void token(int id) {
                out.add(id);
                previousWasToken[0] = true;
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
        return previousId == -1 || previousId == bosId() ? bytesAfterStart[id] : bytesOfId[id];
    }

    private void encodeSegment(String text, boolean spacePrefix, IntList out) {
        String s = spacePrefix ? " " + text : text;
        int[] ids = new int[s.length() * 4];
        int n = 0;
        for (int i = 0; i < s.length(); ) {
            int end = i + Character.charCount(s.codePointAt(i));
            Integer id = idOfPiece.get(s.substring(i, end));
            if (id != null) {
                ids[n++] = id;
            } else {
                for (byte b : s.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                    ids[n++] = idOfByte[b & 0xFF];
                }
            }
            i = end;
        }
        out.addAll(mergers.get().merge(ids, n));
    }

    /** Every split of every mergeable piece into two pieces, prioritized by the piece's score (higher first). */
    private MergeTable mergeTable(String[] pieces, float[] scores, int[] types) {
        TreeSet<Float> distinct = new TreeSet<>();
        List<int[]> pairs = new ArrayList<>();           // {left, right, merged}
        for (int id = 0; id < pieces.length; id++) {
            if ((types[id] != NORMAL && types[id] != USER_DEFINED) || pieces[id].isEmpty()) {
                continue;
            }
            String p = pieces[id];
            for (int k = p.offsetByCodePoints(0, 1); k < p.length(); k += Character.charCount(p.codePointAt(k))) {
                Integer left = idOfPiece.get(p.substring(0, k));
                Integer right = idOfPiece.get(p.substring(k));
                if (left != null && right != null) {
                    pairs.add(new int[] {left, right, id});
                    distinct.add(scores[id]);
                }
            }
        }
        Map<Float, Integer> rankOfScore = new HashMap<>();
        for (Float score : distinct.descendingSet()) {
            rankOfScore.put(score, rankOfScore.size());
        }
        MergeTable table = new MergeTable(pairs.size());
        for (int[] p : pairs) {
            table.put(p[0], p[1], rankOfScore.get(scores[p[2]]), p[2]);
        }
        return table;
    }

    private static boolean[] specialFlags(int[] types) {
        boolean[] special = new boolean[types.length];
        for (int id = 0; id < types.length; id++) {
            special[id] = types[id] == CONTROL || types[id] == UNKNOWN;
        }
        return special;
    }

    /** NN for a piece written "&lt;0xNN&gt;", else -1. */
    static int byteValue(String piece) {
        if (piece.length() != 6 || !piece.startsWith("<0x") || piece.charAt(5) != '>') {
            return -1;
        }
        int hi = Character.digit(piece.charAt(3), 16);
        int lo = Character.digit(piece.charAt(4), 16);
        return hi < 0 || lo < 0 ? -1 : hi * 16 + lo;
    }
}
