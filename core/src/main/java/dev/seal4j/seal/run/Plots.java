package dev.seal4j.seal.run;

import dev.seal4j.engine.format.AtomicFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BoxChart;
import org.knowm.xchart.BoxChartBuilder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The run plots, each saved as PNG and SVG (headless, no display needed):
 * <ul>
 *   <li>{@code accuracy.png/.svg}: accuracy per method with standard-error bars, and net accuracy beside it
 *       when leakage was measured for every method;</li>
 *   <li>{@code rewards.png/.svg}: the distribution of self-edit rewards per ReST-EM round, as box plots.</li>
 * </ul>
 */
public final class Plots {
    public static final String ACCURACY = "accuracy";
    public static final String REWARDS = "rewards";
    private static final int WIDTH = 900;
    private static final int HEIGHT = 520;

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Plots() {
    }

    /** Writes accuracy.png and accuracy.svg into {@code dir}; returns the files written. */
    public static List<Path> writeAccuracy(Results results, Path dir) {
        return save(accuracyChart(results), dir, ACCURACY);
    }

    /**
     * Writes rewards.png and rewards.svg into {@code dir}; returns the files written.
     *
     * @param rewardsByRound the rewards of all self-edits of each round, by round label, in plot order
     */
    public static List<Path> writeRewards(Map<String, double[]> rewardsByRound, Path dir) {
        return save(rewardChart(rewardsByRound), dir, REWARDS);
    }

    /**
     * Writes {@code baseName}.png/.svg: training loss against step, one series per stage, each point the mean
     * of a window of steps (so the curve is readable over thousands of noisy steps).
     *
     * @param lossByStage per stage in plot order, {steps, losses}
     */
    public static List<Path> writeLossCurve(Map<String, double[][]> lossByStage, Path dir, String baseName, int window) {
        org.knowm.xchart.XYChart chart = new org.knowm.xchart.XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Training loss per stage").xAxisTitle("optimizer step").yAxisTitle("loss (nats per token)").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setDefaultSeriesRenderStyle(org.knowm.xchart.XYSeries.XYSeriesRenderStyle.Line);
        chart.getStyler().setMarkerSize(0);
        for (Map.Entry<String, double[][]> e : lossByStage.entrySet()) {
            double[] steps = e.getValue()[0], losses = e.getValue()[1];
            List<Double> x = new ArrayList<>(), y = new ArrayList<>();
            for (int i = 0; i < steps.length; i += window) {
                int end = Math.min(steps.length, i + window);
                double sum = 0;
                for (int j = i; j < end; j++) {
                    sum += losses[j];
                }
                x.add(steps[(i + end - 1) / 2]);
                y.add(sum / (end - i));
            }
            if (!x.isEmpty()) {
                chart.addSeries(e.getKey(), x, y);
            }
        }
        return save(chart, dir, baseName);
    }

    static CategoryChart accuracyChart(Results results) {
        if (results.methods().isEmpty()) {
            throw new IllegalArgumentException("no methods to plot");
        }
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Accuracy per method").xAxisTitle("method").yAxisTitle("percent of questions").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setAxisTicksMarksVisible(true);
        List<String> methods = new ArrayList<>(results.methods().keySet());
        List<Double> accuracy = new ArrayList<>();
        List<Double> stderr = new ArrayList<>();
        List<Double> net = new ArrayList<>();
        List<Double> netStderr = new ArrayList<>();
        for (MethodResult r : results.methods().values()) {
            accuracy.add(100 * r.accuracy());
            stderr.add(100 * r.stderr());
            if (r.netAccuracy() != null) {
                net.add(100 * r.netAccuracy());
                netStderr.add(100 * r.netStderr());
            }
        }
        chart.addSeries("accuracy", methods, accuracy, stderr);
        if (net.stream().allMatch(v -> v >= 0)) {
            chart.getStyler().setYAxisMin(0.0); // net accuracy can be negative (more leakage than accuracy)
        }
        if (net.size() == methods.size()) {
            chart.addSeries("net accuracy", methods, net, netStderr);
        } else {
            chart.getStyler().setLegendVisible(false);
        }
        return chart;
    }

    static BoxChart rewardChart(Map<String, double[]> rewardsByRound) {
        BoxChart chart = new BoxChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Self-edit rewards per round").xAxisTitle("round").yAxisTitle("reward").build();
        chart.getStyler().setLegendVisible(false);
        int series = 0;
        for (Map.Entry<String, double[]> round : rewardsByRound.entrySet()) {
            if (round.getValue().length > 0) {
                chart.addSeries(round.getKey(), round.getValue());
                series++;
            }
        }
        if (series == 0) {
            throw new IllegalArgumentException("no rewards to plot");
        }
        return chart;
    }

    private static List<Path> save(Chart<?, ?> chart, Path dir, String baseName) {
        Path png = dir.resolve(baseName + ".png");
        Path svg = dir.resolve(baseName + ".svg");
        try {
            ByteArrayOutputStream pngBytes = new ByteArrayOutputStream();
            BitmapEncoder.saveBitmap(chart, pngBytes, BitmapEncoder.BitmapFormat.PNG);
            ByteArrayOutputStream svgBytes = new ByteArrayOutputStream();
            VectorGraphicsEncoder.saveVectorGraphic(chart, svgBytes, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            AtomicFiles.write(png, pngBytes.toByteArray());
            AtomicFiles.write(svg, svgBytes.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the plot " + baseName + ": " + e.getMessage(), e);
        }
        return List.of(png, svg);
    }
}
