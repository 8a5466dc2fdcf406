package org.dlkit.supervise;

import java.util.Arrays;

/**
 * Min-max decimation of a line for drawing. A chart {@code columns} pixels wide shows, in each pixel column, one
 * vertical stroke from the smallest to the largest value of the points falling into it; so of those points only the
 * two that decide the stroke are kept, the column's minimum and maximum, in their original order (a one-iteration
 * spike stays visible), and its first gap (NaN), so that a gap in the line stays a gap. The first and last points of
 * the line are always kept, so it starts and ends where it did. Column k covers the x values
 * x₀ + k·(x_last − x₀)/columns ≤ x &lt; x₀ + (k+1)·(x_last − x₀)/columns, so at most 3·columns + 2 points are drawn
 * whatever the number of iterations. The CSV files keep every point; only the drawing is thinned.
 */
final class Decimation {

    /** The most points kept per column: minimum, maximum and first gap. */
    static final int POINTS_PER_COLUMN = 3;

    /** A line as drawn: x values in increasing order and their y values (NaN: a gap). */
    record Line(double[] xs, double[] ys) { }

    private Decimation() {
    }

    /** The most points {@link #minMax} keeps for {@code columns} pixel columns. */
    static int cap(int columns) {
        return POINTS_PER_COLUMN * columns + 2;
    }

    /**
     * The points of ({@code xs}, {@code ys}) that a chart {@code columns} pixels wide needs; {@code xs} in
     * increasing order. A line with at most {@link #cap} points is returned as it is.
     */
    static Line minMax(double[] xs, double[] ys, int columns) {
        if (xs.length != ys.length) {
            throw new IllegalArgumentException(xs.length + " x values but " + ys.length + " y values");
        }
        if (columns <= 0) {
            throw new IllegalArgumentException("columns must be positive: " + columns);
        }
        int n = xs.length;
        if (n <= cap(columns)) {
            return new Line(xs, ys);
        }
        double x0 = xs[0];
        double span = xs[n - 1] - x0;
        int[] kept = new int[n]; // x values out of order would only make more, shorter runs per column
        int count = keep(kept, 0, 0);
        int i = 0;
        while (i < n) {
            int column = column(xs[i], x0, span, columns);
            int min = -1;
            int max = -1;
            int gap = -1;
            for (; i < n && column(xs[i], x0, span, columns) == column; i++) {
                double y = ys[i];
                if (Double.isNaN(y)) {
                    gap = gap < 0 ? i : gap;
                } else {
                    min = min < 0 || y < ys[min] ? i : min;
                    max = max < 0 || y > ys[max] ? i : max;
                }
            }
            int[] chosen = {min, max, gap};
            Arrays.sort(chosen);
            for (int index : chosen) {
                count = keep(kept, count, index);
            }
        }
        count = keep(kept, count, n - 1);
        double[] keptX = new double[count];
        double[] keptY = new double[count];
        for (int k = 0; k < count; k++) {
            keptX[k] = xs[kept[k]];
            keptY[k] = ys[kept[k]];
        }
        return new Line(keptX, keptY);
    }

    /** The pixel column of {@code x}, 0 to {@code columns - 1}. */
    private static int column(double x, double x0, double span, int columns) {
        if (!(span > 0)) {
            return 0;
        }
        return (int) Math.min(columns - 1, Math.max(0, Math.floor((x - x0) / span * columns)));
    }

    /** Appends {@code index} to {@code kept} unless it is −1 (none) or already the last one kept. */
    private static int keep(int[] kept, int count, int index) {
        if (index < 0 || count > 0 && kept[count - 1] == index) {
            return count;
        }
        kept[count] = index;
        return count + 1;
    }
}
