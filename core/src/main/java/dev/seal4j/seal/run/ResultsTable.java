package dev.seal4j.seal.run;

import java.util.Locale;
import java.util.Map;

/**
 * Results as Markdown: one row per method (figures in percent, ± the standard error), then the comparisons
 * with their bootstrap intervals.
 * <pre>
 * | method | accuracy ± stderr | leakage | net accuracy | n |
 * |---|---:|---:|---:|---:|
 * | base | 32.7 ± 1.5 | 1.0 | 31.7 ± 1.5 | 974 |
 * </pre>
 */
public final class ResultsTable {
    private static final String NONE = "—";

    private ResultsTable() {
    }

    public static String markdown(Results results) {
        StringBuilder out = new StringBuilder();
        out.append("| method | accuracy ± stderr | leakage | net accuracy | n |\n");
        out.append("|---|---:|---:|---:|---:|\n");
        for (Map.Entry<String, MethodResult> row : results.methods().entrySet()) {
            MethodResult r = row.getValue();
            out.append("| ").append(cell(row.getKey()))
                    .append(" | ").append(percent(r.accuracy())).append(" ± ").append(percent(r.stderr()))
                    .append(" | ").append(r.leakage() == null ? NONE : percent(r.leakage()))
                    .append(" | ").append(r.netAccuracy() == null ? NONE
                            : percent(r.netAccuracy()) + " ± " + percent(r.netStderr()))
                    .append(" | ").append(r.n()).append(" |\n");
        }
        out.append("\nFigures in percent; ± is the standard error over questions; net accuracy = accuracy − leakage.\n");
        if (!results.comparisons().isEmpty()) {
            Comparison first = results.comparisons().getFirst();
            out.append("\n| comparison | metric | difference | ").append(Math.round(first.level() * 100)).append("% interval |\n");
            out.append("|---|---|---:|---:|\n");
            for (Comparison c : results.comparisons()) {
                out.append("| ").append(cell(c.method())).append(" − ").append(cell(c.baseline()))
                        .append(" | ").append(c.metric().replace('_', ' '))
                        .append(" | ").append(signed(c.difference()))
                        .append(" | [").append(signed(c.low())).append(", ").append(signed(c.high())).append("] |\n");
            }
            out.append(String.format(Locale.ROOT, "%nIntervals: paired bootstrap over questions, %,d resamples, seed %d.%n",
                    first.resamples(), first.seed()));
        }
        return out.toString();
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f", 100 * fraction);
    }

    private static String signed(double fraction) {
        return String.format(Locale.ROOT, "%+.1f", 100 * fraction);
    }

    /** A table cell: pipes escaped, one line. */
    private static String cell(String text) {
        return text.replace("|", "\\|").replaceAll("\\R", " ");
    }
}
