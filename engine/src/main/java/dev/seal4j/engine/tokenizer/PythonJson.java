package dev.seal4j.engine.tokenizer;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Python's json.dumps as Hugging Face's {@code tojson} filter calls it: ensure_ascii=False by default,
 * separators ", " and ": " (or "," and ": " when indenting), keys in insertion order unless sort_keys.
 */
final class PythonJson {
    private final String indent;          // null: everything on one line
    private final String itemSeparator;
    private final String keySeparator;
    private final boolean sortKeys;
    private final boolean ensureAscii;

    PythonJson(Integer indent, List<String> separators, boolean sortKeys, boolean ensureAscii) {
        this.indent = indent == null ? null : " ".repeat(indent);
        this.itemSeparator = separators != null ? separators.get(0) : indent == null ? ", " : ",";
        this.keySeparator = separators != null ? separators.get(1) : ": ";
        this.sortKeys = sortKeys;
        this.ensureAscii = ensureAscii;
    }

    String dumps(Object value) {
        StringBuilder sb = new StringBuilder();
        write(value, sb, 0);
        return sb.toString();
    }

    private void write(Object value, StringBuilder sb, int depth) {
        switch (value) {
            case null -> sb.append("null");
            case Boolean b -> sb.append(b);
            case CharSequence s -> string(s.toString(), sb);
            case Double d -> sb.append(number(d));
            case Float f -> sb.append(number(f.doubleValue()));
            case Number n -> sb.append(n);
            case Map<?, ?> map -> {
                List<Map.Entry<?, ?>> entries = new ArrayList<>(map.entrySet());
                if (sortKeys) {
                    entries.sort((a, b) -> String.valueOf(a.getKey()).compareTo(String.valueOf(b.getKey())));
                }
                container('{', '}', entries.size(), sb, depth, (i, out) -> {
                    string(String.valueOf(entries.get(i).getKey()), out);
                    out.append(keySeparator);
                    write(entries.get(i).getValue(), out, depth + 1);
                });
            }
            case Iterable<?> iterable -> {
                List<Object> items = new ArrayList<>();
                for (Iterator<?> it = iterable.iterator(); it.hasNext(); ) {
                    items.add(it.next());
                }
                container('[', ']', items.size(), sb, depth, (i, out) -> write(items.get(i), out, depth + 1));
            }
            default -> string(value.toString(), sb);
        }
    }

    private interface Item {
        void write(int index, StringBuilder sb);
    }

    private void container(char open, char close, int size, StringBuilder sb, int depth, Item item) {
        sb.append(open);
        if (size == 0) {
            sb.append(close);
            return;
        }
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                sb.append(itemSeparator);
            }
            if (indent != null) {
                sb.append('\n').append(indent.repeat(depth + 1));
            }
            item.write(i, sb);
        }
        if (indent != null) {
            sb.append('\n').append(indent.repeat(depth));
        }
        sb.append(close);
    }

    private static String number(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        return PythonValues.floatRepr(d);
    }

    private void string(String s, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20 || (ensureAscii && c > 0x7E)) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
