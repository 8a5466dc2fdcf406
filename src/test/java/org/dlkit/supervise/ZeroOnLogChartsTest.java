package org.dlkit.supervise;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A gradient or update of exactly 0 (saturated softmax after SGD at rate 10) cannot be drawn on a log axis. It was
 * left out and the line joined its neighbours, drawing a smooth decline through checks where nothing flowed back,
 * and the panel's iterations ended at the last non-zero check. A zero is a gap in the line instead, the points are
 * marked so that one between gaps shows, and the title says what the gaps are.
 */
class ZeroOnLogChartsTest {

    private static final double[] GRADIENTS = {0.3, 70, 300, 0, 2.3, 0, 0};

    @Test
    void zerosAreGapsAtTheirIterationsNotJoinedOver() {
        List<LayerStats> stats = new ArrayList<>();
        for (int i = 0; i < GRADIENTS.length; i++) {
            double g = GRADIENTS[i];
            stats.add(new LayerStats(10 * i, i + 1, 0, "relu", 0.1, 1.0, 0.0, Double.NaN, g, g == 0 ? 0 : 0.01));
        }
        List<XYChart> panels = TrainingCharts.layers(stats);
        for (XYChart panel : List.of(panels.get(1), panels.get(2))) {
            XYSeries layer = panel.getSeriesMap().get("layer 0 (relu)");
            assertArrayEquals(new double[] {0, 10, 20, 30, 40, 50, 60}, layer.getXData(), panel.getTitle());
            double[] y = layer.getYData();
            for (int i = 0; i < GRADIENTS.length; i++) {
                assertTrue(GRADIENTS[i] == 0 ? Double.isNaN(y[i]) : y[i] > 0, panel.getTitle() + " point " + i);
            }
            assertNotEquals(SeriesMarkers.NONE, layer.getMarker(), "the point at 40 between two gaps shows");
            assertTrue(panel.getTitle().contains("gaps: exactly 0"), panel.getTitle());
        }
    }
}
