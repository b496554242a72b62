package dev.seal4j.seal.world;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.Set;
import java.util.TreeSet;

/** A shared world (default shape and sizes, world seed 11) and small text helpers for the tests. */
final class Fixtures {
    static final WorldConfig CONFIG = WorldConfig.defaults(11);
    static final PretrainingCorpus CORPUS = PretrainingCorpus.of(CONFIG);
    static final World WORLD = CORPUS.world();
    static final Populations PEOPLE = CORPUS.populations();

    private Fixtures() {
    }

    /** Capitalized words and four-digit numbers of a text: where names and years show up. */
    static Set<String> namesAndYears(String text) {
        Set<String> out = new TreeSet<>();
        Matcher m = Pattern.compile("\\b(?:[A-Z][a-z]+|\\d{4})\\b").matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    /** All words of a text. */
    static Set<String> words(String text) {
        return new TreeSet<>(java.util.Arrays.asList(text.split("[^\\p{L}\\p{N}]+")));
    }
}
