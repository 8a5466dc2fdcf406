package org.dlkit.supervise;

import org.dlkit.train.EpochRecord;
import org.dlkit.train.History;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A series of one point drawn as a line is invisible: after {@code --epochs 1} (or a run with one diagnostics check)
 * the charts showed axes and a legend but no data. One-point series are drawn as a marker; longer ones stay lines.
 */
class OneEpochChartsTest {

    private static History epochs(int n) {
        History h = new History();
        for (int e = 1; e <= n; e++) {
            h.add(new EpochRecord(e, 1.0 / e, 0.5, 1.1 / e, 0.4));
        }
        return h;
    }

    @Test
    void aOneEpochHistoryIsDrawnAsPoints() {
        for (XYChart chart : List.of(TrainingCharts.loss(epochs(1), 1), TrainingCharts.accuracy(epochs(1), 1))) {
            for (String name : List.of("training", "validation")) {
                XYSeries s = series(chart, name);
                assertNotEquals(SeriesMarkers.NONE, s.getMarker(), chart.getTitle() + ": " + s.getName());
            }
        }
    }

    @Test
    void longerHistoriesStayLines() {
        XYChart chart = TrainingCharts.loss(epochs(3), 3);
        assertEquals(SeriesMarkers.NONE, series(chart, "training").getMarker());
        assertEquals(SeriesMarkers.NONE, series(chart, "validation").getMarker());
    }

    @Test
    void oneDiagnosticsCheckIsDrawnAsPoints() {
        List<LayerStats> one = List.of(new LayerStats(0, 1, 0, "relu", 0.4, 0.7, 0.0, Double.NaN, 0.7, 0.004),
                new LayerStats(0, 1, 1, "softmax", Double.NaN, Double.NaN, Double.NaN, Double.NaN, 1.6, 0.01));
        List<XYChart> panels = TrainingCharts.layers(one);
        for (XYChart panel : panels) {
            int layerSeries = 0;
            for (XYSeries s : panel.getSeriesMap().values()) {
                if (s.getName().startsWith("layer")) {
                    assertNotEquals(SeriesMarkers.NONE, s.getMarker(), panel.getTitle() + ": " + s.getName());
                    layerSeries++;
                }
            }
            assertTrue(layerSeries > 0, panel.getTitle() + " draws layer 0's point: " + panel.getSeriesMap().keySet());
        }
    }

    private static XYSeries series(XYChart chart, String prefix) {
        return chart.getSeriesMap().values().stream().filter(s -> s.getName().startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError(chart.getTitle() + " has no series " + prefix));
    }
}
