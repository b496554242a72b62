package dev.seal4j.engine;

/**
 * Messages for users are one line of bounded length, whatever went into them: file names, tensor names, values
 * and JSON text come from untrusted bytes and may hold line breaks or go on for megabytes.
 */
public final class OneLine {
    /** Longest message kept; longer ones end in "…". */
    public static final int MAX_CHARS = 500;

    private OneLine() {
    }

    /** {@code s} with control and line-separator characters escaped as \\uXXXX, cut to {@link #MAX_CHARS}. */
    public static String of(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(s.length(), MAX_CHARS + 1));
        for (int i = 0; i < s.length() && out.length() < MAX_CHARS; i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (out.length() >= MAX_CHARS) {
            out.setLength(MAX_CHARS);
            out.append('…');
        }
        return out.toString();
    }
}
