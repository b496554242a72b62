package dev.seal4j.seal.world;

/** Whole-word search: "Dask" is in "born in Dask." but not in "Daskel Group". */
public final class Words {
    private Words() {
    }

    /** Whether {@code phrase} occurs in {@code text} with no letter or digit right before or after it. */
    public static boolean containsWord(String text, String phrase) {
        int from = 0;
        while (true) {
            int at = text.indexOf(phrase, from);
            if (at < 0) {
                return false;
            }
            int end = at + phrase.length();
            boolean startOk = at == 0 || !Character.isLetterOrDigit(text.charAt(at - 1));
            boolean endOk = end == text.length() || !Character.isLetterOrDigit(text.charAt(end));
            if (startOk && endOk) {
                return true;
            }
            from = at + 1;
        }
    }
}
