package dev.seal4j.engine;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What is wrong with a JSON text, in one line for users: "invalid JSON: Unexpected end-of-input at line 3,
 * column 1" or "inner_loop.rank: expected an integer, got "8" at line 4, column 13". Jackson's own messages span
 * several lines ("at [Source: ...]") and name Java classes; this keeps their first line and says the rest in
 * JSON's words.
 */
public final class JsonProblem {
    private JsonProblem() {
    }

    /** The problem {@code e} reports, without the file (callers prefix it). */
    public static String describe(JacksonException e) {
        String where = location(e.getLocation());
        if (String.valueOf(e.getOriginalMessage()).startsWith("Trailing token")) {
            return "invalid JSON: there is more after the end of the value" + where;
        }
        if (e instanceof JsonMappingException m && !(e instanceof com.fasterxml.jackson.core.JsonParseException)) {
            String path = path(m);
            String prefix = path.isEmpty() ? "" : path + ": ";
            if (e instanceof UnrecognizedPropertyException u) {
                return prefix + "unknown field" + known(u.getKnownPropertyIds()) + where;
            }
            if (e instanceof ValueInstantiationException v && v.getCause() != null) {
                return prefix + firstLine(v.getCause().getMessage()) + where;
            }
            if (e instanceof MismatchedInputException mi && mi.getTargetType() != null) {
                return prefix + "expected " + kind(mi.getTargetType()) + where;
            }
            return prefix + firstLine(e.getOriginalMessage()) + where;
        }
        return "invalid JSON: " + firstLine(e.getOriginalMessage()).replaceAll(" \\(start marker at .*", "") + where;
    }

    /** "inner_loop.targets[2]" from the path Jackson followed into the document. */
    private static String path(JsonMappingException m) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference r : m.getPath()) {
            if (r.getFieldName() != null) {
                out.append(out.isEmpty() ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                out.append('[').append(r.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    private static String known(Collection<Object> names) {
        if (names == null || names.isEmpty()) {
            return "";
        }
        return " (known: " + names.stream().map(String::valueOf).sorted().collect(Collectors.joining(", ")) + ")";
    }

    /** A Java type as JSON calls its values. */
    private static String kind(Class<?> type) {
        if (type == int.class || type == long.class || type == short.class || type == Integer.class || type == Long.class
                || type == Short.class) {
            return "an integer";
        }
        if (Number.class.isAssignableFrom(type) || type == float.class || type == double.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class || type == char.class || type == Character.class || type.isEnum()) {
            return "a string";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return Map.class.isAssignableFrom(type) || !type.isPrimitive() ? "an object" : "a value";
    }

    private static String location(JsonLocation at) {
        return at == null || at.getLineNr() < 1 ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }
}
