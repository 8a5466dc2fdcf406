package org.dlkit.supervise;

import org.dlkit.eval.EvaluationReport;
import org.dlkit.model.Json;
import org.dlkit.model.ModelInfo;
import org.dlkit.train.TrainingResult;
import org.knowm.xchart.XYChart;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The files a supervised run adds to its model directory. */
public final class SupervisionFiles {

    public static final String HISTORY = "history.csv";
    public static final String LAYER_STATS = "layer-stats.csv";
    public static final String LOSS_PNG = "loss.png";
    public static final String ACCURACY_PNG = "accuracy.png";
    public static final String LAYERS_PNG = "layers.png";
    public static final String TRAINING_JSON = "training.json";
    public static final String REPORT = "report.html";

    private SupervisionFiles() {
    }

    /**
     * Writes into {@code dir}: {@code history.csv} (per epoch), {@code layer-stats.csv} (per check and layer),
     * {@code loss.png}, {@code accuracy.png}, {@code layers.png} (when there are layer statistics),
     * {@code training.json} (how the run ended, warnings, thresholds) and {@code report.html}.
     */
    public static void write(Path dir, ModelInfo info, TrainingRecord record, EvaluationReport evaluation)
            throws IOException {
        TrainingResult result = record.result();
        Files.writeString(dir.resolve(HISTORY), record.history().toCsv());
        StringBuilder stats = new StringBuilder(LayerStats.CSV_HEADER).append('\n');
        record.layerStats().forEach(s -> stats.append(s.csvLine()).append('\n'));
        Files.writeString(dir.resolve(LAYER_STATS), stats);

        List<List<XYChart>> charts = new ArrayList<>(List.of(
                List.of(TrainingCharts.loss(record.history(), result.bestEpoch())),
                List.of(TrainingCharts.accuracy(record.history(), result.bestEpoch()))));
        List<String> files = new ArrayList<>(List.of(LOSS_PNG, ACCURACY_PNG));
        List<String> captions = new ArrayList<>(List.of("Loss per epoch: training and validation",
                "Accuracy per epoch: training and validation"));
        if (!record.layerStats().isEmpty()) {
            charts.add(TrainingCharts.layers(record.layerStats()));
            files.add(LAYERS_PNG);
            captions.add("Per-layer statistics over the iterations");
        }
        List<byte[]> pngs = ChartImages.pngs(charts);
        List<TrainingReport.Figure> figures = new ArrayList<>();
        for (int i = 0; i < pngs.size(); i++) {
            Files.write(dir.resolve(files.get(i)), pngs.get(i));
            figures.add(new TrainingReport.Figure(captions.get(i), pngs.get(i)));
        }

        Map<String, Object> training = new LinkedHashMap<>();
        training.put("epochs", result.epochs());
        training.put("kept_epoch", result.bestEpoch());
        training.put("stopped_early", result.stoppedEarly());
        training.put("stop_reason", result.stopReason());
        training.put("resumed_from_epoch", result.resumedFrom());
        training.put("warnings", record.warnings());
        training.put("diagnostic_thresholds", record.thresholds());
        Json.write(dir.resolve(TRAINING_JSON), training);

        Files.writeString(dir.resolve(REPORT), TrainingReport.html(info, record, evaluation, figures));
    }
}
