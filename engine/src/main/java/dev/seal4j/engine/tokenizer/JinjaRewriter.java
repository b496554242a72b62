package dev.seal4j.engine.tokenizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Rewrites a Hugging Face chat template, written for Python's Jinja2, into one Jinjava renders the same way.
 * The template is lexed as Jinja2 lexes it, so everything about whitespace is settled here and Jinjava gets
 * a template without whitespace control: newlines normalized to "\n", one trailing newline dropped,
 * {@code trim_blocks} and {@code lstrip_blocks} (Hugging Face's settings), and the "-" / "+" markers.
 * Inside tags, constructs Jinjava parses differently from Jinja2 are rewritten:
 * <ul>
 *   <li>{@code not} binds looser than comparisons and tests ({@code not x is defined}): its operand gets
 *       parentheses;</li>
 *   <li>keyword arguments ({@code namespace(a=n - 1)}): the value gets parentheses;</li>
 *   <li>slices with a step ({@code messages[::-1]}) become calls {@code _py_slice(messages, none, none, -1)};</li>
 *   <li>{@code True}/{@code False}/{@code None} become Jinjava's lower-case literals;</li>
 *   <li>a negative number literal gets parentheses, so that {@code -3|abs} filters -3 as in Jinja2;</li>
 *   <li>printed values go through {@code _py_str(...)}, which prints like Python (True, [1, 'a']).</li>
 * </ul>
 */
final class JinjaRewriter {
    private static final Set<String> KEYWORDS = Set.of("and", "or", "not", "in", "is", "if", "elif", "else", "do");
    private static final Set<String> NOT_OPERAND_ENDS = Set.of("and", "or", "if", "else");

    private final String src;
    private final StringBuilder out = new StringBuilder();
    private int pos;
    private boolean lineStarting = true;     // the last lexed token ended a line (Jinja2's line_starting)

    private JinjaRewriter(String source) {
        String s = source.replace("\r\n", "\n").replace('\r', '\n');
        this.src = s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;   // keep_trailing_newline=False
    }

    static String rewrite(String template) {
        JinjaRewriter r = new JinjaRewriter(template);
        r.run();
        return r.out.toString();
    }

    private void run() {
        while (pos < src.length()) {
            int open = nextOpener(pos);
            if (open < 0) {
                data(src.substring(pos));
                return;
            }
            char kind = src.charAt(open + 1);                       // '{', '%' or '#'
            int afterOpen = open + 2;
            char sign = afterOpen < src.length() ? src.charAt(afterOpen) : 0;
            boolean hasSign = sign == '-' || sign == '+';
            data(stripBefore(src.substring(pos, open), hasSign ? sign : 0, kind != '{'));
            int bodyStart = hasSign ? afterOpen + 1 : afterOpen;
            if (kind == '#') {
                comment(bodyStart);
            } else if (kind == '%' && isRawStart(bodyStart)) {
                raw(bodyStart);
            } else {
                tag(kind, bodyStart);
            }
        }
    }

    /** The next "{{", "{%" or "{#" at or after {@code from}, or -1. */
    private int nextOpener(int from) {
        for (int i = src.indexOf('{', from); i >= 0 && i + 1 < src.length(); i = src.indexOf('{', i + 1)) {
            char c = src.charAt(i + 1);
            if (c == '{' || c == '%' || c == '#') {
                return i;
            }
        }
        return -1;
    }

    /** Jinja2's handling of the text before a tag: "-" strips all whitespace, else lstrip_blocks for blocks. */
    private String stripBefore(String text, char sign, boolean blockOrComment) {
        if (sign == '-') {
            return rstrip(text);
        }
        if (sign != '+' && blockOrComment) {
            int lineStart = text.lastIndexOf('\n') + 1;
            if ((lineStart > 0 || lineStarting) && lineStart < text.length() && isBlank(text, lineStart)) {
                return text.substring(0, lineStart);
            }
        }
        return text;
    }

    private void data(String text) {
        if (text.endsWith("{")) {           // would glue onto the next tag's "{": print it as an expression instead
            out.append(text, 0, text.length() - 1).append("{{ '{' }}");
        } else {
            out.append(text);
        }
    }

    private void comment(int bodyStart) {
        int end = src.indexOf("#}", bodyStart);
        if (end < 0) {
            throw new IllegalArgumentException("missing end of comment tag");
        }
        char before = end > bodyStart ? src.charAt(end - 1) : 0;
        pos = end + 2;
        closeTag(before == '-' ? '-' : before == '+' ? '+' : 0, true);
    }

    private boolean isRawStart(int bodyStart) {
        int i = skipSpaces(bodyStart);
        if (!src.startsWith("raw", i)) {
            return false;
        }
        int j = skipSpaces(i + 3);
        return src.startsWith("%}", j) || src.startsWith("-%}", j);
    }

    /** {% raw %} ... {% endraw %}: the content is kept as it is (only the whitespace rules around the tags). */
    private void raw(int bodyStart) {
        int i = skipSpaces(skipSpaces(bodyStart) + 3);
        boolean stripAfter = src.charAt(i) == '-';
        pos = i + (stripAfter ? 3 : 2);
        if (stripAfter) {
            pos = skipWhitespace(pos);
        }
        int search = pos;
        while (true) {
            int open = src.indexOf("{%", search);
            if (open < 0) {
                throw new IllegalArgumentException("missing end of raw directive");
            }
            int k = open + 2;
            char sign = k < src.length() && (src.charAt(k) == '-' || src.charAt(k) == '+') ? src.charAt(k) : 0;
            int name = skipSpaces(sign != 0 ? k + 1 : k);
            if (src.startsWith("endraw", name)) {
                int end = skipSpaces(name + 6);
                char endSign = src.charAt(end) == '-' || src.charAt(end) == '+' ? src.charAt(end) : 0;
                if (src.startsWith("%}", endSign != 0 ? end + 1 : end)) {
                    String content = stripBefore(src.substring(pos, open), sign, true);
                    out.append("{% raw %}").append(content).append("{% endraw %}");
                    pos = (endSign != 0 ? end + 1 : end) + 2;
                    closeTag(endSign, true);
                    return;
                }
            }
            search = open + 2;
        }
    }

    /** A {{ variable }} or {% block %}: lex its tokens up to the balanced end marker, rewrite, emit. */
    private void tag(char kind, int bodyStart) {
        String close = kind == '{' ? "}}" : "%}";
        List<Tok> toks = new ArrayList<>();
        int depth = 0;
        int i = bodyStart;
        while (true) {
            if (i >= src.length()) {
                throw new IllegalArgumentException("missing end of " + (kind == '{' ? "variable" : "block") + " tag");
            }
            if (depth == 0) {
                char c = src.charAt(i);
                char sign = c == '-' || (c == '+' && kind == '%') ? c : 0;
                if (src.startsWith(close, sign != 0 ? i + 1 : i)) {
                    pos = (sign != 0 ? i + 1 : i) + 2;
                    emitTag(kind, toks);
                    closeTag(sign, kind == '%');
                    return;
                }
            }
            Tok t = Tok.lex(src, i);
            if (t.isOp("(") || t.isOp("[") || t.isOp("{")) {
                depth++;
            } else if (t.isOp(")") || t.isOp("]") || t.isOp("}")) {
                depth = Math.max(0, depth - 1);
            }
            toks.add(t);
            i += t.text().length();
        }
    }

    /** What follows a tag's end: "-" strips whitespace, else trim_blocks drops one newline after blocks. */
    private void closeTag(char sign, boolean blockOrComment) {
        if (sign == '-') {
            pos = skipWhitespace(pos);
            lineStarting = pos > 0 && src.charAt(pos - 1) == '\n';
        } else if (sign != '+' && blockOrComment && pos < src.length() && src.charAt(pos) == '\n') {
            pos++;
            lineStarting = true;
        } else {
            lineStarting = false;
        }
    }

    private void emitTag(char kind, List<Tok> toks) {
        boolean macro = toks.stream().filter(t -> !t.isSpace()).findFirst().map(t -> t.text().equals("macro")).orElse(false);
        String body = new Expression(toks, !macro).emit(0, toks.size(), false);
        if (kind == '{') {
            out.append("{{ _py_str(").append(body.strip()).append(") }}");
        } else {
            out.append("{% ").append(body.strip()).append(" %}");
        }
    }

    private int skipSpaces(int i) {
        while (i < src.length() && (src.charAt(i) == ' ' || src.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    private int skipWhitespace(int i) {
        while (i < src.length() && PythonStrings.isSpace(src.charAt(i))) {
            i++;
        }
        return i;
    }

    private static String rstrip(String s) {
        int end = s.length();
        while (end > 0 && PythonStrings.isSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }

    private static boolean isBlank(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            if (!PythonStrings.isSpace(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** One lexical token inside a tag. */
    record Tok(Kind kind, String text) {
        enum Kind { SPACE, NAME, NUMBER, STRING, OP }

        private static final List<String> LONG_OPS = List.of("**", "//", "==", "!=", "<=", ">=");

        static Tok lex(String s, int i) {
            char c = s.charAt(i);
            int j = i + 1;
            if (PythonStrings.isSpace(c)) {
                while (j < s.length() && PythonStrings.isSpace(s.charAt(j))) {
                    j++;
                }
                return new Tok(Kind.SPACE, s.substring(i, j));
            }
            if (c == '\'' || c == '"') {
                while (j < s.length() && s.charAt(j) != c) {
                    j += s.charAt(j) == '\\' ? 2 : 1;
                }
                return new Tok(Kind.STRING, s.substring(i, Math.min(j + 1, s.length())));
            }
            if (Character.isDigit(c)) {
                while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_'
                        || (s.charAt(j) == '.' && j + 1 < s.length() && Character.isDigit(s.charAt(j + 1))))) {
                    j++;
                }
                return new Tok(Kind.NUMBER, s.substring(i, j));
            }
            if (Character.isLetter(c) || c == '_') {
                while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
                    j++;
                }
                return new Tok(Kind.NAME, s.substring(i, j));
            }
            for (String op : LONG_OPS) {
                if (s.startsWith(op, i)) {
                    return new Tok(Kind.OP, op);
                }
            }
            return new Tok(Kind.OP, String.valueOf(c));
        }

        boolean isOp(String op) {
            return kind == Kind.OP && text.equals(op);
        }

        boolean isSpace() {
            return kind == Kind.SPACE;
        }

        boolean isName(String name) {
            return kind == Kind.NAME && text.equals(name);
        }

        /** Ends an operand, so a following "[" is a subscript and a following "not" is "not in". */
        boolean endsOperand() {
            return (kind == Kind.NAME && !KEYWORDS.contains(text)) || kind == Kind.NUMBER || kind == Kind.STRING
                    || isOp(")") || isOp("]") || isOp("}");
        }
    }

    /** The token-level rewrites of one tag's body. */
    private record Expression(List<Tok> toks, boolean wrapKeywordValues) {

        String emit(int from, int to, boolean argumentList) {
            if (argumentList) {
                return arguments(from, to);
            }
            StringBuilder sb = new StringBuilder();
            Tok previous = null;                     // last non-space token
            int chainStart = -1;                     // where in sb the operand being extended by postfixes began
            int i = from;
            while (i < to) {
                Tok t = toks.get(i);
                boolean postfix = previous != null && previous.endsOperand();
                if (t.isOp("(") || t.isOp("[") || t.isOp("{")) {
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
                if (t.isOp("-") && !postfix && i + 1 < to && toks.get(i + 1).kind() == Tok.Kind.NUMBER) {
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
                if (t.kind() == Tok.Kind.NAME && !attribute && (t.text().equals("True") || t.text().equals("False")
                        || t.text().equals("None"))) {
                    sb.append(t.text().toLowerCase(java.util.Locale.ROOT));
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
                if (wrapKeywordValues && name < end && toks.get(name).kind() == Tok.Kind.NAME && eq < end
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
                Tok t = toks.get(i);
                if (t.isOp("(") || t.isOp("[") || t.isOp("{")) {
                    depth++;
                } else if (t.isOp(")") || t.isOp("]") || t.isOp("}")) {
                    depth--;
                } else if (depth == 0 && (t.isOp(",") || (t.kind() == Tok.Kind.NAME && NOT_OPERAND_ENDS.contains(t.text())))) {
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
                Tok t = toks.get(i);
                if (t.isOp("(") || t.isOp("[") || t.isOp("{")) {
                    depth++;
                } else if (t.isOp(")") || t.isOp("]") || t.isOp("}")) {
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
                Tok t = toks.get(i);
                if (t.isOp("(") || t.isOp("[") || t.isOp("{")) {
                    depth++;
                } else if ((t.isOp(")") || t.isOp("]") || t.isOp("}")) && --depth == 0) {
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
}
