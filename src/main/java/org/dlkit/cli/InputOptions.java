package org.dlkit.cli;

import org.dlkit.error.DlkitException;
import org.dlkit.data.CsvFormat;
import org.dlkit.data.ImageFolder;
import org.dlkit.data.FeatureTransform;
import org.dlkit.data.LabelledData;
import org.dlkit.data.MissingPolicy;
import org.dlkit.data.MissingValues;
import org.dlkit.data.TableOptions;
import org.dlkit.model.ModelInfo;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;

/** Where labelled rows come from: a CSV ({@code --data}, {@code --label}) or an image folder ({@code --images}). */
final class InputOptions {

    @Option(names = "--data", paramLabel = "CSV", description = "A CSV with a header row (default: the bundled datasets/iris.csv).")
    Path data;

    @Option(names = "--label", paramLabel = "COLUMN", description = "Label column: name or 0-based index (default: the last).")
    String label;

    @Option(names = "--images", paramLabel = "DIR",
            description = "An image folder with one sub-folder per class, instead of --data (card 25).")
    Path images;

    @Option(names = "--image-size", paramLabel = "HxW", defaultValue = "28x28",
            description = "Images are resampled to this size, then flattened (default: ${DEFAULT-VALUE}).")
    String imageSize;

    @Option(names = "--categorical", split = ",", paramLabel = "COLUMN",
            description = "Read these columns as categories (one-hot encoded), e.g. integer codes.")
    List<String> categorical = List.of();

    @Option(names = "--numeric", split = ",", paramLabel = "COLUMN",
            description = "Read these columns as numbers, e.g. an integer column that looks like a row ID.")
    List<String> numeric = List.of();

    @Option(names = "--ignore", split = ",", paramLabel = "COLUMN", description = "Leave these columns out.")
    List<String> ignore = List.of();

    @Option(names = "--missing", paramLabel = "POLICY", defaultValue = "impute",
            description = "Rows with a missing feature value: impute (median / most frequent category of the training "
                    + "rows), drop or error (default: ${DEFAULT-VALUE}).")
    String missing;

    @Option(names = "--missing-values", split = ",", paramLabel = "TEXT",
            description = "Cells that mean 'no value' besides the empty cell (default: NA,N/A,null,?,NaN).")
    List<String> missingValues;

    @Option(names = "--delimiter", paramLabel = "D",
            description = "The CSV's cell delimiter: ',', ';', tab (or \\t) or '|' (default: detected from the header "
                    + "line).")
    String delimiter;

    @Option(names = "--decimal-comma",
            description = "Numbers are written with decimal commas (1,5 or 1.234,5), as European spreadsheets export "
                    + "them; needs a delimiter other than ','. Saved with the model, so predict reads the same way.")
    boolean decimalComma;

    @Option(names = "--max-categories", paramLabel = "N", defaultValue = "50",
            description = "A text column with more distinct values is left out (an ID, a name, free text) unless "
                    + "--categorical names it (default: ${DEFAULT-VALUE}).")
    int maxCategories;

    /** The table options from the flags. */
    TableOptions tableOptions() {
        int max = OptionErrors.positive("--max-categories", maxCategories);
        return TableOptions.DEFAULT.withCategorical(categorical).withNumeric(numeric).withIgnore(ignore)
                .withMissing(MissingPolicy.byName(missing)).withMaxCategories(max)
                .withMissingValues(missingValues == null ? MissingValues.DEFAULT : new MissingValues(missingValues))
                .withDelimiter(CsvFormat.delimiterNamed(delimiter)).withDecimalComma(decimalComma);
    }

    /** The labelled rows, with classes inferred. */
    LabelledData load() {
        return load(null, null, null, tableOptions());
    }

    /** Labelled rows for a trained model: its classes, its label column, and for images its input size. */
    LabelledData loadFor(ModelInfo model, FeatureTransform transform) {
        if (data == null && images == null) {
            throw new DlkitException("no data given; expected --data CSV or --images DIR");
        }
        ImageFolder.Size size = null;
        if (images != null) {
            size = ImageFolder.Size.ofFeatures(model.featureNames());
            if (size == null) {
                throw new DlkitException("--images: the model was trained on CSV columns, not images; use --data");
            }
        }
        CsvFormat format = transform.csvFormat(CsvFormat.delimiterNamed(delimiter));
        return load(model.classNames(), size, model.labelName(), TableOptions.DEFAULT
                .withMissingValues(transform.missingValues())
                .withFormat(decimalComma ? format.withDecimal(CsvFormat.Decimal.COMMA) : format));
    }

    private LabelledData load(List<String> classes, ImageFolder.Size size, String defaultLabel, TableOptions options) {
        if (images != null && data != null) {
            throw new DlkitException("--data and --images both given; choose one");
        }
        if (images != null) {
            return ImageFolder.load(images, size != null ? size : ImageFolder.Size.parse(imageSize), classes);
        }
        Path csv = data != null ? data : Launcher.bundledDataset("iris.csv");
        return LabelledData.fromCsv(csv, label != null ? label : defaultLabel, classes, options);
    }

    /** Makes relative input paths relative to {@code dir} (a resumed run's original working directory). */
    void resolveAgainst(Path dir) {
        data = data == null ? null : dir.resolve(data);
        images = images == null ? null : dir.resolve(images);
    }

    /** A short name for the input, for default output names. */
    Path source() {
        return images != null ? images : data != null ? data : Launcher.bundledDataset("iris.csv");
    }
}
