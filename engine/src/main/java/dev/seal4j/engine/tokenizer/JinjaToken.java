package dev.seal4j.engine.tokenizer;

import java.util.List;
import java.util.Set;

/** One lexical token inside a Jinja tag: a name, number, string literal, operator or run of whitespace. */
record JinjaToken(Kind kind, String text) {
    private static final Set<String> KEYWORDS = Set.of("and", "or", "not", "in", "is", "if", "elif", "else", "do");
    private static final List<String> LONG_OPS = List.of("**", "//", "==", "!=", "<=", ">=");

    enum Kind { SPACE, NAME, NUMBER, STRING, OP }

    /** The token starting at {@code s[i]}. */
    static JinjaToken lex(String s, int i) {
        char c = s.charAt(i);
        int j = i + 1;
        if (PythonStrings.isSpace(c)) {
            while (j < s.length() && PythonStrings.isSpace(s.charAt(j))) {
                j++;
            }
            return new JinjaToken(Kind.SPACE, s.substring(i, j));
        }
        if (c == '\'' || c == '"') {
            while (j < s.length() && s.charAt(j) != c) {
                j += s.charAt(j) == '\\' ? 2 : 1;
            }
            return new JinjaToken(Kind.STRING, s.substring(i, Math.min(j + 1, s.length())));
        }
        if (Character.isDigit(c)) {
            while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_'
                    || (s.charAt(j) == '.' && j + 1 < s.length() && Character.isDigit(s.charAt(j + 1))))) {
                j++;
            }
            return new JinjaToken(Kind.NUMBER, s.substring(i, j));
        }
        if (Character.isLetter(c) || c == '_') {
            while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
                j++;
            }
            return new JinjaToken(Kind.NAME, s.substring(i, j));
        }
        for (String op : LONG_OPS) {
            if (s.startsWith(op, i)) {
                return new JinjaToken(Kind.OP, op);
            }
        }
        return new JinjaToken(Kind.OP, String.valueOf(c));
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
        return (kind == Kind.NAME && !isKeyword()) || kind == Kind.NUMBER || kind == Kind.STRING || isClosing();
    }

    boolean isKeyword() {
        return kind == Kind.NAME && KEYWORDS.contains(text);
    }

    boolean isOpening() {
        return isOp("(") || isOp("[") || isOp("{");
    }

    boolean isClosing() {
        return isOp(")") || isOp("]") || isOp("}");
    }
}
