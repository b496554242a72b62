package dev.seal4j.seal.continual;

import dev.seal4j.engine.format.AtomicFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The bench's outputs: results.json (every matrix, the paper's figures beside ours), report.md (the
 * matrices as tables and the headline comparison) and one heat map PNG per configuration.
 */
public final class ForgettingReport {
    /** The SEAL paper's first passage after its own update and after 8 sequential updates (Qwen2.5-7B, SQuAD). */
    public static final double PAPER_FIRST_AFTER_OWN = 0.383;
    public static final double PAPER_FIRST_AFTER_EIGHT = 0.189;

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private ForgettingReport() {
    }

    /** Writes the report of the named configurations ("without gates", "with gates") into {@code dir}. */
    public static void write(Path dir, Map<String, ForgettingMatrix> results, Map<String, Object> settings) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("settings", settings);
        json.put("paper", Map.of("first_after_own_update", PAPER_FIRST_AFTER_OWN, "first_after_8_updates",
                PAPER_FIRST_AFTER_EIGHT, "model", "Qwen2.5-7B", "grader", "GPT-4.1 judge", "sequences", 64));
        Map<String, Object> ours = new LinkedHashMap<>();
        StringBuilder md = new StringBuilder("# Forgetting under sequential self-edits\n\n");
        md.append("| configuration | first passage after its update | first passage after all updates | updates applied |\n");
        md.append("|---|---|---|---|\n");
        md.append(String.format(Locale.ROOT, "| SEAL paper (Qwen2.5-7B, 8 passages) | %.1f%% | %.1f%% | 8 of 8 |%n",
                100 * PAPER_FIRST_AFTER_OWN, 100 * PAPER_FIRST_AFTER_EIGHT));
        for (var e : results.entrySet()) {
            ForgettingMatrix m = e.getValue();
            int applied = 0;
            for (int a : m.accepted()) {
                applied += a;
            }
            md.append(String.format(Locale.ROOT, "| %s | %.1f%% | %.1f%% | %d of %d |%n", e.getKey(),
                    100 * m.firstAfterOwnUpdate(), 100 * m.firstAfterAll(), applied, m.accepted().length * m.sequences()));
            ours.put(e.getKey(), Map.of("mean", m.mean(), "std", m.std(), "sequences", m.sequences(),
                    "accepted_per_step", m.accepted(), "first_after_own_update", m.firstAfterOwnUpdate(),
                    "first_after_all_updates", m.firstAfterAll()));
        }
        json.put("results", ours);
        for (var e : results.entrySet()) {
            md.append("\n## ").append(e.getKey()).append("\n\nRow i: accuracy after i updates; column j: passage j "
                    + "(mean over ").append(e.getValue().sequences()).append(" sequences).\n\n").append(table(e.getValue()));
            plot(dir.resolve(fileName(e.getKey()) + ".png"), e.getKey(), e.getValue());
        }
        AtomicFiles.write(dir.resolve("results.json"), ContinualJson.pretty(json));
        AtomicFiles.write(dir.resolve("report.md"), md.toString().getBytes(StandardCharsets.UTF_8));
    }

    static String fileName(String configuration) {
        return "forgetting-" + configuration.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }

    private static String table(ForgettingMatrix m) {
        int n = m.mean()[0].length;
        StringBuilder t = new StringBuilder("| after |");
        for (int j = 1; j <= n; j++) {
            t.append(" p").append(j).append(" |");
        }
        t.append("\n|---|").append("---|".repeat(n)).append('\n');
        for (int i = 0; i < m.mean().length; i++) {
            t.append("| ").append(i == 0 ? "base" : i + " update" + (i == 1 ? "" : "s")).append(" |");
            for (int j = 0; j < n; j++) {
                t.append(i == 0 || j < i ? String.format(Locale.ROOT, " %.1f |", 100 * m.mean()[i][j]) : " |");
            }
            t.append('\n');
        }
        return t.toString();
    }

    /** A heat map: x = passage, y = number of updates, colour = accuracy (cells not evaluated left out). */
    private static void plot(Path file, String title, ForgettingMatrix m) {
        int rows = m.mean().length, cols = m.mean()[0].length;
        List<String> x = new ArrayList<>(), y = new ArrayList<>();
        for (int j = 1; j <= cols; j++) {
            x.add("p" + j);
        }
        for (int i = 0; i < rows; i++) {
            y.add(i == 0 ? "base" : Integer.toString(i));
        }
        List<Number[]> cells = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                if (i == 0 || j < i) {
                    cells.add(new Number[]{j, i, 100 * m.mean()[i][j]});
                }
            }
        }
        HeatMapChart chart = new HeatMapChartBuilder().width(720).height(560)
                .title("Accuracy (%) " + title + ", " + m.sequences() + " sequence(s)")
                .xAxisTitle("passage").yAxisTitle("updates applied").build();
        chart.getStyler().setShowValue(true);
        chart.getStyler().setMin(0);
        chart.getStyler().setMax(100);
        chart.getStyler().setHeatMapValueDecimalPattern("0.0");
        chart.getStyler().setRangeColors(new Color[]{new Color(0xF7FBFF), new Color(0x6BAED6), new Color(0x08306B)});
        chart.addSeries("accuracy", x, y, cells);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            BitmapEncoder.saveBitmap(chart, png, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        AtomicFiles.write(file, png.toByteArray());
    }
}
