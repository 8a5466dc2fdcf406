package org.dlkit.supervise;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One point per diagnostics check made tens of thousands of points per line, and drawing them anti-aliased was most of
 * the supervise stage. The drawing keeps, per pixel column, the points that decide what the column shows: its
 * extremes (spikes stay visible) and its gaps, and the line's first and last points; the CSV keeps every point.
 */
class DecimationTest {

    private static final int COLUMNS = 100;

    /** A noisy line with one spike up, one spike down and one gap, at iterations 0, 10, 20, ... */
    private static double[][] noisy(int n) {
        Random random = new Random(42);
        double[] xs = new double[n];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = 10.0 * i;
            ys[i] = 1 + 0.1 * random.nextGaussian();
        }
        ys[n / 3] = 50;
        ys[2 * n / 3] = -50;
        ys[n / 2] = Double.NaN;
        return new double[][] {xs, ys};
    }

    @Test
    void keepsTheExtremesOfEveryColumnAndTheEnds() {
        double[][] line = noisy(20_000);
        Decimation.Line drawn = Decimation.minMax(line[0], line[1], COLUMNS);
        double[] xs = drawn.xs();
        double[] ys = drawn.ys();
        assertTrue(xs.length <= Decimation.cap(COLUMNS), xs.length + " points drawn");
        assertTrue(xs.length < line[0].length / 50, xs.length + " points drawn of 20,000");
        assertEquals(line[0][0], xs[0]);
        assertEquals(line[1][0], ys[0]);
        assertEquals(line[0][line[0].length - 1], xs[xs.length - 1]);
        assertEquals(line[1][line[1].length - 1], ys[ys.length - 1]);
        for (int i = 1; i < xs.length; i++) {
            assertTrue(xs[i] > xs[i - 1], "in order, each point once: " + xs[i - 1] + ", " + xs[i]);
        }
        assertTrue(contains(xs, ys, line[0][20_000 / 3], 50), "the spike up");
        assertTrue(contains(xs, ys, line[0][2 * 20_000 / 3], -50), "the spike down");
        assertTrue(contains(xs, ys, line[0][20_000 / 2], Double.NaN), "the gap");
        // every column's minimum and maximum, compared with the full line
        double span = line[0][line[0].length - 1];
        for (int column = 0; column < COLUMNS; column++) {
            double lo = column * span / COLUMNS;
            double hi = (column + 1) * span / COLUMNS;
            assertEquals(extreme(line[0], line[1], lo, hi, true), extreme(xs, ys, lo, hi, true), "min of " + column);
            assertEquals(extreme(line[0], line[1], lo, hi, false), extreme(xs, ys, lo, hi, false), "max of " + column);
        }
    }

    @Test
    void aShortLineIsDrawnAsItIs() {
        double[][] line = noisy(Decimation.cap(COLUMNS));
        Decimation.Line drawn = Decimation.minMax(line[0], line[1], COLUMNS);
        assertSame(line[0], drawn.xs());
        assertSame(line[1], drawn.ys());
    }

    @Test
    void theLayerPanelsDrawAtMostTheCapPerLine() {
        List<LayerStats> stats = new ArrayList<>();
        double[][] line = noisy(30_000);
        for (int i = 0; i < line[0].length; i++) {
            double g = Math.abs(line[1][i]);
            stats.add(new LayerStats((int) line[0][i], 1 + i / 200, 0, "relu", 0.1, g, 0.0, Double.NaN, g, 1e-3 * g));
        }
        List<XYChart> panels = TrainingCharts.layers(stats);
        double[] spikes = {50, 50, 0.05, 0}; // std, gradient norm, update ratio, dead share
        for (int p = 0; p < panels.size(); p++) {
            XYChart panel = panels.get(p);
            XYSeries layer = panel.getSeriesMap().values().stream().filter(s -> s.getName().startsWith("layer 0"))
                    .findFirst().orElseThrow();
            assertTrue(layer.getXData().length <= Decimation.cap(TrainingCharts.PLOT_COLUMNS),
                    panel.getTitle() + ": " + layer.getXData().length + " points");
            double[] y = layer.getYData();
            assertEquals(spikes[p], Arrays.stream(y).filter(Double::isFinite).max().orElseThrow(), 1e-12,
                    panel.getTitle());
        }
    }

    private static boolean contains(double[] xs, double[] ys, double x, double y) {
        for (int i = 0; i < xs.length; i++) {
            if (xs[i] == x && (Double.isNaN(y) ? Double.isNaN(ys[i]) : ys[i] == y)) {
                return true;
            }
        }
        return false;
    }

    private static double extreme(double[] xs, double[] ys, double lo, double hi, boolean min) {
        double best = Double.NaN;
        for (int i = 0; i < xs.length; i++) {
            if (xs[i] >= lo && xs[i] < hi && !Double.isNaN(ys[i])) {
                best = Double.isNaN(best) ? ys[i] : min ? Math.min(best, ys[i]) : Math.max(best, ys[i]);
            }
        }
        return best;
    }
}
