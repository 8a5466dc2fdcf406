package org.dlkit.train;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dlkit.model.AtomicFiles;
import org.dlkit.train.GradientDescentExperiment.ModeResult;
import org.dlkit.train.GradientDescentExperiment.Result;
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
        int epochs = result.settings().epochs();
        for (int i = 0; i < result.modes().size(); i++) {
            ModeResult m = result.modes().get(i);
            double[] x = new double[epochs + 1];
            for (int e = 0; e <= epochs; e++) {
                x[e] = e;
            }
            line(chart, m.mode().toString(), x, m.trainLoss(), COLOURS[i], 2f);
        }
        double target = result.settings().targetLoss();
        XYSeries t = line(chart, "target " + target, new double[] {0, epochs}, new double[] {target, target},
                Color.GRAY, 1f);
        t.setLineStyle(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        return chart;
    }

    static XYChart perUpdate(Result result) {
        XYChart chart = chart("loss per update (log scale): thin = the update's own mini-batch, thick = training set",
                "update", "loss");
        chart.getStyler().setXAxisLogarithmic(true);
        for (int i = 0; i < result.modes().size(); i++) {
            ModeResult m = result.modes().get(i);
            double[] loss = m.updateLoss();
            double[] x = new double[loss.length];
            for (int u = 0; u < loss.length; u++) {
                x[u] = u + 1;
            }
            Color c = COLOURS[i];
            line(chart, m.mode() + ", mini-batch loss", x, loss, new Color(c.getRed(), c.getGreen(), c.getBlue(), 90),
                    0.6f);
        }
        for (int i = 0; i < result.modes().size(); i++) {
            ModeResult m = result.modes().get(i);
            double[] loss = m.trainLoss();
            double[] xs = new double[m.epochs()];
            double[] ys = new double[m.epochs()];
            for (int e = 1; e <= m.epochs(); e++) {
                xs[e - 1] = (double) e * m.updatesPerEpoch();
                ys[e - 1] = loss[e];
            }
            line(chart, m.mode() + ", training loss after each epoch", xs, ys, COLOURS[i].darker(), 2.5f);
        }
        return chart;
    }

    private static XYChart chart(String title, String x, String y) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(x).yAxisTitle(y)
                .build();
        chart.getStyler().setLegendPosition(LegendPosition.InsideNE);
        chart.getStyler().setChartTitleFont(chart.getStyler().getChartTitleFont().deriveFont(14f));
        chart.getStyler().setYAxisDecimalPattern("#0.###");
        return chart;
    }

    private static XYSeries line(XYChart chart, String name, double[] x, double[] y, Color colour, float width) {
        XYSeries s = chart.addSeries(name, x, y);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(colour);
        s.setLineWidth(width);
        return s;
    }

    private static void save(XYChart chart, Path file, boolean force) {
        AtomicFiles.writeFile(file, force, tmp -> {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                BitmapEncoder.saveBitmap(chart, out, BitmapFormat.PNG);
            }
        });
    }
}
