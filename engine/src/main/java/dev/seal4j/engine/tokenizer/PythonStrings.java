package dev.seal4j.engine.tokenizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Python's str methods that chat templates call ({@code content.strip()}, {@code .split('</think>')}, ...). */
final class PythonStrings {
    /** What {@link #call} returns for a method name it does not provide. */
    static final Object NO_SUCH_METHOD = new Object();

    private PythonStrings() {
    }

    /** Python's str.isspace() for one char: Unicode whitespace plus the separators U+001C..U+001F. */
    static boolean isSpace(char c) {
        return (c >= '\t' && c <= '\r') || (c >= '\u001C' && c <= ' ') || c == '\u0085' || c == '\u00A0'
                || c == '\u1680' || (c >= '\u2000' && c <= '\u200A') || c == '\u2028' || c == '\u2029'
                || c == '\u202F' || c == '\u205F' || c == '\u3000';
    }

    /**
     * Calls Python method {@code name} on {@code s}, or returns {@link #NO_SUCH_METHOD} when it is not one we
     * provide (then Jinjava's own resolution runs).
     */
    static Object call(String s, String name, Object[] args) {
        return switch (name) {
            case "strip" -> strip(s, chars(args), true, true);
            case "lstrip" -> strip(s, chars(args), true, false);
            case "rstrip" -> strip(s, chars(args), false, true);
            case "split" -> split(s, args.length > 0 ? (String) args[0] : null, args.length > 1 ? toInt(args[1]) : -1);
            case "startswith" -> matchesAny(s, args[0], true);
            case "endswith" -> matchesAny(s, args[0], false);
            case "upper" -> s.toUpperCase(Locale.ROOT);
            case "lower" -> s.toLowerCase(Locale.ROOT);
            case "title" -> title(s);
            case "capitalize" -> s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1).toLowerCase(Locale.ROOT);
            case "replace" -> replace(s, (String) args[0], (String) args[1], args.length > 2 ? toInt(args[2]) : -1);
            case "find" -> (long) s.indexOf((String) args[0]);
            case "rfind" -> (long) s.lastIndexOf((String) args[0]);
            case "count" -> count(s, (String) args[0]);
            case "join" -> join(s, args[0]);
            default -> NO_SUCH_METHOD;
        };
    }

    /** str.strip(chars): chars null means whitespace. */
    static String strip(String s, String chars, boolean left, boolean right) {
        int start = 0;
        int end = s.length();
        while (left && start < end && isStripped(s.charAt(start), chars)) {
            start++;
        }
        while (right && end > start && isStripped(s.charAt(end - 1), chars)) {
            end--;
        }
        return s.substring(start, end);
    }

    private static boolean isStripped(char c, String chars) {
        return chars == null ? isSpace(c) : chars.indexOf(c) >= 0;
    }

    private static String chars(Object[] args) {
        return args.length == 0 || args[0] == null ? null : args[0].toString();
    }

    /** str.split(sep, maxsplit): without sep, splits on runs of whitespace and drops empty parts. */
    static List<String> split(String s, String sep, int maxSplit) {
        List<String> parts = new ArrayList<>();
        if (sep == null) {
            int i = 0;
            while (true) {
                while (i < s.length() && isSpace(s.charAt(i))) {
                    i++;
                }
                if (i == s.length()) {
                    return parts;
                }
                if (maxSplit >= 0 && parts.size() == maxSplit) {
                    parts.add(strip(s.substring(i), null, false, true));
                    return parts;
                }
                int j = i;
                while (j < s.length() && !isSpace(s.charAt(j))) {
                    j++;
                }
                parts.add(s.substring(i, j));
                i = j;
            }
        }
        if (sep.isEmpty()) {
            throw new IllegalArgumentException("empty separator");
        }
        int start = 0;
        for (int i = s.indexOf(sep); i >= 0 && (maxSplit < 0 || parts.size() < maxSplit); i = s.indexOf(sep, start)) {
            parts.add(s.substring(start, i));
            start = i + sep.length();
        }
        parts.add(s.substring(start));
        return parts;
    }

    private static boolean matchesAny(String s, Object affixes, boolean prefix) {
        if (affixes instanceof Iterable<?> list) {      // a tuple of prefixes
            for (Object a : list) {
                if (prefix ? s.startsWith(a.toString()) : s.endsWith(a.toString())) {
                    return true;
                }
            }
            return false;
        }
        return prefix ? s.startsWith(affixes.toString()) : s.endsWith(affixes.toString());
    }

    private static String title(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        boolean previousCased = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(previousCased ? Character.toLowerCase(c) : Character.toTitleCase(c));
            previousCased = Character.isLetter(c);
        }
        return sb.toString();
    }

    private static String replace(String s, String old, String replacement, int count) {
        if (count < 0) {
            return s.replace(old, replacement);
        }
        StringBuilder sb = new StringBuilder();
        int start = 0;
        for (int n = 0, i = s.indexOf(old); n < count && i >= 0; n++, i = s.indexOf(old, start)) {
            sb.append(s, start, i).append(replacement);
            start = i + old.length();
            if (old.isEmpty()) {
                break;
            }
        }
        return sb.append(s.substring(start)).toString();
    }

    private static long count(String s, String sub) {
        if (sub.isEmpty()) {
            return s.length() + 1L;
        }
        long n = 0;
        for (int i = s.indexOf(sub); i >= 0; i = s.indexOf(sub, i + sub.length())) {
            n++;
        }
        return n;
    }

    private static String join(String separator, Object items) {
        List<String> parts = new ArrayList<>();
        if (items instanceof Iterable<?> list) {
            list.forEach(o -> parts.add(String.valueOf(o)));
        } else {
            throw new IllegalArgumentException("join() needs a list");
        }
        return String.join(separator, parts);
    }

    private static int toInt(Object o) {
        return ((Number) o).intValue();
    }
}
