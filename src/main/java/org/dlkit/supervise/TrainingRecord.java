package org.dlkit.supervise;

import org.dlkit.train.History;
import org.dlkit.train.TrainingResult;

import java.util.List;

/**
 * Everything a supervised run observed: how it ended and its per-epoch history ({@code result}), the per-layer
 * statistics of the diagnostics, the warnings they gave, and the thresholds they used (null when they were off).
 */
public record TrainingRecord(TrainingResult result, List<LayerStats> layerStats, List<String> warnings,
                             DiagnosticThresholds thresholds) {

    public TrainingRecord {
        layerStats = List.copyOf(layerStats);
        warnings = List.copyOf(warnings);
    }

    public History history() {
        return result.history();
    }
}
