package org.dlkit;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dlkit.backend.BackendChoice;
import org.dlkit.backend.Backends;
import org.dlkit.backend.Threads;
import org.dlkit.data.CsvFormat;
import org.dlkit.data.FeatureTransform;
import org.dlkit.data.ImageFolder;
import org.dlkit.data.LabelledData;
import org.dlkit.data.RawTable;
import org.dlkit.data.TableOptions;
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
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
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
    private final ModelInputs inputs;

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
        this.inputs = new ModelInputs(info);
    }

    /**
     * Reads a model directory written by {@link #save(Path, boolean)} (or {@code dlkit train}). As {@code fit} does,
     * first chooses the backend (auto, unless one was chosen) and gives this thread one OpenMP thread unless
     * {@code OMP_NUM_THREADS} is set: with ND4J's busy-waiting default, predicting 20,000 rows took 2-4x as long here.
     */
    public static TrainedClassifier load(Path dir) {
        Backends.selected().orElseGet(() -> Backends.start(BackendChoice.AUTO));
        Threads.tune();
        ModelDirectory.Loaded loaded = ModelDirectory.load(dir);
        Path historyFile = dir.resolve(SupervisionFiles.HISTORY);
        History history = Files.isRegularFile(historyFile) ? History.read(historyFile) : null;
        return new TrainedClassifier(loaded.network(), loaded.normalizer(), loaded.transform(), loaded.info(),
                EvaluationReport.fromMap(loaded.metrics()), loaded.metrics(), null, history);
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
     * {@link ModelInfo#classNames()}. For raw table rows use {@link #predict(RawTable, Consumer)}, for image files
     * {@link #predictImages(Path)}. A row of another width, or holding NaN or an infinity, is refused.
     */
    public double[][] predictProbabilities(double[][] features) {
        inputs.checkFeatures(features);
        if (features.length == 0) {
            return new double[0][];
        }
        INDArray x = Nd4j.create(features).castTo(network.getLayerWiseConfigurations().getDataType());
        return probabilities(x);
    }

    private double[][] probabilities(INDArray x) {
        normalizer.transform(x);
        // one bulk copy: INDArray.toDoubleMatrix() reads element by element (1.4 s for 20,000 rows of 3 classes)
        INDArray p = network.output(x, false).castTo(DataType.DOUBLE).dup('c');
        double[] flat = p.data().asDouble();
        int classes = (int) p.columns();
        double[][] rows = new double[(int) p.rows()][];
        for (int r = 0; r < rows.length; r++) {
            rows[r] = Arrays.copyOfRange(flat, r * classes, (r + 1) * classes);
        }
        return rows;
    }

    /**
     * Predicts raw rows as read from a table (a CSV through {@link RawTable#readCsv}, or {@link RawTable#ofRows}):
     * columns matched by name, in any order, the label column optional; the training transform applied (categories,
     * imputation); ids are the cells of the table's {@link RawTable#idColumn()} as written, or else the rows' lines
     * ("line"; "row" for {@link RawTable#ofRows}). Unseen categories, and blank lines skipped between the rows (they
     * get no prediction), are reported to {@code warnings}.
     */
    public Predictions predict(RawTable rows, Consumer<String> warnings) {
        inputs.checkTable(rows);
        transform.checkColumns(rows, info.labelName());
        String idColumn = rows.idColumn() != null ? rows.idColumn() : rows.lineWord();
        String blank = rows.blankLinesSkipped();
        if (blank != null) {
            warnings.accept(rows.source() + ": " + blank + "; they get no prediction" + (rows.idColumn() != null ? ""
                    : ", so match predictions to rows by the 'line' column, not by position"));
        }
        if (rows.numRows() == 0) {
            return new Predictions(idColumn, List.of(), info.classNames(), new double[0][]);
        }
        int[] all = IntStream.range(0, rows.numRows()).toArray();
        FeatureTransform.Encoded x = transform.encode(rows, all, warnings);
        INDArray features = Nd4j.create(x.values(), new long[] {x.rows(), x.columns()}, 'c')
                .castTo(network.getLayerWiseConfigurations().getDataType());
        List<String> ids = IntStream.of(all).mapToObj(r -> rows.idColumn() != null ? rows.id(r)
                : Long.toString(rows.line(r))).toList();
        return new Predictions(idColumn, ids, info.classNames(), probabilities(features));
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
        return predictCsv(csv, delimiter, null, warnings);
    }

    /**
     * {@link #predictCsv(Path, char, Consumer)} keyed by column {@code idColumn} (null: by line): its cells, as written
     * ({@code 007} and {@code 12345678901} unchanged), are the ids, headed by its name, as a Kaggle submission keys its
     * rows ({@code PassengerId}). It need not be a column the model was trained on; a name that is no column of the
     * file is refused in one line.
     */
    public Predictions predictCsv(Path csv, char delimiter, String idColumn, Consumer<String> warnings) {
        return predictCsv(csv, delimiter, false, idColumn, warnings);
    }

    /**
     * {@link #predictCsv(Path, char, String, Consumer)}, the file's numbers read with decimal commas ({@code 1,5})
     * whatever the training file had when {@code decimalComma} (as {@link #readCsv} takes it).
     */
    public Predictions predictCsv(Path csv, char delimiter, boolean decimalComma, String idColumn,
                                  Consumer<String> warnings) {
        return predictCsv(csv, delimiter, decimalComma, idColumn, List.of(), warnings);
    }

    /**
     * {@link #predictCsv(Path, char, boolean, String, Consumer)} without the file's columns {@code ignore}
     * ({@link RawTable#without}): columns the model was not trained on, such as a note or a second ID
     * ({@code predict --ignore}); a name that is no column is refused in one line.
     */
    public Predictions predictCsv(Path csv, char delimiter, boolean decimalComma, String idColumn,
                                  Collection<String> ignore, Consumer<String> warnings) {
        return predict(transform.readCsv(csv, transform.csvFormat(delimiter, decimalComma), idColumn).without(ignore),
                warnings);
    }

    /**
     * The class probabilities of one raw row given as column name to value (numbers, booleans or text; null or a
     * missing-value text for a missing cell), in {@link ModelInfo#classNames()}'s order. A boolean matches the
     * training category that spells it in another case ({@code true} is pandas' {@code True}). A category unseen in
     * training encodes as all zeros without a word; {@link #predictProbabilities(Map, Consumer)} says so.
     */
    public double[] predictProbabilities(Map<String, ?> row) {
        return predictProbabilities(row, w -> { });
    }

    /**
     * {@link #predictProbabilities(Map)}, reporting to {@code warnings} what {@link #predictCsv} reports for a file: a
     * category unseen in training (encoded as all zeros), a text in a numeric column (read as missing).
     */
    public double[] predictProbabilities(Map<String, ?> row, Consumer<String> warnings) {
        List<String> names = new ArrayList<>(row.keySet());
        List<Object> values = names.stream().map(n -> (Object) row.get(n)).toList();
        return predict(apiRows("row", names, List.of(values)), warnings).probabilities()[0];
    }

    /** The predicted class of one raw row given as column name to value; silent as {@link #predictProbabilities(Map)}. */
    public String predict(Map<String, ?> row) {
        return predict(row, w -> { });
    }

    /** {@link #predict(Map)}, reporting to {@code warnings} as {@link #predictProbabilities(Map, Consumer)} does. */
    public String predict(Map<String, ?> row, Consumer<String> warnings) {
        return info.classNames().get(Predictions.argmax(predictProbabilities(row, warnings)));
    }

    /**
     * The predicted class of each raw row, {@code columns} naming the values of each row. Unseen categories are not
     * reported; {@link #predict(List, List, Consumer)} reports them.
     */
    public List<String> predict(List<String> columns, List<? extends List<?>> rows) {
        return predict(columns, rows, w -> { });
    }

    /**
     * {@link #predict(List, List)}, reporting to {@code warnings} what {@link #predictCsv} reports for a file, once per
     * column (rows counted from 1): categories unseen in training, texts in a numeric column.
     */
    public List<String> predict(List<String> columns, List<? extends List<?>> rows, Consumer<String> warnings) {
        Predictions p = predict(apiRows("rows", columns, rows), warnings);
        return IntStream.range(0, p.size()).mapToObj(p::predicted).toList();
    }

    /**
     * Rows given in Java as a table: read with the model's missing-value texts, a {@link Boolean} written as the
     * training rows wrote it ({@code True} for {@code true}: {@link FeatureTransform#booleansAsTrained}).
     */
    private RawTable apiRows(String source, List<String> columns, List<? extends List<?>> rows) {
        return RawTable.ofRows(source, columns, transform.booleansAsTrained(columns, rows), transform.missingValues(),
                transform.schema().codeColumns());
    }

    /**
     * Predicts every image in {@code images} and its sub-folders (class folders or not), or the one image file it
     * names, resampled to {@link #imageSize()}; ids are the files. Refused for a model trained on table columns.
     */
    public Predictions predictImages(Path images) {
        inputs.checkImages(images);
        List<Path> files = ImageFolder.imagesUnder(images);
        return new Predictions("file", files.stream().map(Path::toString).toList(), info.classNames(),
                predictProbabilities(ImageFolder.pixels(files, inputs.imageSize())));
    }

    /**
     * The size (height x width) images are resampled to for this network, as trained with {@code --image-size}; null
     * for a model trained on table columns.
     */
    public ImageFolder.Size imageSize() {
        return inputs.imageSize();
    }

    /**
     * Evaluates on labelled rows of some or all of this model's classes (matched by name; another class is refused):
     * rows read as in training ({@link LabelledData#fromCsv}), or images at {@link #imageSize()}.
     */
    public EvaluationReport evaluate(LabelledData data) {
        return evaluate(data, w -> { });
    }

    /**
     * Evaluates on a labelled CSV read as the training file was ({@link #readCsv}: the model's label column, classes,
     * missing-value texts and decimal mark; the delimiter detected). Refused for a model trained on images.
     */
    public EvaluationReport evaluateCsv(Path csv, Consumer<String> warnings) {
        return evaluate(readCsv(csv, null, CsvFormat.DETECT, false), warnings);
    }

    /**
     * Evaluates on a folder of images with one sub-folder per class, named as the model's classes (some of them
     * suffice), resampled to {@link #imageSize()}. Refused for a model trained on table columns.
     */
    public EvaluationReport evaluateImages(Path dir) {
        inputs.checkImages(dir);
        return evaluate(ImageFolder.load(dir, inputs.imageSize(), info.classNames()));
    }

    /**
     * The labelled rows of {@code csv} read as this model's training file was: its classes (a row of another class is
     * refused, naming its line), its missing-value texts, its decimal mark (decimal commas when the training file had
     * them, unless this file is comma-separated). {@code label}: the label column, null for the model's;
     * {@code delimiter}: {@link CsvFormat#DETECT} or the one given; {@code decimalComma}: read decimal commas whatever
     * the training file had.
     */
    public LabelledData readCsv(Path csv, String label, char delimiter, boolean decimalComma) {
        inputs.checkCsv(csv);
        return LabelledData.fromCsv(csv, label != null ? label : info.labelName(), info.classNames(),
                TableOptions.DEFAULT.withMissingValues(transform.missingValues())
                        .withFormat(transform.csvFormat(delimiter, decimalComma)), transform.schema().codeColumns());
    }

    /**
     * Evaluates on labelled rows, reporting unseen categories and the rows left out for a missing label to
     * {@code warnings}.
     */
    public EvaluationReport evaluate(LabelledData data, Consumer<String> warnings) {
        inputs.checkLabelled(data);
        if (data.unlabelledRows() > 0) {
            warnings.accept(String.format(Locale.ROOT,
                    "%s: %d row%s without a label (column '%s') left out of the evaluation",
                    data.source(), data.unlabelledRows(), data.unlabelledRows() == 1 ? "" : "s", data.labelName()));
        }
        DataSet ds = transform.dataSet(data.withClasses(info.classNames()),
                network.getLayerWiseConfigurations().getDataType(), warnings).data();
        normalizer.transform(ds);
        return EvaluationReport.of(network, ds.getFeatures(), ds.getLabels(), info.classNames());
    }

    /**
     * The model as it was saved, the way {@link Classifier#explain} describes a network before training: what it
     * predicts, each feature column and what was learnt of it (or the image size), each DL4J layer (sizes, parameters,
     * activation, init, loss), the settings recorded at training and the held-out metrics; with the DL4J
     * configuration.
     */
    public Explanation explain() {
        return new Explanation(ModelSummary.lines(network, info, transform, storedMetrics),
                List.of(), network.getLayerWiseConfigurations());
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
     * The evaluation on the held-out rows of the training run; for a loaded model the one it was saved with (from
     * {@code metadata.json}; null if that holds none).
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
