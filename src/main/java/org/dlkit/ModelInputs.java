package org.dlkit;

import org.dlkit.data.ImageFolder;
import org.dlkit.data.LabelledData;
import org.dlkit.data.RawTable;
import org.dlkit.error.DlkitException;
import org.dlkit.model.ModelInfo;

import java.nio.file.Path;
import java.util.List;

/**
 * What a trained model may be given, checked against what it was trained on ({@link ModelInfo}): table rows for a model
 * trained on table columns, images at its size for a model trained on images, feature arrays of its input width with
 * finite numbers, labelled rows whose classes are among its classes. Each mismatch is one {@link DlkitException}
 * naming the input and what was expected, before DL4J sees a wrong shape or scores rows against the wrong classes.
 */
final class ModelInputs {

    /** Column names listed in a message: at most this many, then how many there are. */
    private static final int NAMES_SHOWN = 6;

    private final ModelInfo info;
    private final ImageFolder.Size imageSize;

    ModelInputs(ModelInfo info) {
        this.info = info;
        this.imageSize = info.imageSize();
    }

    /** The image size the network reads, or null for a model trained on table columns. */
    ImageFolder.Size imageSize() {
        return imageSize;
    }

    /** Table rows for a model trained on images are refused, unless they hold every pixel column by name. */
    void checkTable(RawTable rows) {
        if (imageSize != null && !rows.names().containsAll(info.featureNames())) {
            throw trainedOnImages(rows.source());
        }
    }

    /** A labelled CSV for a model trained on images is refused before it is read. */
    void checkCsv(Path csv) {
        if (imageSize != null) {
            throw trainedOnImages(csv);
        }
    }

    /** Images for a model trained on table columns are refused. */
    void checkImages(Path images) {
        if (imageSize == null) {
            throw trainedOnTable(images);
        }
    }

    /** Labelled rows of the other input kind, or images at another size, are refused. */
    void checkLabelled(LabelledData data) {
        ImageFolder.Size given = ImageFolder.Size.ofFeatures(data.featureNames());
        if (imageSize != null && given == null) {
            throw trainedOnImages(data.source());
        }
        if (imageSize == null && given != null) {
            throw trainedOnTable(data.source());
        }
        if (imageSize != null && !imageSize.equals(given)) {
            throw new DlkitException(data.source() + ": images at " + given + " pixels; the model reads " + imageSize
                    + ": load them with ImageFolder.load(dir, model.imageSize(), model.info().classNames())");
        }
    }

    /**
     * Fails unless {@code features} holds rows of the network's input width, every value finite: what
     * {@code predictProbabilities(double[][])} takes, the inputs before standardisation.
     */
    void checkFeatures(double[][] features) {
        int width = info.featureNames().size();
        if (features == null) {
            throw new DlkitException("features: null; expected one row of " + expectedInputs() + " values per example");
        }
        for (int r = 0; r < features.length; r++) {
            double[] row = features[r];
            if (row == null) {
                throw new DlkitException("features: row " + r + " is null; expected " + expectedInputs() + " values");
            }
            if (row.length != width) {
                throw new DlkitException("features: row " + r + " has " + row.length + " values; expected "
                        + expectedInputs() + ", the network's inputs before standardisation");
            }
            for (int c = 0; c < width; c++) {
                if (!Double.isFinite(row[c])) {
                    throw new DlkitException("features: row " + r + ", column " + c + " (" + info.featureNames().get(c)
                            + "): " + row[c] + "; expected a finite number (for a gap, give the raw row to "
                            + "predict(Map) with null: it is imputed as in training)");
                }
            }
        }
    }

    private DlkitException trainedOnImages(Path source) {
        return new DlkitException(source + ": the model was trained on images (" + imageSize + " pixels), not table "
                + "columns; give it images: predictImages(path), or evaluate(ImageFolder.load(dir, model.imageSize(), "
                + "model.info().classNames()))");
    }

    private DlkitException trainedOnTable(Path source) {
        return new DlkitException(source + ": the model was trained on table columns (" + names() + "), not images; "
                + "give it rows: predictCsv(path, warnings), predict(Map), evaluate(LabelledData.fromCsv(...))");
    }

    private String expectedInputs() {
        int width = info.featureNames().size();
        return width + " (" + (imageSize != null ? imageSize + " pixels" : names()) + ")";
    }

    private String names() {
        List<String> names = info.featureNames();
        return names.size() <= NAMES_SHOWN ? String.join(", ", names)
                : String.join(", ", names.subList(0, NAMES_SHOWN)) + ", ... " + names.size() + " in all";
    }
}
