package org.dlkit.cli;

import org.dlkit.error.DlkitException;
import org.dlkit.data.ImageFolder;
import org.dlkit.data.LabelledData;
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

    /** The labelled rows, with classes inferred. */
    LabelledData load() {
        return load(null, null, null);
    }

    /** Labelled rows for a trained model: its classes, its label column, and for images its input size. */
    LabelledData loadFor(ModelInfo model) {
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
        return load(model.classNames(), size, model.labelName());
    }

    private LabelledData load(List<String> classes, ImageFolder.Size size, String defaultLabel) {
        if (images != null && data != null) {
            throw new DlkitException("--data and --images both given; choose one");
        }
        if (images != null) {
            return ImageFolder.load(images, size != null ? size : ImageFolder.Size.parse(imageSize), classes);
        }
        Path csv = data != null ? data : Launcher.bundledDataset("iris.csv");
        return LabelledData.fromCsv(csv, label != null ? label : defaultLabel, classes);
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
