package org.dlkit.experiment;

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
}
