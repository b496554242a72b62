package dev.seal4j.engine.tokenizer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Trains a byte-level BPE vocabulary on a corpus. Texts are cut into words exactly as {@link ByteLevelBpe}
 * cuts them (special tokens first, then the pre-tokenizer regex); each distinct word is counted once with
 * its frequency. Starting from the special tokens and the 256 byte tokens, the most frequent adjacent pair
 * is merged into a new token until the vocabulary has the requested size. Pair counts are kept up to date
 * incrementally, touching only the words that contain the merged pair. Ties go to the pair with the smaller
 * (left id, right id), so training is deterministic.
 * <p>
 * A pair whose concatenation is already a token (reached by other merges) is never merged. Every merge thus
 * makes a new token and every pair merges at most once, which is what makes the trained words' segmentation
 * equal to what {@link ByteLevelBpe} later produces from the merge list. (Hugging Face's trainer instead
 * records such a merge again for the existing token.)
 */
public final class BpeTrainer {

    /**
     * @param vocabSize          tokens wanted in total, special tokens included
     * @param preTokenizerRegex  how texts are cut into words ({@link #GPT2_REGEX} by default)
     * @param specialTokens      e.g. "&lt;|endoftext|&gt;", "&lt;|im_start|&gt;", "&lt;|im_end|&gt;"
     * @param specialTokensFirst special tokens get ids 0, 1, ...; otherwise the last ids
     */
    public record Options(int vocabSize, String preTokenizerRegex, List<String> specialTokens, boolean specialTokensFirst) {
        public Options {
            specialTokens = List.copyOf(specialTokens);
            if (vocabSize < 256 + specialTokens.size()) {
                throw new IllegalArgumentException("vocab size " + vocabSize + " is smaller than the 256 byte tokens plus "
                        + specialTokens.size() + " special tokens");
            }
            if (new HashSet<>(specialTokens).size() != specialTokens.size() || specialTokens.contains("")) {
                throw new IllegalArgumentException("special tokens must be distinct and non-empty: " + specialTokens);
            }
            PreTokenizer.compile(preTokenizerRegex);
        }

        /** GPT-2's regex, special tokens first. */
        public static Options of(int vocabSize, List<String> specialTokens) {
            return new Options(vocabSize, GPT2_REGEX, specialTokens, true);
        }
    }

    /** GPT-2's pre-tokenizer regex, the default. */
    public static final String GPT2_REGEX = PreTokenizer.GPT2_REGEX;

    private final Options options;
    private final List<String> vocab = new ArrayList<>();          // byte-level token text by id
    private final Map<String, Integer> ids = new HashMap<>();
    private final List<int[]> merges = new ArrayList<>();          // {left, right} in rank order
    private final Map<String, Integer> wordIndex = new LinkedHashMap<>();
    private final List<int[]> words = new ArrayList<>();           // symbols of each distinct word
    private final List<Integer> lengths = new ArrayList<>();
    private final List<Long> frequencies = new ArrayList<>();
    private final Map<Long, long[]> pairCounts = new HashMap<>();  // pair -> {count}
    private final Map<Long, IntList> pairWords = new HashMap<>();  // pair -> words that may contain it
    private final PriorityQueue<long[]> queue = new PriorityQueue<>((a, b) -> a[0] != b[0]
            ? Long.compare(b[0], a[0]) : Long.compare(a[1], b[1]));   // {count, pair}: most frequent, then smallest

    private BpeTrainer(Options options) {
        this.options = options;
    }

    /** Trains on {@code texts} (iterated once). */
    public static TrainedBpe train(Iterable<String> texts, Options options) {
        BpeTrainer trainer = new BpeTrainer(options);
        trainer.countWords(texts);
        trainer.run();
        return trainer.result();
    }

    private void countWords(Iterable<String> texts) {
        AddedTokenMatcher specials = new AddedTokenMatcher(specialTokenList(0));
        PreTokenizer split = new PreTokenizer.Split(PreTokenizer.compile(options.preTokenizerRegex()),
                PreTokenizer.Behavior.ISOLATED, false);
        Map<String, long[]> counts = new LinkedHashMap<>();
        for (String text : texts) {
            specials.split(text, new AddedTokenMatcher.Sink() {
                @Override
                public void text(String t, int from, int to) {
                    split.split(t.substring(from, to), word -> counts.computeIfAbsent(word, w -> new long[1])[0]++);
                }

                @Override
                public void token(int id) {
                }
            });
        }
        if (options.specialTokensFirst()) {
            options.specialTokens().forEach(this::addToken);
        }
        for (char c = 0; c < 256 + 68; c++) {          // the byte alphabet in character order, as GPT-2 lists it
            if (ByteLevelAlphabet.byteOf(c) >= 0) {
                addToken(String.valueOf(c));
            }
        }
        counts.forEach((word, count) -> {
            String spelled = ByteLevelAlphabet.encode(word);
            int[] symbols = new int[spelled.length()];
            for (int i = 0; i < symbols.length; i++) {
                symbols[i] = ids.get(String.valueOf(spelled.charAt(i)));
            }
            wordIndex.put(word, words.size());
            words.add(symbols);
            lengths.add(symbols.length);
            frequencies.add(count[0]);
        });
        for (int w = 0; w < words.size(); w++) {
            int[] s = words.get(w);
            for (int i = 0; i + 1 < s.length; i++) {
                addPairCount(s[i], s[i + 1], frequencies.get(w), w);
            }
        }
        pairCounts.forEach((pair, count) -> queue.add(new long[] {count[0], pair}));
    }

