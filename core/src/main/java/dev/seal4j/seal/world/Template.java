package dev.seal4j.seal.world;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A text with {@code {key}} slots, parsed once and rendered many times. What a key means is up to the
 * renderer ({@link Voice} for sentences about a person).
 */
final class Template {
    private final String source;
    private final String[] literals; // literals[i] comes before keys[i]; one more literal than keys
    private final String[] keys;

    private Template(String source, List<String> literals, List<String> keys) {
        this.source = source;
        this.literals = literals.toArray(String[]::new);
        this.keys = keys.toArray(String[]::new);
    }

    static Template of(String source) {
        List<String> literals = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        int at = 0;
        while (true) {
            int open = source.indexOf('{', at);
            if (open < 0) {
                literals.add(source.substring(at));
                return new Template(source, literals, keys);
            }
            int close = source.indexOf('}', open);
            if (close < 0) {
                throw new IllegalArgumentException("unclosed slot in template: " + source);
            }
            literals.add(source.substring(at, open));
            keys.add(source.substring(open + 1, close));
            at = close + 1;
        }
    }

    List<String> keys() {
        return List.of(keys);
    }

    /** Fills every slot and capitalizes the first letter (templates are sentences or lines). */
    String render(UnaryOperator<String> slots) {
        StringBuilder out = new StringBuilder(source.length() + 32);
        for (int i = 0; i < keys.length; i++) {
            out.append(literals[i]).append(slots.apply(keys[i]));
        }
        out.append(literals[keys.length]);
        if (!out.isEmpty()) {
            out.setCharAt(0, Character.toUpperCase(out.charAt(0)));
        }
        return out.toString();
    }
}
