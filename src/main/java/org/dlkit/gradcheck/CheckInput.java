package org.dlkit.gradcheck;

import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.dlkit.data.FeatureTransform;
import org.dlkit.data.ImageFolder;
import org.dlkit.data.LabelledData;
import org.dlkit.data.TableOptions;
import org.dlkit.error.DlkitException;
import org.dlkit.model.ModelDirectory;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A network to gradient-check and how to read rows for it from a CSV: a dlkit model directory (with its label
 * column, classes and the normaliser fitted in training), a directory holding a plain DL4J {@code model.zip}, or a
 * network in memory.
 *
 * <pre>{@code
 * CheckInput input = CheckInput.ofModel(Path.of("models/iris"));
 * DataSet batch = input.rows(Path.of("datasets/iris.csv"), 5);
 * GradientCheck.of(input.network(), batch.getFeatures(), batch.getLabels());
 * }</pre>
 */
public final class CheckInput {

    private final MultiLayerNetwork network;
    /** null for a plain DL4J model or a network in memory. */
    private final DataNormalization normalizer;
    /** The label column and classes of a dlkit model; null otherwise (the label is the CSV's last column). */
    private final String labelName;
    private final List<String> classNames;
    /** The feature transform learnt in training (a dlkit model); null otherwise (learnt from the CSV read). */
    private final FeatureTransform transform;

    private CheckInput(MultiLayerNetwork network, DataNormalization normalizer, String labelName,
                       List<String> classNames, FeatureTransform transform) {
        this.network = network;
        this.normalizer = normalizer;
        this.labelName = labelName;
        this.classNames = classNames;
        this.transform = transform;
    }

    /** A network in memory: CSV labels are read from the last column. */
    public static CheckInput of(MultiLayerNetwork network) {
        return new CheckInput(network, null, null, null, null);
    }

    /**
     * A saved model: a dlkit model directory (model.zip and metadata.json), or a directory with a plain DL4J
     * {@code model.zip} and no dlkit metadata.
     *
     * @throws DlkitException naming the directory when neither is there or the zip cannot be read
     */
    public static CheckInput ofModel(Path dir) {
        if (!Files.isDirectory(dir) || Files.isRegularFile(dir.resolve(ModelDirectory.METADATA_FILE))) {
            // a dlkit model directory, or none: ModelDirectory names what is wrong (missing, a file, a .partial)
            ModelDirectory.Loaded loaded = ModelDirectory.load(dir);
            return new CheckInput(loaded.network(), loaded.normalizer(), loaded.info().labelName(),
                    loaded.info().classNames(), loaded.transform());
        }
        Path zip = dir.resolve(ModelDirectory.MODEL_FILE);
        if (!Files.isRegularFile(zip)) {
            throw new DlkitException("model directory " + dir + ": no " + ModelDirectory.MODEL_FILE
                    + " in that directory");
        }
        try {
            return of(ModelSerializer.restoreMultiLayerNetwork(zip.toFile(), false));
        } catch (IOException | RuntimeException e) {
            throw new DlkitException(zip + ": not a readable DL4J model (" + e.getMessage() + ")", e);
        }
    }

    public MultiLayerNetwork network() {
        return network;
    }

    /** Reads {@code csv} with this model's label column and classes (the last column for a plain network). */
    public LabelledData read(Path csv) {
        ImageFolder.Size pixels = transform == null ? null : ImageFolder.Size.ofFeatures(transform.outputNames());
        if (pixels != null) {
            throw new DlkitException("--data " + csv + ": the model was trained on images (" + pixels + " pixels), "
                    + "not CSV columns; leave --data out to check it on a random batch");
        }
        return labelName == null ? LabelledData.fromCsv(csv, null) : LabelledData.fromCsv(csv, labelName, classNames,
                TableOptions.DEFAULT.withMissingValues(transform.missingValues()), transform.schema().codeColumns());
    }

    /**
     * The first {@code rows} rows of {@code csv} as a mini-batch, labels encoded for the network's output layer
     * (one-hot classes for an MCXENT output, the label's number for a single other output), features normalised
     * as in training when the model has a normaliser.
     */
    public DataSet rows(Path csv, int rows) {
        return rows(read(csv), rows);
    }

    /** {@link #rows(Path, int)} from rows already read. */
    public DataSet rows(LabelledData data, int rows) {
        CheckBatch.requireRows(rows);
        int nOut = AutodiffNetwork.of(network).outputs();
        boolean classes = lossOf(network) instanceof LossMCXENT;
        String source = String.valueOf(data.source());
        if (classes && data.numClasses() != nOut) {
            throw new DlkitException(source + ": " + data.numClasses() + " classes in the label column but the network"
                    + " has " + nOut + " outputs");
        }
        if (!classes && nOut != 1) {
            throw new DlkitException(source + ": one label column cannot fill " + nOut + " non-softmax outputs");
        }
        LabelledData first = data.rows(IntStream.range(0, Math.min(rows, data.numExamples())).toArray());
        FeatureTransform features = transform != null ? transform : FeatureTransform.fit(data, warning -> { });
        DataSet batch = classes ? features.dataSet(first, DataType.DOUBLE, warning -> { }).data()
                : regression(first, features, source);
        if (normalizer != null) {
            normalizer.preProcess(batch);
        }
        return batch;
    }

    private static DataSet regression(LabelledData first, FeatureTransform features, String source) {
        INDArray x = features.dataSet(first, DataType.DOUBLE, warning -> { }).data().getFeatures();
        double[][] y = new double[first.numExamples()][1];
        int[] labels = first.labels();
        for (int r = 0; r < y.length; r++) {
            String value = first.classNames().get(labels[r]);
            try {
                y[r][0] = Double.parseDouble(value);
            } catch (NumberFormatException e) {
                throw new DlkitException(source + ": label '" + value + "' is not a number; a regression loss"
                        + " needs numeric labels");
            }
        }
        return new DataSet(x, Nd4j.create(y));
    }

    private static ILossFunction lossOf(MultiLayerNetwork net) {
        var layer = net.getOutputLayer().conf().getLayer();
        return layer instanceof BaseOutputLayer out ? out.getLossFn()
                : layer instanceof LossLayer loss ? loss.getLossFn() : null;
    }
}