    private void run() {
        int target = options.vocabSize() - (options.specialTokensFirst() ? 0 : options.specialTokens().size());
        int[] visited = new int[words.size()];
        while (vocab.size() < target && !queue.isEmpty()) {
            long[] top = queue.poll();
            long current = countOf(top[1]);
            if (current != top[0]) {                   // counts only fall after queuing: requeue at the true count
                if (current > 0) {
                    queue.add(new long[] {current, top[1]});
                }
                continue;
            }
            int left = (int) (top[1] >>> 32);
            int right = (int) top[1];
            String text = vocab.get(left) + vocab.get(right);
            if (ids.containsKey(text)) {               // another pair already spells this token: never merge this one
                pairCounts.remove(top[1]);
                pairWords.remove(top[1]);
                continue;
            }
            int merged = addToken(text);
            merges.add(new int[] {left, right});
            Set<Long> created = new HashSet<>();
            IntList candidates = pairWords.remove(top[1]);
            int stamp = merges.size();
            for (int k = 0; k < candidates.size(); k++) {
                int w = candidates.get(k);
                if (visited[w] != stamp) {
                    visited[w] = stamp;
                    mergeInWord(w, left, right, merged, created);
                }
            }
            pairCounts.remove(top[1]);
            for (long pair : created) {
                long count = countOf(pair);
                if (count > 0) {
                    queue.add(new long[] {count, pair});
                }
            }
        }
        if (!options.specialTokensFirst()) {
            options.specialTokens().forEach(this::addToken);
        }
    }

    /** Replaces each (left, right) in word w, left to right, and moves the counts of the pairs around it. */
    private void mergeInWord(int w, int left, int right, int merged, Set<Long> created) {
        int[] s = words.get(w);
        int n = lengths.get(w);
        long f = frequencies.get(w);
        int out = 0;
        for (int i = 0; i < n; ) {
            if (i + 1 < n && s[i] == left && s[i + 1] == right) {
                if (out > 0) {
                    addPairCount(s[out - 1], left, -f, w);
                    created.add(addPairCount(s[out - 1], merged, f, w));
                }
                if (i + 2 < n) {
                    addPairCount(right, s[i + 2], -f, w);
                    created.add(addPairCount(merged, s[i + 2], f, w));
                }
                s[out++] = merged;
                i += 2;
            } else {
                s[out++] = s[i++];
            }
        }
        lengths.set(w, out);
    }

    /** Adds {@code delta} to the count of (a, b), remembering that word w has it; returns the pair key. */
    private long addPairCount(int a, int b, long delta, int w) {
        long pair = ((long) a << 32) | b;
        pairCounts.computeIfAbsent(pair, p -> new long[1])[0] += delta;
        if (delta > 0) {
            pairWords.computeIfAbsent(pair, p -> new IntList(4)).add(w);
        }
        return pair;
    }

    private long countOf(long pair) {
        long[] c = pairCounts.get(pair);
        return c == null ? 0 : c[0];
    }

    private int addToken(String text) {
        ids.put(text, vocab.size());
        vocab.add(text);
        return vocab.size() - 1;
    }

    private List<AddedToken> specialTokenList(int firstId) {
        List<AddedToken> list = new ArrayList<>();
        for (int i = 0; i < options.specialTokens().size(); i++) {
            list.add(AddedToken.special(firstId + i, options.specialTokens().get(i)));
        }
        return list;
    }

    private TrainedBpe result() {
        List<AddedToken> specials = new ArrayList<>();
        for (String s : options.specialTokens()) {
            specials.add(AddedToken.special(ids.get(s), s));
        }
        Map<String, int[]> segmentations = new HashMap<>();
        wordIndex.forEach((word, w) -> segmentations.put(word, java.util.Arrays.copyOf(words.get(w), lengths.get(w))));
        List<String[]> mergeTexts = merges.stream().map(m -> new String[] {vocab.get(m[0]), vocab.get(m[1])}).toList();
        return new TrainedBpe(vocab, mergeTexts, specials, options.preTokenizerRegex(), segmentations);
    }
}
