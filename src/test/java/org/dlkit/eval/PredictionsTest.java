package org.dlkit.eval;

import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PredictionsTest {

    /** The CSV's probabilities are written exactly as {@code %.6f} writes them, halves and edge values included. */
    @Test
    void sixDecimalsAreThoseOfTheFormatter() {
        double[] edges = {0, -0.0, 1, 0.5, 1e-7, 5e-7, 4.999999e-7, 0.0000005, 0.0000015, 0.9999995, 0.99999949999,
                0.1234565, 0.1234575, 2.5e-7, 1e-300, Double.MIN_VALUE, 123456.7890125, -0.0000005, -0.25,
                Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (double p : edges) {
            assertEquals(String.format(Locale.ROOT, "%.6f", p), Predictions.sixDecimals(p), "for " + p);
        }
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 200_000; i++) {
            double p = i % 2 == 0 ? random.nextDouble() : (float) random.nextDouble();   // float outputs, widened
            assertEquals(String.format(Locale.ROOT, "%.6f", p), Predictions.sixDecimals(p), "for " + p);
        }
    }
}
