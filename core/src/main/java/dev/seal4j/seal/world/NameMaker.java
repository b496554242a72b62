package dev.seal4j.seal.world;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Makes pronounceable, capitalized words from consonant–vowel syllables ("Kaloren", "Vessa", "Dimbor"), each
 * one new: a word is never handed out twice, so every name in a world is unique as a whole word.
 */
final class NameMaker {
    private static final List<String> ONSETS = List.of(
            "b", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z",
            "b", "d", "k", "l", "m", "n", "r", "s", "t", "v", "br", "dr", "kr", "tr", "st", "th", "sh");
    private static final List<String> VOWELS = List.of("a", "e", "i", "o", "u", "a", "e", "i", "o", "a", "ai");
    private static final List<String> MEDIAL_CODAS = List.of("n", "r", "l");
    private static final List<String> FINAL_CODAS = List.of("n", "r", "l", "s", "m", "k", "th", "n", "r");
    private static final int MAX_LENGTH = 9;

    /** Made-up words that happen to be rude or distracting English words; never handed out. */
    private static final List<String> AVOIDED = List.of(
            "puke", "poo", "pee", "poop", "nazi", "rape", "slut", "sex", "porn", "butt", "damn", "hell", "shit",
            "piss", "fart", "homo", "nude", "bomb", "kill", "dead", "die", "hate", "drupal", "zebra", "vomit",
            "toilet", "satan", "devil", "kaka", "pipi", "titi", "dick", "cock", "kuk", "fuk", "sieg", "heil");

    private final Set<String> used = new HashSet<>(AVOIDED);

    /** Marks words as taken (e.g. the vocabulary, so no name equals a field or a role). */
    void reserve(Iterable<String> words) {
        for (String word : words) {
            used.add(word.toLowerCase(Locale.ROOT));
        }
    }

    /**
     * A new word of the given number of syllables.
     *
     * @param codaChance chance that the last syllable ends in a consonant
     * @param ending     appended as is (e.g. "ria" for countries), or ""
     */
    String word(Rng rng, int syllables, double codaChance, String ending) {
        for (int attempt = 0; attempt < 10_000; attempt++) {
            String candidate = attempt(rng, syllables, codaChance) + ending;
            if (candidate.length() - ending.length() <= MAX_LENGTH && used.add(candidate.toLowerCase(Locale.ROOT))) {
                return Character.toUpperCase(candidate.charAt(0)) + candidate.substring(1);
            }
        }
        throw new IllegalStateException("ran out of " + syllables + "-syllable names; the world asks for too many");
    }

    private static String attempt(Rng rng, int syllables, double codaChance) {
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < syllables; i++) {
            boolean first = i == 0;
            boolean last = i == syllables - 1;
            if (!first || rng.chance(0.85)) {
                // after a medial coda only a single consonant follows, so clusters stay at two letters
                boolean afterCoda = word.length() > 0 && !isVowel(word.charAt(word.length() - 1));
                String onset = rng.pick(ONSETS);
                word.append(afterCoda ? onset.substring(0, 1) : onset);
            }
            word.append(rng.pick(VOWELS));
            if (last) {
                if (rng.chance(codaChance)) {
                    word.append(rng.pick(FINAL_CODAS));
                }
            } else if (rng.chance(0.15)) {
                word.append(rng.pick(MEDIAL_CODAS));
            }
        }
        return word.toString();
    }

    private static boolean isVowel(char c) {
        return "aeiou".indexOf(c) >= 0;
    }
}
