package org.dlkit.cli;

import org.dlkit.TrainedClassifier;
import org.dlkit.data.CsvFormat;
import org.dlkit.data.ImageFolder;
import org.dlkit.data.LabelledData;
import org.dlkit.error.DlkitException;
import org.dlkit.eval.EvaluationReport;
import org.dlkit.model.ModelInfo;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.Objects;
import java.util.stream.Stream;

/** Where labelled rows come from: a CSV ({@code --data}, {@code --label}) or an image folder ({@code --images}). */
final class InputOptions {

    @Option(names = "--data", paramLabel = "CSV", description = "A CSV with a header row, gzipped or not; - reads "
            + "standard input (train, explain and gradient-descent read the bundled datasets/iris.csv when neither "
            + "--data nor --images is given).")
    Path data;

    @Option(names = "--label", paramLabel = "COLUMN", description = "Label column: name or 0-based index (default: "
            + "the last column; for evaluate, the model's label column).")
    String label;

    @Option(names = "--images", paramLabel = "DIR",
            description = "An image folder with one sub-folder per class, instead of --data (card 25).")
    Path images;

    @Option(names = "--delimiter", paramLabel = "D",
            description = "The CSV's cell delimiter: ',', ';', tab (or \\t) or '|' (default: detected from the header "
                    + "line).")
    String delimiter;

    @Option(names = "--decimal-comma",
            description = "Numbers are written with decimal commas (1,5 or 1.234,5), as European spreadsheets export "
                    + "them; needs a delimiter other than ','. Saved with the model, so predict reads the same way.")
    boolean decimalComma;

    /** The labelled rows, with classes inferred, read as {@code read} says. */
    LabelledData load(ReadOptions read) {
        checkSource(false, read.csvOptionsGiven());
        if (images != null) {
            return ImageFolder.load(images, read.imageSize());
        }
        read.checkForCsv();
        return LabelledData.fromCsv(csv(), label, null, read.tableOptions()
                .withDelimiter(CsvFormat.delimiterNamed(delimiter)).withDecimalComma(decimalComma));
    }

    /**
     * Evaluates a trained model on these labelled rows: its classes, its label column, and for images its size;
     * {@code ignore}: columns of the CSV left out ({@code --ignore}).
     */
    EvaluationReport evaluate(TrainedClassifier model, List<String> ignore, Consumer<String> warnings) {
        checkOneSource(ignore);
        checkKind(model.info(), data, images);
        return images != null ? model.evaluateImages(images)
                : model.evaluate(model.readCsv(data, label, CsvFormat.delimiterNamed(delimiter), decimalComma)
                .without(ignore), warnings);
    }

    /**
     * One line naming the option when the input does not match what the model was trained on: {@code images} for a
     * model trained on CSV columns, {@code data} for one trained on images (the library's refusal names no option).
     */
    static void checkKind(ModelInfo model, Path data, Path images) {
        ImageFolder.Size size = model.imageSize();
        if (images != null && size == null) {
            throw new DlkitException("--images: the model was trained on CSV columns, not images; use --data CSV");
        }
        if (data != null && size != null) {
            throw new DlkitException("--data: the model was trained on images (" + size + " pixels), not CSV "
                    + "columns; use --images DIR");
        }
    }

    /**
     * An option that applies to --data CSV only, given with --images, is refused: it would be ignored.
     * {@code tableOptions}: those of {@link ReadOptions} given, for the commands that take them.
     */
    private void checkNoCsvOptions(Stream<String> tableOptions) {
        if (label != null) {
            throw new DlkitException("--label applies to --data CSV; with --images the classes are the "
                    + "sub-folders");
        }
        refuseCsvOnly(Stream.concat(Stream.of(delimiter != null ? "--delimiter" : null,
                decimalComma ? "--decimal-comma" : null), tableOptions));
    }

    /** Refuses the first of {@code options} given with --images ({@link #csvOnly}); null stands for one not given. */
    static void refuseCsvOnly(Stream<String> options) {
        options.filter(Objects::nonNull).findFirst().ifPresent(given -> {
            throw csvOnly(given);
        });
    }

    /** The refusal of {@code option}, which applies to --data CSV only, given with --images (it would be ignored). */
    private static DlkitException csvOnly(String option) {
        return new DlkitException(option + " applies to --data CSV, not to --images; leave it out");
    }

    /**
     * Exactly one source, of its kind: checked before anything slow (a model to load, ND4J's start) happens;
     * {@code ignore}: the columns of {@code --ignore}, refused with --images.
     */
    void checkOneSource(List<String> ignore) {
        checkSource(true, Stream.of(ignore.isEmpty() ? null : "--ignore"));
    }

    private void checkSource(boolean required, Stream<String> tableOptions) {
        if (images != null && data == null) {
            checkNoCsvOptions(tableOptions);
        }
        checkSources(data, images, required);
    }

    /** One source ({@code required}) or at most one, each of its kind: a CSV file, a folder of images. */
    static void checkSources(Path data, Path images, boolean required) {
        checkSources(data, images, required, false);
    }

    /** As {@link #checkSources(Path, Path, boolean)}; {@code oneImage}: --images may also name one image file. */
    static void checkSources(Path data, Path images, boolean required, boolean oneImage) {
        if (required && data == null && images == null) {
            throw new DlkitException("no data given; expected --data CSV or --images DIR");
        }
        if (images != null && data != null) {
            throw new DlkitException("--data and --images both given; choose one");
        }
        checkKinds(data, images, oneImage);
    }

    /** A folder given as --data, or a file as --images, is named with the option it belongs to. */
    static void checkKinds(Path data, Path images) {
        checkKinds(data, images, false);
    }

    private static void checkKinds(Path data, Path images, boolean oneImage) {
        if (data != null && Files.isDirectory(data)) {
            throw new DlkitException("--data " + data + ": is a directory; expected a CSV file (a folder of images "
                    + "goes to --images)");
        }
        if (images != null && Files.isRegularFile(images) && !(oneImage && ImageFolder.isImage(images))) {
            throw new DlkitException("--images " + images + ": is a file; expected a folder of images"
                    + (oneImage ? " or one image file (" + String.join(", ", new TreeSet<>(ImageFolder.EXTENSIONS))
                    + ")" : "") + " (a CSV goes to --data)");
        }
    }

    private Path csv() {
        return data != null ? data : Launcher.bundledDataset("iris.csv");
    }

    /** Makes relative input paths relative to {@code dir} (a resumed run's original working directory). */
    void resolveAgainst(Path dir) {
        data = data == null || CsvFormat.isStandardInput(data) ? data : dir.resolve(data); // - stays standard input
        images = images == null ? null : dir.resolve(images);
    }

    /** A short name for the input, for default output names. */
    Path source() {
        return images != null ? images : csv();
    }
}
