package dev.seal4j.engine.tokenizer;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The result of {@link BpeTrainer#train}: a byte-level BPE vocabulary and merge list, ready to use or to save
 * as a Hugging Face tokenizer.json + tokenizer_config.json.
 */
public final class TrainedBpe {

    /**
     * What goes into tokenizer_config.json besides the vocabulary; each may be null.
     *
     * @param addBosToken {@link Tokenizer#encodeWithSpecial} prepends the BOS token
     */
    public record Config(String bosToken, String eosToken, boolean addBosToken, String chatTemplate) {
        public static final Config NONE = new Config(null, null, false, null);
    }

    private final List<String> vocab;
    private final List<String[]> merges;
    private final List<AddedToken> specialTokens;
    private final String preTokenizerRegex;
    private final Map<String, int[]> segmentations;

    TrainedBpe(List<String> vocab, List<String[]> merges, List<AddedToken> specialTokens, String preTokenizerRegex,
               Map<String, int[]> segmentations) {
        this.vocab = List.copyOf(vocab);
        this.merges = List.copyOf(merges);
        this.specialTokens = List.copyOf(specialTokens);
        this.preTokenizerRegex = preTokenizerRegex;
        this.segmentations = Map.copyOf(segmentations);
    }

    /** Token texts by id, byte-level spelling ("Ġthe"), special tokens included. */
    public List<String> vocab() {
        return vocab;
    }

    /** The merges in rank order, as pairs of token texts. */
    public List<String[]> merges() {
        return merges;
    }

    public List<AddedToken> specialTokens() {
        return specialTokens;
    }

    public String preTokenizerRegex() {
        return preTokenizerRegex;
    }

    /** How training left a word of the corpus (one pre-tokenizer piece), or null for a word it never saw. */
    public int[] segmentation(String word) {
        int[] ids = segmentations.get(word);
        return ids == null ? null : ids.clone();
    }

    /** The trained tokenizer, as {@link Tokenizers#load} would read it back after {@link #save}. */
    public ByteLevelBpe tokenizer(Config config) {
        Map<String, Integer> ids = new HashMap<>(vocab.size() * 2);
        for (int id = 0; id < vocab.size(); id++) {
            ids.put(vocab.get(id), id);
        }
        int bos = config.bosToken() == null ? -1 : requireId(ids, config.bosToken(), "bos");
        List<Integer> eos = config.eosToken() == null ? List.of() : List.of(requireId(ids, config.eosToken(), "eos"));
        PostProcessor post = config.addBosToken() && bos >= 0 ? new PostProcessor(new int[] {bos}, new int[0]) : PostProcessor.NONE;
        ChatTemplate template = config.chatTemplate() == null ? null : ChatTemplate.of(config.chatTemplate(),
                config.bosToken(), config.eosToken());
        return new ByteLevelBpe(new ByteLevelBpeSpec(ids, ByteLevelBpeSpec.mergeTable(ids, merges), false, specialTokens,
                TextNormalizer.NONE, preTokenizer(), post, bos, eos, template));
    }

    /** Writes tokenizer.json and tokenizer_config.json into {@code dir} (created if needed), each atomically. */
    public void save(Path dir, Config config) {
        tokenizer(config);                       // validates the config before anything is written
        TokenizerJsonWriter.write(dir, this, config);
    }

    PreTokenizer preTokenizer() {
        return new PreTokenizer.Sequence(List.of(
                new PreTokenizer.Split(PreTokenizer.compile(preTokenizerRegex), PreTokenizer.Behavior.ISOLATED, false),
                new PreTokenizer.ByteLevel(false, false)));
    }

    private static int requireId(Map<String, Integer> ids, String token, String role) {
        Integer id = ids.get(token);
        if (id == null) {
            throw new IllegalArgumentException(role + " token '" + token + "' is not in the trained vocabulary");
        }
        return id;
    }
}
