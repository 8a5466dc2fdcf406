package org.dlkit.cli;

import org.dlkit.data.ImageFolder;
import org.dlkit.data.MissingPolicy;
import org.dlkit.data.MissingValues;
import org.dlkit.data.TableOptions;
import org.dlkit.error.DlkitException;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * How training rows are read: the table options of a CSV ({@code --categorical}, {@code --missing}, ...) or the size
 * images are resampled to ({@code --image-size}). Only commands that learn from their input take them; each applies to
 * one kind of input, and given with the other it is refused rather than ignored.
 */
final class ReadOptions {

    static final String DEFAULT_IMAGE_SIZE = "28x28";

    @Option(names = "--image-size", paramLabel = "HxW",
            description = "With --images: images are resampled to this size, then flattened (default: "
                    + DEFAULT_IMAGE_SIZE + ").")
    String imageSize;

    @Option(names = "--categorical", split = ",", paramLabel = "COLUMN", converter = ColumnName.class,
            description = "Read these columns as categories (one-hot encoded), e.g. integer codes.")
    List<String> categorical;

    @Option(names = "--numeric", split = ",", paramLabel = "COLUMN", converter = ColumnName.class,
            description = "Read these columns as numbers, e.g. an integer column that looks like a row ID.")
    List<String> numeric;

    @Option(names = "--ignore", split = ",", paramLabel = "COLUMN", converter = ColumnName.class,
            description = "Leave these columns out.")
    List<String> ignore;

    @Option(names = "--missing", paramLabel = "POLICY",
            description = "Rows with a missing feature value: impute (median / most frequent category of the training "
                    + "rows), drop or error (default: impute).")
    String missing;

    @Option(names = "--missing-values", split = ",", paramLabel = "TEXT",
            description = "Cells that mean 'no value' besides the empty cell and Excel's "
                    + "error values (#N/A, #DIV/0!, ...) (default: NA,N/A,null,?,NaN).")
    List<String> missingValues;

    @Option(names = "--max-categories", paramLabel = "N",
            description = "A text column with more distinct values is left out (an ID, a name, free text) unless "
                    + "--categorical names it (default: " + TableOptions.DEFAULT_MAX_CATEGORIES + ").")
    Integer maxCategories;

    /** The table options from the flags. */
    TableOptions tableOptions() {
        TableOptions options = TableOptions.DEFAULT.withCategorical(orEmpty(categorical)).withNumeric(orEmpty(numeric))
                .withIgnore(orEmpty(ignore));
        if (missing != null) {
            options = options.withMissing(MissingPolicy.byName(missing));
        }
        if (maxCategories != null) {
            options = options.withMaxCategories(OptionErrors.positive("--max-categories", maxCategories));
        }
        return missingValues == null ? options : options.withMissingValues(new MissingValues(missingValues));
    }

    /** The size images are resampled to. */
    ImageFolder.Size imageSize() {
        return OptionErrors.named("--image-size",
                () -> ImageFolder.Size.parse(imageSize == null ? DEFAULT_IMAGE_SIZE : imageSize));
    }

    /** The table options given, in the order they are named when refused with --images (they apply to a CSV). */
    Stream<String> csvOptionsGiven() {
        return Stream.of(categorical != null ? "--categorical" : null, numeric != null ? "--numeric" : null,
                        ignore != null ? "--ignore" : null, missing != null ? "--missing" : null,
                        missingValues != null ? "--missing-values" : null,
                        maxCategories != null ? "--max-categories" : null)
                .filter(Objects::nonNull);
    }

    /** --image-size given with a CSV is refused: it would be ignored. */
    void checkForCsv() {
        if (imageSize != null) {
            throw new DlkitException("--image-size applies to --images DIR, not to a CSV; leave it out or use "
                    + "--images");
        }
    }

    private static List<String> orEmpty(List<String> columns) {
        return columns == null ? List.of() : columns;
    }
}
