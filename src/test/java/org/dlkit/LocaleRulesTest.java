package org.dlkit;

import org.dlkit.activation.ActivationPlots;
import org.dlkit.activation.Activations;
import org.dlkit.activation.Cost;
import org.dlkit.supervise.TrainingCharts;
import org.dlkit.train.EpochRecord;
import org.dlkit.train.History;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** What dlkit draws and names is the same whatever the JVM's default locale (see {@link InLocale}). */
class LocaleRulesTest {

    /** A history whose losses and accuracies need decimals on the axes (0.25, 0.5, ...). */
    private static History history() {
        History history = new History();
        for (int e = 1; e <= 8; e++) {
            history.add(new EpochRecord(e, 1.2 / e, 0.3 + 0.08 * e, 1.3 / e, 0.25 + 0.08 * e));
        }
        return history;
    }

    private static byte[] png(Supplier<XYChart> chart, Locale locale) {
        return InLocale.call(locale, () -> {
            try {
                return BitmapEncoder.getBitmapBytes(chart.get(), BitmapEncoder.BitmapFormat.PNG);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** XChart formats tick labels in the JVM's locale unless told otherwise: 0,5 on a German machine. */
    @Test
    void chartsAreDrawnTheSameInEveryLocale() {
        History history = history();
        byte[] loss = png(() -> TrainingCharts.loss(history, 5), Locale.ROOT);
        byte[] accuracy = png(() -> TrainingCharts.accuracy(history, 5), Locale.ROOT);
        byte[] sigmoid = png(() -> ActivationPlots.chart(Activations.SIGMOID), Locale.ROOT);
        for (Locale locale : InLocale.HOSTILE) {
            assertArrayEquals(loss, png(() -> TrainingCharts.loss(history, 5), locale), "loss chart in " + locale);
            assertArrayEquals(accuracy, png(() -> TrainingCharts.accuracy(history, 5), locale),
                    "accuracy chart in " + locale);
            assertArrayEquals(sigmoid, png(() -> ActivationPlots.chart(Activations.SIGMOID), locale),
                    "sigmoid chart in " + locale);
        }
    }

    /** Turkish lower-cases HIGH to "hıgh". */
    @Test
    void activationCostsAreNamedInEnglishInTurkey() {
        for (Cost cost : Cost.values()) {
            assertEquals(cost.toString(), InLocale.call(InLocale.TURKISH, cost::toString));
        }
        assertEquals("high", InLocale.call(InLocale.TURKISH, Cost.HIGH::toString).split(" ")[0]);
    }
}
