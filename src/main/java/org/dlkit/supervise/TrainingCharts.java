package org.dlkit.supervise;

import org.dlkit.train.EpochRecord;
import org.dlkit.train.History;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * The charts of a run (XChart, headless): loss and accuracy per epoch, and per-layer statistics over time; {@link
 * ChartImages} draws them into PNGs.
 */
public final class TrainingCharts {

    static final int WIDTH = 800;
    static final int HEIGHT = 450;
    /**
     * Pixel columns of a panel's plot area, for {@link Decimation}: the 800-pixel panel less its axis labels and
     * legend leaves 540-600 pixels, so a column is at most about a pixel wide.
     */
    static final int PLOT_COLUMNS = 600;

    private TrainingCharts() {
    }

    /** Training and validation loss per epoch, with the epoch whose parameters were kept marked. */
    public static XYChart loss(History history, int keptEpoch) {
        XYChart chart = epochChart("Loss per epoch", "loss");
        addEpochSeries(chart, "training (mean mini-batch loss)", history, EpochRecord::trainLoss);
        addEpochSeries(chart, "validation", history, EpochRecord::valLoss);
        markEpoch(chart, history, keptEpoch, EpochRecord::valLoss);
        return chart;
    }

    /** Training and validation accuracy per epoch. */
    public static XYChart accuracy(History history, int keptEpoch) {
        XYChart chart = epochChart("Accuracy per epoch", "accuracy");
        addEpochSeries(chart, "training", history, EpochRecord::trainAccuracy);
        addEpochSeries(chart, "validation", history, EpochRecord::valAccuracy);
        markEpoch(chart, history, keptEpoch, EpochRecord::valAccuracy);
        return chart;
    }

    /**
     * Four panels over the iterations, one line per layer: output standard deviation, weight-gradient norm (log),
     * update-to-parameter ratio (log, with the 1e-3 target), and the share of dead (ReLU, ReLU6) / saturated
     * (sigmoid, tanh, hard sigmoid, ...) units.
     */
    public static List<XYChart> layers(List<LayerStats> stats) {
        XYChart std = iterationChart("Activation std per layer", "std of outputs", false);
        XYChart gradient = iterationChart("Weight-gradient norm per layer", "||dL/dW||", true);
        XYChart update = iterationChart("Update / parameter ratio per layer", "||dW|| / ||W||", true);
        XYChart unhealthy = iterationChart("Dead / saturated units per layer", "share of units", false);
        unhealthy.getStyler().setYAxisMin(0.0);
        unhealthy.getStyler().setYAxisMax(1.0);
        TreeMap<Integer, List<LayerStats>> byLayer = new TreeMap<>();
        for (LayerStats s : stats) {
            byLayer.computeIfAbsent(s.layer(), k -> new ArrayList<>()).add(s);
        }
        byLayer.forEach((layer, rows) -> {
            String name = "layer " + layer + " (" + rows.get(0).activation() + ")";
            addIterationSeries(std, name, rows, LayerStats::activationStd, false);
            addIterationSeries(gradient, name, rows, LayerStats::gradientNorm, true);
            addIterationSeries(update, name, rows, LayerStats::updateRatio, true);
            addIterationSeries(unhealthy, name + " dead", rows, LayerStats::deadFraction, false);
            addIterationSeries(unhealthy, name + " saturated", rows, LayerStats::saturatedFraction, false);
        });
        if (!stats.isEmpty()) {
            double first = stats.get(0).iteration();
            double last = Math.max(first + 1, stats.get(stats.size() - 1).iteration());
            XYSeries target = update.addSeries("target 1e-3", new double[]{first, last}, new double[]{1e-3, 1e-3});
            target.setMarker(SeriesMarkers.NONE);
        }
        return List.of(std, gradient, update, unhealthy);
    }

