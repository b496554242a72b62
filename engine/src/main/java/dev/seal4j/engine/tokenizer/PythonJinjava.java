package dev.seal4j.engine.tokenizer;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.el.JinjavaInterpreterResolver;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.AdvancedFilter;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import jinjava.javax.el.CompositeELResolver;
import jinjava.javax.el.ELContext;
import jinjava.javax.el.ELResolver;

import java.beans.FeatureDescriptor;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A Jinjava set up to render templates from {@link JinjaRewriter} as Hugging Face's Jinja2 environment would:
 * Python string methods on strings, step slices, Python printing, HF's tojson, Jinja2's trim,
 * {@code raise_exception} and {@code strftime_now}, dict iteration over keys, no re-interpretation of values
 * that look like templates.
 */
final class PythonJinjava {
    static final Jinjava JINJAVA = create();

    private PythonJinjava() {
    }

    /** Thrown by a template's raise_exception(message). */
    static final class TemplateRaised extends RuntimeException {
        TemplateRaised(String message) {
            super(message);
        }
    }

    private static Jinjava create() {
        CompositeELResolver resolver = new CompositeELResolver();
        resolver.add(new PythonResolver());
        resolver.add(JinjavaInterpreterResolver.DEFAULT_RESOLVER_READ_ONLY);
        JinjavaConfig config = JinjavaConfig.newBuilder()
                .withTrimBlocks(false)
                .withLstripBlocks(false)
                .withNestedInterpretationEnabled(false)
                .withElResolver(resolver)
                .withLegacyOverrides(LegacyOverrides.newBuilder()
                        .withIterateOverMapKeys(true)
                        .withEvaluateMapKeys(true)
                        .withKeepNullableLoopValues(true)
                        .build())
                .build();
        Jinjava jinjava = new Jinjava(config);
        var context = jinjava.getGlobalContext();
        context.registerFunction(function("_py_str", "str", Object.class));
        context.registerFunction(function("_py_slice", "slice", Object.class, Object.class, Object.class, Object.class));
        context.registerFunction(function("raise_exception", "raiseException", Object.class));
        context.registerFunction(function("strftime_now", "strftimeNow", Object.class));
        context.registerFilter(new ToJson());
        context.registerFilter(new Trim());
        context.registerFilter(new FirstOrLast(true));
        context.registerFilter(new FirstOrLast(false));
        return jinjava;
    }

    private static ELFunctionDefinition function(String name, String method, Class<?>... parameters) {
        return new ELFunctionDefinition("", name, PythonJinjava.class, method, parameters);
    }

    public static String str(Object value) {
        return PythonValues.str(value);
    }

    /** Python's value[start:stop:step] for lists and strings (negative indices and steps, null parts). */
    public static Object slice(Object value, Object start, Object stop, Object step) {
        int[] codePoints = value instanceof CharSequence cs ? cs.codePoints().toArray() : null;
        int n = codePoints != null ? codePoints.length : ((List<?>) value).size();
        long by = step == null ? 1 : toLong(step);
        if (by == 0) {
            throw new IllegalArgumentException("slice step cannot be zero");
        }
        long from = bound(toLong(start), n, by < 0 ? n - 1 : 0, by < 0);
        long until = bound(toLong(stop), n, by < 0 ? -1 : n, by < 0);
        List<Integer> picked = new ArrayList<>();
        for (long i = from; by > 0 ? i < until : i > until; i += by) {
            picked.add((int) i);
        }
        if (codePoints != null) {
            StringBuilder sb = new StringBuilder();
            picked.forEach(i -> sb.appendCodePoint(codePoints[i]));
            return sb.toString();
        }
        List<?> list = (List<?>) value;
        List<Object> out = new ArrayList<>(picked.size());
        picked.forEach(i -> out.add(list.get(i)));
        return out;
    }

    public static Object raiseException(Object message) {
        throw new TemplateRaised(String.valueOf(message));
    }

    public static String strftimeNow(Object format) {
        return PythonStrftime.format(String.valueOf(format), ZonedDateTime.now());
    }

