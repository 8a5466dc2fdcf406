package org.dlkit.experiment;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.IntToDoubleFunction;
import java.util.stream.IntStream;
import org.dlkit.model.AtomicFiles;
import org.dlkit.experiment.GradientDescentExperiment.ModeResult;
import org.dlkit.experiment.GradientDescentExperiment.Result;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The experiment's loss curves as PNGs (XChart, headless): the training loss after each epoch, and the mini-batch
 * loss of every update on a log x axis (so one batch update per epoch and a hundred stochastic ones share a chart),
 * with the training loss at each epoch's end drawn over it at that epoch's update count.
 */
final class LossCurvePlots {

    static final String PER_EPOCH = "gradient-descent-loss-per-epoch.png";
    static final String PER_UPDATE = "gradient-descent-loss-per-update.png";
    private static final int WIDTH = 900;
    private static final int HEIGHT = 550;
    /** The per-update chart's y axis ends at this multiple of the largest training loss (one example's loss can be
     * many times larger, and would flatten every other curve). */
    private static final double CAP = 1.5;
    /** One colour per mode, in the experiment's order (batch, stochastic, mini-batch). */
    private static final Color[] COLOURS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c)};

    private LossCurvePlots() {
    }

    static List<Path> checkWritable(Path dir, boolean force) {
        List<Path> files = List.of(dir.resolve(PER_EPOCH), dir.resolve(PER_UPDATE));
        files.forEach(f -> AtomicFiles.checkWritable(f, force));
        return files;
    }

    static List<Path> write(Result result, Path dir, boolean force) {
        List<Path> files = checkWritable(dir, force);
        save(perEpoch(result), files.get(0), force);
        save(perUpdate(result), files.get(1), force);
        return files;
    }

    static XYChart perEpoch(Result result) {
        XYChart chart = chart("training loss after each epoch (same network, same initial weights)", "epoch",
                "mean loss over the training set");
        for (int i = 0; i < result.modes().size(); i++) {
            ModeResult m = result.modes().get(i);
            line(chart, m.mode().toString(), e -> e, m.trainLoss(), COLOURS[i], 2f);
        }
        double target = result.settings().targetLoss();
        XYSeries t = chart.addSeries("target " + target, new double[] {0, result.settings().epochs()},
                new double[] {target, target});
        style(t, Color.GRAY, 1f);
        t.setLineStyle(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f},
                0f));
        return chart;
    }

    static XYChart perUpdate(Result result) {
        double cap = CAP * result.modes().stream().flatMapToDouble(m -> Arrays.stream(m.trainLoss()))
                .filter(Double::isFinite).max().orElse(1);
        XYChart chart = chart(String.format(Locale.ROOT, "loss per update: thin = the loss of the update's own batch, "
                + "thick = training set (y axis cut at %.2f)", cap), "update (log scale)", "loss");
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(LegendPosition.OutsideS);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(cap);
        for (int i = 0; i < result.modes().size(); i++) {
            ModeResult m = result.modes().get(i);
            Color c = COLOURS[i];
            line(chart, m.mode() + ", loss of the batch", u -> u + 1, m.updateLoss(),
                    new Color(c.getRed(), c.getGreen(), c.getBlue(), 110), 0.8f);
        }
        for (int i = 0; i < result.modes().size(); i++) {
            ModeResult m = result.modes().get(i);
            double[] afterEpoch = Arrays.copyOfRange(m.trainLoss(), 1, m.epochs() + 1);
            line(chart, m.mode() + ", training loss after each epoch", e -> (e + 1.0) * m.updatesPerEpoch(),
                    afterEpoch, COLOURS[i].darker(), 2.5f);
        }
        return chart;
    }

    private static XYChart chart(String title, String x, String y) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(x).yAxisTitle(y)
                .build();
        chart.getStyler().setLegendPosition(LegendPosition.InsideNE);
        chart.getStyler().setChartTitleFont(chart.getStyler().getChartTitleFont().deriveFont(14f));
        chart.getStyler().setLocale(Locale.ROOT); // tick labels 0.5, not 0,5, whatever the JVM's locale
        chart.getStyler().setYAxisDecimalPattern("#0.###");
        return chart;
    }

    /** Adds the finite points (x(i), y[i]) as a line: a diverged run's last values are not numbers. */
    private static void line(XYChart chart, String name, IntToDoubleFunction x, double[] y, Color colour,
                             float width) {
        int[] finite = IntStream.range(0, y.length).filter(i -> Double.isFinite(y[i])).toArray();
        if (finite.length == 0) {
            return;
        }
        double[] xs = Arrays.stream(finite).mapToDouble(x).toArray();
        double[] ys = Arrays.stream(finite).mapToDouble(i -> y[i]).toArray();
        style(chart.addSeries(name, xs, ys), colour, width);
    }

    private static void style(XYSeries s, Color colour, float width) {
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(colour);
        s.setLineWidth(width);
    }

    private static void save(XYChart chart, Path file, boolean force) {
        AtomicFiles.writeFile(file, force, tmp -> {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                BitmapEncoder.saveBitmap(chart, out, BitmapFormat.PNG);
            }
        });
    }
}
