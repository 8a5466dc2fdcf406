package org.dlkit;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dlkit.data.LabelledData;
import org.dlkit.eval.EvaluationReport;
import org.dlkit.model.ModelDirectory;
import org.dlkit.model.ModelInfo;
import org.dlkit.supervise.SupervisionFiles;
import org.dlkit.supervise.TrainingRecord;
import org.dlkit.train.History;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A trained network with everything needed to use it: the normaliser fitted on its training data, its feature and class
 * names, and its evaluation on held-out data. {@link #network()} is the plain DL4J network.
 */
public final class TrainedClassifier {

    private final MultiLayerNetwork network;
    private final DataNormalization normalizer;
    private final ModelInfo info;
    private final EvaluationReport evaluation;
    private final Map<String, Object> storedMetrics;
    private final TrainingRecord training;
    private final History history;

    TrainedClassifier(MultiLayerNetwork network, DataNormalization normalizer, ModelInfo info, EvaluationReport evaluation,
                      TrainingRecord training) {
        this(network, normalizer, info, evaluation, evaluation.toMap(), training, training.history());
    }

    private TrainedClassifier(MultiLayerNetwork network, DataNormalization normalizer, ModelInfo info,
                              EvaluationReport evaluation, Map<String, Object> storedMetrics, TrainingRecord training,
                              History history) {
        this.network = network;
        this.normalizer = normalizer;
        this.info = info;
        this.evaluation = evaluation;
        this.storedMetrics = storedMetrics;
        this.training = training;
        this.history = history;
    }

    /** Reads a model directory written by {@link #save(Path, boolean)} (or {@code dlkit train}). */
    public static TrainedClassifier load(Path dir) {
        ModelDirectory.Loaded loaded = ModelDirectory.load(dir);
        Path historyFile = dir.resolve(SupervisionFiles.HISTORY);
        History history = Files.isRegularFile(historyFile) ? History.read(historyFile) : null;
        return new TrainedClassifier(loaded.network(), loaded.normalizer(), loaded.info(), null, loaded.metrics(), null,
                history);
    }

    /**
     * Writes {@code model.zip} and {@code metadata.json} into {@code dir} atomically, with the run's history, charts
     * and report when it was trained here; replaces {@code dir} only if {@code force}.
     */
    public void save(Path dir, boolean force) {
        ModelDirectory.save(dir, network, normalizer, info, storedMetrics, force, tmp -> {
            if (training != null) {
                SupervisionFiles.write(tmp, info, training, evaluation);
            }
        });
    }

    /** Class probabilities, one row per row of raw (not normalised) {@code features}, columns as {@link ModelInfo#classNames()}. */
    public double[][] predictProbabilities(double[][] features) {
        INDArray x = Nd4j.create(features).castTo(network.getLayerWiseConfigurations().getDataType());
        normalizer.transform(x);
        return network.output(x, false).castTo(DataType.DOUBLE).toDoubleMatrix();
    }

    /** Evaluates on labelled rows whose classes are this model's classes. */
    public EvaluationReport evaluate(LabelledData data) {
        DataSet ds = data.toDataSet(network.getLayerWiseConfigurations().getDataType());
        normalizer.transform(ds);
        return EvaluationReport.of(network, ds.getFeatures(), ds.getLabels(), info.classNames());
    }

    /** The DL4J network: inspect, fine-tune or serialise it directly. */
    public MultiLayerNetwork network() {
        return network;
    }

    /** The standardisation fitted on the training rows; apply it to raw features before {@code network().output}. */
    public DataNormalization normalizer() {
        return normalizer;
    }

    public ModelInfo info() {
        return info;
    }

    /**
     * The evaluation on the held-out rows of the training run; {@code null} for a loaded model (its metrics are in
     * {@link #storedMetrics()}).
     */
    public EvaluationReport evaluation() {
        return evaluation;
    }

    /**
     * Train and validation loss and accuracy per epoch; for a loaded model the {@code history.csv} it was saved with
     * (null if it has none).
     */
    public History history() {
        return history;
    }

    /**
     * What supervised the run: how it ended, the per-layer statistics and the diagnostics' warnings; null for a loaded
     * model.
     */
    public TrainingRecord training() {
        return training;
    }

    /** The metrics as written to {@code metadata.json}. */
    public Map<String, Object> storedMetrics() {
        return storedMetrics;
    }
}