    private static Long toLong(Object o) {
        return o == null ? null : ((Number) o).longValue();
    }

    private static long bound(Long index, int n, long otherwise, boolean reverse) {
        if (index == null) {
            return otherwise;
        }
        long i = index < 0 ? index + n : index;
        return reverse ? Math.max(-1, Math.min(i, n - 1)) : Math.max(0, Math.min(i, n));
    }

    /** Python str methods and indexing on strings; everything else falls through to Jinjava's resolvers. */
    private static final class PythonResolver extends ELResolver {
        @Override
        public Object invoke(ELContext context, Object base, Object method, Class<?>[] types, Object[] params) {
            if (base instanceof String s && method instanceof String name) {
                Object result = PythonStrings.call(s, name, params == null ? new Object[0] : params);
                if (result != PythonStrings.NO_SUCH_METHOD) {
                    context.setPropertyResolved(true);
                    return result;
                }
            }
            return null;
        }

        /** Python's s[i] on a string (a character; negative i counts from the end). */
        @Override
        public Object getValue(ELContext context, Object base, Object property) {
            if (base instanceof String s && isInteger(property)) {
                context.setPropertyResolved(true);
                int[] codePoints = s.codePoints().toArray();
                long i = Long.parseLong(property.toString());
                long at = i < 0 ? i + codePoints.length : i;
                return at >= 0 && at < codePoints.length ? Character.toString(codePoints[(int) at]) : null;
            }
            return null;
        }

        private static boolean isInteger(Object property) {
            return property instanceof Long || property instanceof Integer
                    || (property instanceof String p && p.matches("-?[0-9]{1,9}"));
        }

        @Override
        public Class<?> getType(ELContext context, Object base, Object property) {
            return null;
        }

        @Override
        public void setValue(ELContext context, Object base, Object property, Object value) {
        }

        @Override
        public boolean isReadOnly(ELContext context, Object base, Object property) {
            return false;
        }

        @Override
        public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
            return null;
        }

        @Override
        public Class<?> getCommonPropertyType(ELContext context, Object base) {
            return null;
        }
    }

    /** Hugging Face's tojson: json.dumps(value, ensure_ascii=False, indent=..., separators=..., sort_keys=...). */
    private static final class ToJson implements AdvancedFilter {
        @Override
        public String getName() {
            return "tojson";
        }

        @Override
        public Object filter(Object value, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
            Object indent = kwargs.containsKey("indent") ? kwargs.get("indent") : args.length > 0 ? args[0] : null;
            @SuppressWarnings("unchecked")
            List<String> separators = kwargs.get("separators") instanceof List<?> l ? (List<String>) l : null;
            return new PythonJson(indent == null ? null : ((Number) indent).intValue(), separators,
                    Boolean.TRUE.equals(kwargs.get("sort_keys")), Boolean.TRUE.equals(kwargs.get("ensure_ascii")))
                    .dumps(value);
        }
    }

    /** Jinja2's trim: str.strip(chars), Python's idea of whitespace. */
    private static final class Trim implements AdvancedFilter {
        @Override
        public String getName() {
            return "trim";
        }

        @Override
        public Object filter(Object value, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
            Object chars = kwargs.containsKey("chars") ? kwargs.get("chars") : args.length > 0 ? args[0] : null;
            return PythonStrings.strip(PythonValues.str(value), chars == null ? null : chars.toString(), true, true);
        }
    }

    /** Jinja2's first and last, which also take a string's first or last character. */
    private record FirstOrLast(boolean first) implements AdvancedFilter {
        @Override
        public String getName() {
            return first ? "first" : "last";
        }

        @Override
        public Object filter(Object value, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
            List<Object> items = new ArrayList<>();
            if (value instanceof CharSequence s) {
                s.codePoints().forEach(c -> items.add(Character.toString(c)));
            } else if (value instanceof Iterable<?> iterable) {
                iterable.forEach(items::add);
            } else {
                return null;
            }
            return items.isEmpty() ? null : items.get(first ? 0 : items.size() - 1);
        }
    }
}
