package dev.seal4j.seal.eval;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a judge's yes/no reply. The first word decides when it is yes or no ("Yes.", "**No**, because ...",
 * "'yes'"); otherwise the reply must contain exactly one of the two words. Reasoning in {@code <think>} blocks
 * is skipped. Anything else is ambiguous.
 */
final class YesNoReply {
    private static final Pattern THINKING = Pattern.compile("(?s)<think>.*?(</think>|$)");
    private static final Pattern WORD = Pattern.compile("\\p{L}+");
    private static final Pattern YES = Pattern.compile("\\byes\\b");
    private static final Pattern NO = Pattern.compile("\\bno\\b");

    private YesNoReply() {
    }

    /** TRUE for yes, FALSE for no, null when the reply says neither or both. */
    static Boolean parse(String reply) {
        String text = THINKING.matcher(reply).replaceAll(" ").toLowerCase(Locale.ROOT);
        Matcher first = WORD.matcher(text);
        if (first.find()) {
            if (first.group().equals("yes")) {
                return true;
            }
            if (first.group().equals("no")) {
                return false;
            }
        }
        boolean yes = YES.matcher(text).find();
        boolean no = NO.matcher(text).find();
        return yes == no ? null : yes;
    }
}
