package dev.seal4j.engine.tokenizer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds added tokens in a text, leftmost-longest and without overlaps (Hugging Face's rule), and cuts the
 * text into plain segments and token ids.
 */
final class AddedTokenMatcher {

    /** Receives the pieces of a text in order. */
    interface Sink {
        void text(String text, int from, int to);

        void token(int id);
    }

    private final Map<Character, AddedToken[]> byFirstChar = new HashMap<>();   // longest first
    private final boolean[] mayStartBmp = new boolean[1 << 16];

    AddedTokenMatcher(List<AddedToken> tokens) {
        Map<Character, List<AddedToken>> groups = new HashMap<>();
        for (AddedToken t : tokens) {
            if (!t.content().isEmpty()) {
                groups.computeIfAbsent(t.content().charAt(0), c -> new ArrayList<>()).add(t);
                mayStartBmp[t.content().charAt(0)] = true;
            }
        }
        groups.forEach((c, list) -> {
            list.sort(Comparator.comparingInt((AddedToken t) -> t.content().length()).reversed());
            byFirstChar.put(c, list.toArray(AddedToken[]::new));
        });
    }

    boolean isEmpty() {
        return byFirstChar.isEmpty();
    }

    void split(String text, Sink sink) {
        int emitted = 0;                 // text before this offset has been passed on
        int i = 0;
        int n = text.length();
        while (i < n) {
            AddedToken match = mayStartBmp[text.charAt(i)] ? longestAt(text, i) : null;
            if (match == null) {
                i++;
                continue;
            }
            int start = i;
            int end = i + match.content().length();
            i = end;
            if (match.singleWord() && (endsWithWordChar(text, start) || startsWithWordChar(text, end))) {
                continue;
            }
            if (match.lstrip()) {
                while (start > emitted && isWhiteSpace(text.charAt(start - 1))) {
                    start--;
                }
            }
            if (match.rstrip()) {
                while (end < n && isWhiteSpace(text.charAt(end))) {
                    end++;
                }
                i = end;
            }
            if (start > emitted) {
                sink.text(text, emitted, start);
            }
            sink.token(match.id());
            emitted = end;
        }
        if (emitted < n) {
            sink.text(text, emitted, n);
        }
    }

    private AddedToken longestAt(String text, int i) {
        AddedToken[] candidates = byFirstChar.get(text.charAt(i));
        if (candidates != null) {
            for (AddedToken t : candidates) {
                if (text.startsWith(t.content(), i)) {
                    return t;
                }
            }
        }
        return null;
    }

    private static boolean endsWithWordChar(String text, int end) {
        return end > 0 && isWordChar(text.codePointBefore(end));
    }

    private static boolean startsWithWordChar(String text, int start) {
        return start < text.length() && isWordChar(text.codePointAt(start));
    }

    /** Unicode's White_Space property, which Rust's char::is_whitespace tests (all in the BMP). */
    static boolean isWhiteSpace(char c) {
        return (c >= '\t' && c <= '\r') || c == ' ' || c == '\u0085' || c == '\u00A0' || c == '\u1680'
                || (c >= '\u2000' && c <= '\u200A') || c == '\u2028' || c == '\u2029' || c == '\u202F'
                || c == '\u205F' || c == '\u3000';
    }

    private static boolean isWordChar(int codePoint) {
        return Character.isLetterOrDigit(codePoint) || codePoint == '_';
    }
}
