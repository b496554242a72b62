package dev.seal4j.seal.run;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's results: figures per method (in table order) and comparisons between methods. Written as
 * results.json {@code {"methods": {"<method>": {"accuracy", "stderr", "n", "leakage", "net_accuracy",
 * "net_stderr"}}, "comparisons": [...]}} and as a Markdown table by {@link ResultsFiles}.
 */
public record Results(Map<String, MethodResult> methods, List<Comparison> comparisons) {
    public Results {
        methods = Collections.unmodifiableMap(new LinkedHashMap<>(methods));
        comparisons = comparisons == null ? List.of() : List.copyOf(comparisons);
    }

    public Results(Map<String, MethodResult> methods) {
        this(methods, List.of());
    }
}
