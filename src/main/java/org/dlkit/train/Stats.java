package org.dlkit.train;

import java.util.Arrays;

/** Small summaries of measured series. */
final class Stats {

    private Stats() {
    }

    static double sum(long[] values) {
        double s = 0;
        for (long v : values) {
            s += v;
        }
        return s;
    }

    static double mean(long[] values) {
        return values.length == 0 ? Double.NaN : sum(values) / values.length;
    }

    static double median(long[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
    }

    /**
     * The standard deviation of d_t = x_{t+1} − x_t: sqrt(mean((d − mean(d))²)). A smooth curve has small, similar
     * steps; a noisy one jumps up and down. 0 for fewer than three points.
     */
    static double stdOfDifferences(double[] x) {
        int n = x.length - 1;
        if (n < 2) {
            return 0;
        }
        double mean = (x[n] - x[0]) / n;
        double squares = 0;
        for (int t = 0; t < n; t++) {
            double d = x[t + 1] - x[t] - mean;
            squares += d * d;
        }
        return Math.sqrt(squares / n);
    }
}
