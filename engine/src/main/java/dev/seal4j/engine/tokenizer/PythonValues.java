package dev.seal4j.engine.tokenizer;

import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;

/** How Python prints values: str() for {{ value }} in a template, repr() inside lists and dicts. */
final class PythonValues {
    private PythonValues() {
    }

    /**
     * Python's str(value), except that null prints as "" because Jinjava gives null for both None and an
     * undefined variable, and Jinja2 prints an undefined variable as "".
     */
    static String str(Object value) {
        return switch (value) {
            case null -> "";
            case CharSequence s -> s.toString();
            default -> repr(value);
        };
    }

    static String repr(Object value) {
        return switch (value) {
            case null -> "None";
            case Boolean b -> b ? "True" : "False";
            case CharSequence s -> quote(s.toString());
            case Double d -> floatRepr(d);
            case Float f -> floatRepr(f.doubleValue());
            case Map<?, ?> map -> {
                StringBuilder sb = new StringBuilder("{");
                for (Iterator<? extends Map.Entry<?, ?>> it = map.entrySet().iterator(); it.hasNext(); ) {
                    Map.Entry<?, ?> e = it.next();
                    sb.append(repr(e.getKey())).append(": ").append(repr(e.getValue())).append(it.hasNext() ? ", " : "");
                }
                yield sb.append('}').toString();
            }
            case Iterable<?> list -> {
                StringBuilder sb = new StringBuilder("[");
                for (Iterator<?> it = list.iterator(); it.hasNext(); ) {
                    sb.append(repr(it.next())).append(it.hasNext() ? ", " : "");
                }
                yield sb.append(']').toString();
            }
            default -> value.toString();
        };
    }

    /** Python's repr of a float: the shortest digits that round-trip, exponent form below 1e-4 or from 1e16. */
    static String floatRepr(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0.0" : "0.0";
        }
        BigDecimal exact = new BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
        String digits = exact.unscaledValue().toString();
        int pointAt = digits.length() - exact.scale();          // decimal point position relative to digits
        String sign = d < 0 ? "-" : "";
        if (pointAt <= -4 || pointAt > 16) {
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            int exponent = pointAt - 1;
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
        }
        if (pointAt <= 0) {
            return sign + "0." + "0".repeat(-pointAt) + digits;
        }
        if (pointAt >= digits.length()) {
            return sign + digits + "0".repeat(pointAt - digits.length()) + ".0";
        }
        return sign + digits.substring(0, pointAt) + "." + digits.substring(pointAt);
    }

    /** Python's repr of a str: single quotes unless the text has ' and no ". */
    private static String quote(String s) {
        char q = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder sb = new StringBuilder().append(q);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c == q) {
                        sb.append('\\').append(c);
                    } else if (c < 0x20 || c == 0x7F) {
                        sb.append(String.format("\\x%02x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append(q).toString();
    }
}
