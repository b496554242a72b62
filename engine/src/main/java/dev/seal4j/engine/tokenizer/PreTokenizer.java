package dev.seal4j.engine.tokenizer;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hugging Face's pre_tokenizer: cuts (normalized) text into the pieces that BPE then encodes one at a time.
 * Only the kinds byte-level BPE models use are supported: Split by a regex, ByteLevel, and Sequence.
 */
sealed interface PreTokenizer {

    /** GPT-2's split (also ByteLevel's built-in regex). */
    String GPT2_REGEX = "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+";
    /** Llama 3's split: case-insensitive contractions, digits in groups of up to three. */
    String LLAMA3_REGEX = "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}"
            + "| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";
    /** Qwen2 and Qwen3's split: like Llama 3's but one digit per piece. */
    String QWEN2_REGEX = "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}"
            + "| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";

    /** Passes the pieces of {@code text} to {@code out}, in order, never an empty one. */
    void split(String text, Consumer<String> out);

    /**
     * Compiles a regex written for the Rust/Oniguruma engines of Hugging Face tokenizers. Java's classes
     * match theirs only in Unicode mode: \s must include U+00A0, U+3000 and the other Unicode spaces.
     */
    static Pattern compile(String regex) {
        return Pattern.compile(regex, Pattern.UNICODE_CHARACTER_CLASS);
    }

    /** What a Split does with the regex matches ("delimiters") besides the text between them. */
    enum Behavior { REMOVED, ISOLATED, MERGED_WITH_PREVIOUS, MERGED_WITH_NEXT, CONTIGUOUS }

    /** Splits at regex matches; with {@code invert} the text between matches plays the delimiter. */
    record Split(Pattern pattern, Behavior behavior, boolean invert) implements PreTokenizer {
        @Override
        public void split(String text, Consumer<String> out) {
            if (behavior == Behavior.ISOLATED) {      // the common case, streamed without a list
                Matcher m = pattern.matcher(text);
                int end = 0;
                while (m.find()) {
                    emit(text, end, m.start(), out);
                    emit(text, m.start(), m.end(), out);
                    end = m.end();
                }
                emit(text, end, text.length(), out);
                return;
            }
            List<int[]> parts = new ArrayList<>();   // {start, end, isDelimiter}
            Matcher m = pattern.matcher(text);
            int end = 0;
            while (m.find()) {
                if (m.start() > end) {
                    parts.add(new int[] {end, m.start(), invert ? 1 : 0});
                }
                parts.add(new int[] {m.start(), m.end(), invert ? 0 : 1});
                end = m.end();
            }
            if (end < text.length()) {
                parts.add(new int[] {end, text.length(), invert ? 1 : 0});
            }
            for (int[] p : combine(parts)) {
                emit(text, p[0], p[1], out);
            }
        }

        /** Hugging Face's SplitDelimiterBehavior rules for where a delimiter goes. */
        private List<int[]> combine(List<int[]> parts) {
            List<int[]> pieces = new ArrayList<>();
            switch (behavior) {
                case REMOVED -> parts.stream().filter(p -> p[2] == 0).forEach(pieces::add);
                case MERGED_WITH_PREVIOUS -> {
                    boolean previousWasDelimiter = false;
                    for (int[] p : parts) {
                        if (p[2] == 1 && !previousWasDelimiter && !pieces.isEmpty()) {
                            pieces.getLast()[1] = p[1];
                        } else {
                            pieces.add(p);
                        }
                        previousWasDelimiter = p[2] == 1;
                    }
                }
                case MERGED_WITH_NEXT -> {
                    boolean nextIsDelimiter = false;
                    for (int i = parts.size() - 1; i >= 0; i--) {
                        int[] p = parts.get(i);
                        if (p[2] == 1 && !nextIsDelimiter && !pieces.isEmpty()) {
                            pieces.getFirst()[0] = p[0];
                        } else {
                            pieces.addFirst(p);
                        }
                        nextIsDelimiter = p[2] == 1;
                    }
                }
                case CONTIGUOUS -> {
                    int previousKind = -1;
                    for (int[] p : parts) {
                        if (p[2] == previousKind) {
                            pieces.getLast()[1] = p[1];
                        } else {
                            pieces.add(p);
                        }
                        previousKind = p[2];
                    }
                }
                case ISOLATED -> pieces.addAll(parts);
            }
            return pieces;
        }
    }

    /**
     * The ByteLevel pre-tokenizer's splitting part: an optional space before each piece that lacks one, then
     * GPT-2's regex when {@code useRegex}. (Mapping bytes to characters happens in the BPE model.)
     */
    record ByteLevel(boolean addPrefixSpace, boolean useRegex) implements PreTokenizer {
        private static final Split GPT2 = new Split(compile(GPT2_REGEX), Behavior.ISOLATED, false);

        @Override
        public void split(String text, Consumer<String> out) {
            String piece = addPrefixSpace && !text.startsWith(" ") ? " " + text : text;
            if (useRegex) {
                GPT2.split(piece, out);
            } else {
                emit(piece, 0, piece.length(), out);
            }
        }
    }

    /** Each step splits every piece the step before produced. */
    record Sequence(List<PreTokenizer> steps) implements PreTokenizer {
        public Sequence {
            steps = List.copyOf(steps);
        }

        @Override
        public void split(String text, Consumer<String> out) {
            splitFrom(0, text, out);
        }

        private void splitFrom(int step, String text, Consumer<String> out) {
            if (step == steps.size()) {
                out.accept(text);
            } else {
                steps.get(step).split(text, piece -> splitFrom(step + 1, piece, out));
            }
        }
    }

    private static void emit(String text, int from, int to, Consumer<String> out) {
        if (to > from) {
            out.accept(from == 0 && to == text.length() ? text : text.substring(from, to));
        }
    }
}
