package dev.seal4j.engine.tokenizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The token-level part of {@link JinjaRewriter}: rewrites the body of one tag so that Jinjava parses it as
 * Jinja2 would (see there for the list).
 *
 * @param wrapKeywordValues put keyword-argument values in parentheses (not in macro definitions, whose
 *                          default values Jinjava cannot take parenthesized)
 */
record JinjaExpression(List<JinjaToken> toks, boolean wrapKeywordValues) {
    private static final Set<String> NOT_OPERAND_ENDS = Set.of("and", "or", "if", "else");

    /** The rewritten tokens [from, to); {@code argumentList} when they are the inside of a call's parentheses. */
    String emit(int from, int to, boolean argumentList) {
        if (argumentList) {
            return arguments(from, to);
        }
        StringBuilder sb = new StringBuilder();
        JinjaToken previous = null;              // last non-space token
        int chainStart = -1;                     // where in sb the operand being extended by postfixes began
        int i = from;
        while (i < to) {
            JinjaToken t = toks.get(i);
            boolean postfix = previous != null && previous.endsOperand();
            if (t.isOpening()) {
                int close = matching(i, to);
                if (!postfix || chainStart < 0) {
                    chainStart = sb.length();
                }
                if (t.isOp("[") && postfix && topLevel(i + 1, close, ":").size() == 2) {
                    sb.insert(chainStart, "_py_slice(").append(sliceArguments(i + 1, close));
                } else {
                    sb.append(t.text()).append(emit(i + 1, close, t.isOp("(")));
                    if (close < to) {
                        if (toks.get(close).isOp("}") && sb.charAt(sb.length() - 1) == '}') {
                            sb.append(' ');              // "}}" would end Jinjava's tag early
                        }
                        sb.append(toks.get(close).text());
                    }
                }
                previous = close < to ? toks.get(close) : t;
                i = close + 1;
                continue;
            }
            if (t.isName("not") && !postfix && !(previous != null && previous.isName("is"))) {
                int end = notOperandEnd(i + 1, to);
                sb.append("not (").append(emit(i + 1, end, false).strip()).append(')');
                previous = toks.get(end - 1);
                chainStart = -1;
                i = end;
                if (i < to && !toks.get(i).isSpace()) {
                    sb.append(' ');
                }
                continue;
            }
            if (t.isOp("-") && !postfix && i + 1 < to && toks.get(i + 1).kind() == JinjaToken.Kind.NUMBER) {
                sb.append("(-").append(toks.get(i + 1).text()).append(')');   // Jinja2 negates before filters
                chainStart = sb.length() - toks.get(i + 1).text().length() - 3;
                previous = toks.get(i + 1);
                i += 2;
                continue;
            }
            boolean attribute = previous != null && previous.isOp(".");
            if (!t.isSpace() && !attribute && !t.isOp(".")) {
                chainStart = t.endsOperand() ? sb.length() : -1;
            }
            if (t.kind() == JinjaToken.Kind.NAME && !attribute && (t.text().equals("True") || t.text().equals("False")
                    || t.text().equals("None"))) {
                sb.append(t.text().toLowerCase(Locale.ROOT));
            } else {
                sb.append(t.text());
            }
            if (!t.isSpace()) {
                previous = t;
            }
            i++;
        }
        return sb.toString();
    }

    /** Call arguments: {@code name=value} gets {@code name=(value)} so Jinjava parses value whole. */
    private String arguments(int from, int to) {
        StringBuilder sb = new StringBuilder();
        List<Integer> commas = topLevel(from, to, ",");
        int start = from;
        for (int k = 0; k <= commas.size(); k++) {
            int end = k < commas.size() ? commas.get(k) : to;
            int name = nextNonSpace(start, end);
            int eq = name < end ? nextNonSpace(name + 1, end) : end;
            if (wrapKeywordValues && name < end && toks.get(name).kind() == JinjaToken.Kind.NAME && eq < end
                    && toks.get(eq).isOp("=") && significantCount(eq + 1, end) > 1) {
                sb.append(emit(start, eq + 1, false)).append('(').append(emit(eq + 1, end, false).strip()).append(')');
            } else {
                sb.append(emit(start, end, false));
            }
            if (k < commas.size()) {
                sb.append(',');
            }
            start = end + 1;
        }
        return sb.toString();
    }

    /** ", a, b, c)" for the slice [a:b:c] (empty parts as none), closing {@code _py_slice(value}. */
    private String sliceArguments(int from, int to) {
        List<Integer> colons = topLevel(from, to, ":");
        StringBuilder sb = new StringBuilder();
        int start = from;
        for (int k = 0; k < 3; k++) {
            int end = k < 2 ? colons.get(k) : to;
            String part = emit(start, end, false).strip();
            sb.append(", ").append(part.isEmpty() ? "none" : part);
            start = end + 1;
        }
        return sb.append(')').toString();
    }

    /** Where the operand of a unary "not" ends: at "and", "or", "if", "else" or "," on its level. */
    private int notOperandEnd(int from, int to) {
        int depth = 0;
        for (int i = from; i < to; i++) {
            JinjaToken t = toks.get(i);
            if (t.isOpening()) {
                depth++;
            } else if (t.isClosing()) {
                depth--;
            } else if (depth == 0 && (t.isOp(",") || (t.kind() == JinjaToken.Kind.NAME && NOT_OPERAND_ENDS.contains(t.text())))) {
                return i;
            }
        }
        return to;
    }

    /** Positions of {@code op} in [from, to) outside any nested bracket. */
    private List<Integer> topLevel(int from, int to, String op) {
        List<Integer> found = new ArrayList<>();
        int depth = 0;
        for (int i = from; i < to; i++) {
            JinjaToken t = toks.get(i);
            if (t.isOpening()) {
                depth++;
            } else if (t.isClosing()) {
                depth--;
            } else if (depth == 0 && t.isOp(op)) {
                found.add(i);
            }
        }
        return found;
    }

    /** The index of the bracket closing the one at {@code open}, or {@code to} when unbalanced. */
    private int matching(int open, int to) {
        int depth = 0;
        for (int i = open; i < to; i++) {
            JinjaToken t = toks.get(i);
            if (t.isOpening()) {
                depth++;
            } else if (t.isClosing() && --depth == 0) {
                return i;
            }
        }
        return to;
    }

    private int nextNonSpace(int from, int to) {
        int i = from;
        while (i < to && toks.get(i).isSpace()) {
            i++;
        }
        return i;
    }

    private int significantCount(int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            n += toks.get(i).isSpace() ? 0 : 1;
        }
        return n;
    }
}