    private static XYChart epochChart(String title, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle("epoch")
                .yAxisTitle(yTitle).build();
        chart.getStyler().setMarkerSize(4);
        chart.getStyler().setLocale(Locale.ROOT); // tick labels 0.5, not 0,5, whatever the JVM's locale
        return chart;
    }

    private static XYChart iterationChart(String title, String yTitle, boolean log) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle("iteration")
                .yAxisTitle(yTitle).build();
        chart.getStyler().setYAxisLogarithmic(log);
        chart.getStyler().setMarkerSize(3);
        chart.getStyler().setLegendVisible(true);
        chart.getStyler().setLocale(Locale.ROOT);
        return chart;
    }

    private static void addEpochSeries(XYChart chart, String name, History history, ToDoubleFunction<EpochRecord> y) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (EpochRecord r : history.epochs()) {
            if (Double.isFinite(y.applyAsDouble(r))) {
                xs.add((double) r.epoch());
                ys.add(y.applyAsDouble(r));
            }
        }
        addLine(chart, name, xs, ys);
    }

    /**
     * A line through the points; a single point (one epoch, one diagnostics check) is drawn as a marker, since a
     * line through one point draws nothing. Nothing for no points.
     */
    private static void addLine(XYChart chart, String name, List<Double> xs, List<Double> ys) {
        addLine(chart, name, xs.stream().mapToDouble(Double::doubleValue).toArray(),
                ys.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static void addLine(XYChart chart, String name, double[] xs, double[] ys) {
        if (xs.length > 0) {
            chart.addSeries(name, xs, ys).setMarker(xs.length == 1 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        }
    }

    private static void markEpoch(XYChart chart, History history, int epoch, ToDoubleFunction<EpochRecord> y) {
        history.epochs().stream().filter(r -> r.epoch() == epoch && Double.isFinite(y.applyAsDouble(r))).findFirst()
                .ifPresent(r -> chart.addSeries("kept: epoch " + epoch, new double[]{epoch},
                        new double[]{y.applyAsDouble(r)}).setMarker(SeriesMarkers.DIAMOND));
    }

    /**
     * One layer's line over the checks where {@code y} was measured. On a log axis ({@code positiveOnly}) a value of
     * exactly 0 (no gradient flowed back, no update) cannot be drawn: it is a gap in the line (NaN, which XChart
     * leaves undrawn) rather than left out, which joined its neighbours over it; the points are then marked, so that
     * one between two gaps shows, and the panel's title says what the gaps are. Long lines are thinned for drawing
     * by {@link Decimation#minMax} (extremes, ends and gaps of each pixel column kept).
     */
    private static void addIterationSeries(XYChart chart, String name, List<LayerStats> rows,
                                           ToDoubleFunction<LayerStats> y, boolean positiveOnly) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        boolean gaps = false;
        boolean drawn = false;
        for (LayerStats r : rows) {
            double v = y.applyAsDouble(r);
            if (Double.isFinite(v)) {
                boolean gap = positiveOnly && v <= 0;
                gaps |= gap;
                drawn |= !gap;
                xs.add((double) r.iteration());
                ys.add(gap ? Double.NaN : v);
            }
        }
        if (gaps && !chart.getTitle().endsWith(ZERO_GAPS)) {
            chart.setTitle(chart.getTitle() + ZERO_GAPS);
        }
        if (drawn) {
            // one point per check can be tens of thousands of points: draw only what a pixel column shows
            Decimation.Line line = Decimation.minMax(xs.stream().mapToDouble(Double::doubleValue).toArray(),
                    ys.stream().mapToDouble(Double::doubleValue).toArray(), PLOT_COLUMNS);
            addLine(chart, name, line.xs(), line.ys());
            if (gaps) {
                chart.getSeriesMap().get(name).setMarker(SeriesMarkers.CIRCLE);
            }
        }
    }

    /** The title's note on a log panel where some value was exactly 0. */
    private static final String ZERO_GAPS = " (gaps: exactly 0)";
}
