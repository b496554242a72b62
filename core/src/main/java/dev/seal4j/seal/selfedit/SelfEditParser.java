package dev.seal4j.seal.selfedit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Cuts a raw self-edit completion into the texts of its training sequences (without the title prefix), as the
 * SEAL paper does: split on {@code ---}; then, by {@link ParseMode}, keep segments whole, take one text per
 * non-empty line, or keep "Question N: ... / Answer N: ..." pairs together.
 */
final class SelfEditParser {
    private static final Pattern QUESTION_LINE = Pattern.compile("(?im)^\\s*(?:\\*\\*)?Question\\s*\\d*\\s*:");
    private static final Pattern ANSWER_LINE = Pattern.compile("(?im)^\\s*(?:\\*\\*)?Answer\\s*\\d*\\s*:");
    private static final Pattern FIRST_NUMBERED_ITEM = Pattern.compile("^1[.)]\\s*\\S");
    private static final Pattern LIST_ITEM = Pattern.compile("^(?:\\d+[.)]\\s*|[-*•]\\s+)\\S");
    /** A line with nothing but a list or Q/A marker, e.g. the "12." a truncated completion ends with. */
    private static final Pattern MARKER_ONLY =
            Pattern.compile("(?i)^(?:\\d+[.)]|[-*•]|(?:\\*\\*)?(?:Question|Answer)\\s*\\d*\\s*:(?:\\*\\*)?)?\\s*$");

    private SelfEditParser() {
    }

    /** Whether the completion holds any text besides whitespace, {@code ---} and bare list or Q/A markers. */
    static boolean hasContent(String completion) {
        return completion.replace("---", "\n").lines().map(String::strip)
                .anyMatch(line -> !MARKER_ONLY.matcher(line).matches());
    }

    static List<String> texts(String completion, ParseMode mode) {
        List<String> segments = segments(completion);
        return switch (mode) {
            case WHOLE -> segments;
            case LINES -> looksLikeQuestionsAndAnswers(completion) ? pairs(segments) : lines(segments);
            case QA_PAIRS -> QUESTION_LINE.matcher(completion).find() ? pairs(segments) : lines(segments);
        };
    }

    private static List<String> segments(String completion) {
        return Arrays.stream(completion.split("---"))
                .map(String::strip)
                .filter(segment -> !MARKER_ONLY.matcher(segment).matches())
                .toList();
    }

    private static boolean looksLikeQuestionsAndAnswers(String completion) {
        return QUESTION_LINE.matcher(completion).find() && ANSWER_LINE.matcher(completion).find();
    }

    private static List<String> lines(List<String> segments) {
        List<String> lines = new ArrayList<>();
        for (String segment : segments) {
            for (String line : segment.split("\n")) {
                String text = line.strip();
                if (!MARKER_ONLY.matcher(text).matches()) {
                    lines.add(text);
                }
            }
        }
        if (lines.size() > 1 && isFillerBeforeList(lines.get(0), lines.get(1))) {
            lines.removeFirst();
        }
        return lines;
    }

    /** "Here are some implications:" followed by "1. ..." (or any list after a line ending in a colon). */
    private static boolean isFillerBeforeList(String first, String second) {
        if (LIST_ITEM.matcher(first).find()) {
            return false;
        }
        return FIRST_NUMBERED_ITEM.matcher(second).find()
                || (first.endsWith(":") || first.endsWith(":**")) && LIST_ITEM.matcher(second).find();
    }

    /**
     * One text per question–answer pair. Text before the first question is an unlabelled first pair if it holds
     * an answer, a lone filler line ("Here are some questions:") if it is one line ending in a colon, and
     * otherwise ordinary lines (a base model may write implications first and questions after).
     */
    private static List<String> pairs(List<String> segments) {
        List<String> pairs = new ArrayList<>();
        for (String segment : segments) {
            List<Integer> starts = new ArrayList<>();
            var matcher = QUESTION_LINE.matcher(segment);
            while (matcher.find()) {
                starts.add(matcher.start());
            }
            String head = segment.substring(0, starts.isEmpty() ? segment.length() : starts.getFirst());
            if (ANSWER_LINE.matcher(head).find()) {
                addPair(pairs, "Question 1: " + head.strip());
            } else {
                List<String> headLines = lines(List.of(head));
                boolean filler = headLines.size() == 1 && headLines.getFirst().endsWith(":");
                if (!filler) {
                    pairs.addAll(headLines);
                }
            }
            for (int i = 0; i < starts.size(); i++) {
                int end = i + 1 < starts.size() ? starts.get(i + 1) : segment.length();
                addPair(pairs, segment.substring(starts.get(i), end));
            }
        }
        return pairs;
    }

    private static void addPair(List<String> pairs, String chunk) {
        List<String> lines = chunk.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
        boolean allMarkers = lines.stream().allMatch(line -> MARKER_ONLY.matcher(line).matches());
        if (!allMarkers) {
            pairs.add(String.join("\n", lines));
        }
    }
}
