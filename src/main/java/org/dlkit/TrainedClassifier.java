package org.dlkit;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dlkit.data.LabelledData;
import org.dlkit.eval.EvaluationReport;
import org.dlkit.model.ModelDirectory;
import org.dlkit.model.ModelInfo;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
import org.nd4j.linalg.factory.Nd4j;

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

    TrainedClassifier(MultiLayerNetwork network, DataNormalization normalizer, ModelInfo info, EvaluationReport evaluation) {
        this(network, normalizer, info, evaluation, evaluation.toMap());
    }

    private TrainedClassifier(MultiLayerNetwork network, DataNormalization normalizer, ModelInfo info,
                              EvaluationReport evaluation, Map<String, Object> storedMetrics) {
        this.network = network;
        this.normalizer = normalizer;
        this.info = info;
        this.evaluation = evaluation;
        this.storedMetrics = storedMetrics;
    }

    /** Reads a model directory written by {@link #save(Path, boolean)} (or {@code dlkit train}). */
    public static TrainedClassifier load(Path dir) {
        ModelDirectory.Loaded loaded = ModelDirectory.load(dir);
        return new TrainedClassifier(loaded.network(), loaded.normalizer(), loaded.info(), null, loaded.metrics());
    }

    /** Writes {@code model.zip} and {@code metadata.json} into {@code dir} atomically; replaces it only if {@code force}. */
    public void save(Path dir, boolean force) {
        ModelDirectory.save(dir, network, normalizer, info, storedMetrics, force);
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

    /** The metrics as written to {@code metadata.json}. */
    public Map<String, Object> storedMetrics() {
        return storedMetrics;
    }
}
