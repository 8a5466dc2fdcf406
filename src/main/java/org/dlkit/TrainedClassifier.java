package org.dlkit;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dlkit.data.CsvFormat;
import org.dlkit.data.FeatureTransform;
import org.dlkit.data.LabelledData;
import org.dlkit.data.RawTable;
import org.dlkit.eval.Predictions;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * A trained network with everything needed to use it: the normaliser fitted on its training data, its feature and class
 * names, and its evaluation on held-out data. {@link #network()} is the plain DL4J network.
 */
public final class TrainedClassifier {

    private final MultiLayerNetwork network;
    private final DataNormalization normalizer;
    private final FeatureTransform transform;
    private final ModelInfo info;
    private final EvaluationReport evaluation;
    private final Map<String, Object> storedMetrics;
    private final TrainingRecord training;
    private final History history;

    TrainedClassifier(MultiLayerNetwork network, DataNormalization normalizer, FeatureTransform transform, ModelInfo info,
                      EvaluationReport evaluation, TrainingRecord training) {
        this(network, normalizer, transform, info, evaluation, evaluation.toMap(), training, training.history());
    }

    private TrainedClassifier(MultiLayerNetwork network, DataNormalization normalizer, FeatureTransform transform,
                              ModelInfo info, EvaluationReport evaluation, Map<String, Object> storedMetrics,
                              TrainingRecord training, History history) {
        this.network = network;
        this.normalizer = normalizer;
        this.transform = transform;
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
        return new TrainedClassifier(loaded.network(), loaded.normalizer(), loaded.transform(), loaded.info(), null,
                loaded.metrics(), null, history);
    }

    /**
     * Writes {@code model.zip} and {@code metadata.json} into {@code dir} atomically, with the run's history, charts
     * and report when it was trained here; replaces {@code dir} only if {@code force}.
     */
    public void save(Path dir, boolean force) {
        ModelDirectory.save(dir, network, normalizer, transform, info, storedMetrics, force, tmp -> {
            if (training != null) {
                SupervisionFiles.write(tmp, info, training, evaluation);
            }
        });
    }

    /**
     * Class probabilities, one row per row of {@code features}: the network's inputs (numbers and one-hot columns as
     * named by {@link ModelInfo#featureNames()}, image pixels), before standardisation. Columns as
     * {@link ModelInfo#classNames()}. For raw table rows use {@link #predict(RawTable, Consumer)}.
     */
    public double[][] predictProbabilities(double[][] features) {
        INDArray x = Nd4j.create(features).castTo(network.getLayerWiseConfigurations().getDataType());
        return probabilities(x);
    }

    private double[][] probabilities(INDArray x) {
        normalizer.transform(x);
        return network.output(x, false).castTo(DataType.DOUBLE).toDoubleMatrix();
    }

    /**
     * Predicts raw rows as read from a table (a CSV through {@link RawTable#readCsv}, or {@link RawTable#ofRows}):
     * columns matched by name, in any order, the label column optional; the training transform applied (categories,
     * imputation); ids are the rows' lines. Unseen categories are reported to {@code warnings}.
     */
    public Predictions predict(RawTable rows, Consumer<String> warnings) {
        transform.checkColumns(rows, info.labelName());
        int[] all = IntStream.range(0, rows.numRows()).toArray();
        FeatureTransform.Encoded x = transform.encode(rows, all, warnings);
        INDArray features = Nd4j.create(x.values(), new long[] {x.rows(), x.columns()}, 'c')
                .castTo(network.getLayerWiseConfigurations().getDataType());
        List<String> ids = IntStream.of(all).mapToObj(r -> Long.toString(rows.line(r))).toList();
        return new Predictions("line", ids, info.classNames(), probabilities(features));
    }

    /**
     * Predicts every row of a CSV (see {@link #predict(RawTable, Consumer)}), its delimiter detected, its numbers read
     * as in training (decimal commas when the training file had them, unless this file is comma-separated).
     */
    public Predictions predictCsv(Path csv, Consumer<String> warnings) {
        return predictCsv(csv, CsvFormat.DETECT, warnings);
    }

    /** {@link #predictCsv(Path, Consumer)} with the delimiter given ({@link CsvFormat#DETECT}: detected). */
    public Predictions predictCsv(Path csv, char delimiter, Consumer<String> warnings) {
        return predict(transform.readCsv(csv, delimiter), warnings);
    }

    /**
     * The class probabilities of one raw row given as column name to value (numbers or text; null or a missing-value
     * text for a missing cell), in {@link ModelInfo#classNames()}'s order.
     */
    public double[] predictProbabilities(Map<String, ?> row) {
        List<String> names = new ArrayList<>(row.keySet());
        List<Object> values = names.stream().map(n -> (Object) row.get(n)).toList();
        return predict(RawTable.ofRows("row", names, List.of(values), transform.missingValues()), w -> { })
                .probabilities()[0];
    }

    /** The predicted class of one raw row given as column name to value. */
    public String predict(Map<String, ?> row) {
        return info.classNames().get(Predictions.argmax(predictProbabilities(row)));
    }

    /** The predicted class of each raw row, {@code columns} naming the values of each row. */
    public List<String> predict(List<String> columns, List<? extends List<?>> rows) {
        Predictions p = predict(RawTable.ofRows("rows", columns, rows, transform.missingValues()), w -> { });
        return IntStream.range(0, p.size()).mapToObj(p::predicted).toList();
    }

    /** Evaluates on labelled rows, their classes matched to this model's by name. */
    public EvaluationReport evaluate(LabelledData data) {
        return evaluate(data, w -> { });
    }

    /**
     * Evaluates on labelled rows, reporting unseen categories to {@code warnings}; the rows' classes are matched to
     * this model's by name ({@link LabelledData#withClasses}), so a file read without the model's classes will do.
     */
    public EvaluationReport evaluate(LabelledData data, Consumer<String> warnings) {
        DataSet ds = transform.dataSet(data.withClasses(info.classNames()), network.getLayerWiseConfigurations().getDataType(), warnings).data();
        normalizer.transform(ds);
        return EvaluationReport.of(network, ds.getFeatures(), ds.getLabels(), info.classNames());
    }

    /** Raw rows to network inputs: the schema, categories and imputation values learnt from the training rows. */
    public FeatureTransform transform() {
        return transform;
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
