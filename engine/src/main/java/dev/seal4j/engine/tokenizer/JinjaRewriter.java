package dev.seal4j.engine.tokenizer;

import java.util.ArrayList;
import java.util.List;

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
 * Hugging Face's {@code {% generation %}} markers (for assistant-token masks) are dropped, keeping their content.
 */
final class JinjaRewriter {

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
        List<JinjaToken> toks = new ArrayList<>();
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
            JinjaToken t = JinjaToken.lex(src, i);
            if (t.isOpening()) {
                depth++;
            } else if (t.isClosing()) {
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

    private void emitTag(char kind, List<JinjaToken> toks) {
        String first = toks.stream().filter(t -> !t.isSpace()).findFirst().map(JinjaToken::text).orElse("");
        if (kind == '%' && (first.equals("generation") || first.equals("endgeneration"))) {
            return;                              // HF's assistant-mask markers: their content renders as usual
        }
        String body = new JinjaExpression(toks, !first.equals("macro")).emit(0, toks.size(), false);
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
}
