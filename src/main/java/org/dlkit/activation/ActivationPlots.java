package org.dlkit.activation;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;
import org.dlkit.error.DlkitException;
import org.dlkit.model.AtomicFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The "graph" of cards 9–22: one PNG per catalogue function, the function and its derivative on one chart over
 * x ∈ [−5, 5], widened to show every kink with 2 either side (ReLU6's cap at 6: x ∈ [−8, 8]). Softmax is drawn over the logits z = (x, 0, 1): its three outputs (which sum to 1) and
 * ∂s_1/∂z_1.
 */
public final class ActivationPlots {

    /** The half-width of the x range unless a kink lies further out. */
    static final double X_HALF_WIDTH = 5;
    /** How far beyond its outermost kink a chart reaches. */
    static final double KINK_MARGIN = 2;
    static final int POINTS = 401;
    static final int WIDTH = 800;
    static final int HEIGHT = 500;

    private ActivationPlots() {
    }

    /** The file a function's chart is written to: {@code <key>.png} in {@code dir}. */
    public static Path file(Path dir, ActivationFunction f) {
        return dir.resolve(f.key() + ".png");
    }

    /**
     * Writes one PNG per catalogue function into {@code dir} (created if missing) and returns the files, in
     * catalogue order. Each file is written to a temporary sibling and renamed into place.
     *
     * @param force overwrite existing files; without it nothing is written if any of them exists
     * @throws DlkitException when {@code dir} is a file or not writable (checked before anything is drawn), a file
     *                        exists and {@code force} is false, or writing fails
     */
    public static List<Path> writeAll(Path dir, boolean force) {
        AtomicFiles.checkDirectoryWritable(dir);
        List<Path> files = new ArrayList<>();
        for (ActivationFunction f : Activations.all()) {
            files.add(file(dir, f));
        }
        if (!force) {
            List<String> existing = files.stream().filter(Files::exists).map(Path::toString).toList();
            if (!existing.isEmpty()) {
                throw new DlkitException(existing.get(0) + (existing.size() > 1 ? " and " + (existing.size() - 1)
                        + " more" : "") + " already exist; use --force to overwrite");
            }
        }
        try {
            Files.createDirectories(dir);
            for (ActivationFunction f : Activations.all()) {
                write(chart(f), file(dir, f));
            }
        } catch (IOException e) {
            throw new DlkitException("cannot write the activation plots to " + dir + ": "
                    + AtomicFiles.reason(e), e);
        }
        return files;
    }

    /** The chart of one function: value and derivative (for softmax, all outputs and one derivative). */
    public static XYChart chart(ActivationFunction f) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title(f.displayName() + ": range " + f.range() + (f.zeroCentred() ? ", zero-centred" : "")
                        + "; saturates: " + f.saturation())
                .xAxisTitle("x").yAxisTitle("").build();
        chart.getStyler().setLegendPosition(LegendPosition.InsideNW);
        chart.getStyler().setChartTitleFont(chart.getStyler().getChartTitleFont().deriveFont(14f));
        chart.getStyler().setLocale(Locale.ROOT); // tick labels 0.5, not 0,5, whatever the JVM's locale
        chart.getStyler().setYAxisDecimalPattern("#0.##");
        double half = X_HALF_WIDTH;
        if (f instanceof ElementWise e) {
            for (double kink : e.op().kinks()) {
                half = Math.max(half, Math.ceil(Math.abs(kink) + KINK_MARGIN));
            }
        }
        double[] x = new double[POINTS];
        for (int i = 0; i < POINTS; i++) {
            x[i] = -half + 2 * half * i / (POINTS - 1);
        }
        if (f instanceof ElementWise e) {
            add(chart, f.formula(), x, e::value);
            add(chart, f.derivativeFormula(), x, e::derivative);
        } else {
            for (int k = 0; k < 3; k++) {
                int output = k;
                add(chart, "s_" + (k + 1) + "  of  z = (x, 0, 1)", x, v -> f.forward(logits(v))[output]);
            }
            add(chart, "∂s_1/∂z_1 = s_1·(1 − s_1)", x, v -> f.backward(logits(v), new double[] {1, 0, 0})[0]);
        }
        return chart;
    }

    private static double[] logits(double x) {
        return new double[] {x, 0, 1};
    }

    private static void add(XYChart chart, String name, double[] x, DoubleUnaryOperator y) {
        double[] values = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            values[i] = y.applyAsDouble(x[i]);
        }
        XYSeries series = chart.addSeries(name, x, values);
        series.setMarker(SeriesMarkers.NONE);
    }

    private static void write(XYChart chart, Path target) {
        AtomicFiles.writeFile(target, true, tmp -> {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                BitmapEncoder.saveBitmap(chart, out, BitmapFormat.PNG);
            }
        });
    }
}
