package org.dlkit.cli;

import org.dlkit.error.DlkitException;
import org.dlkit.TrainedClassifier;
import org.dlkit.data.ImageFolder;
import org.dlkit.data.UnlabelledData;
import org.dlkit.model.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.LongStream;

/** {@code dlkit predict}: the class and class probabilities of each row of a CSV. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Predict each row of a CSV (or each image) with a saved model: the class name and the probability of every class.")
final class PredictCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    BackendOption backend;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model directory written by train.")
    Path model;

    @Option(names = "--data", paramLabel = "CSV",
            description = "Rows with the model's feature columns (a label column, if present, is ignored).")
    Path data;

    @Option(names = "--images", paramLabel = "DIR",
            description = "Images to classify (this folder and its sub-folders), for a model trained with --images.")
    Path images;

    @Option(names = "--out", paramLabel = "CSV", description = "Write the predictions here instead of standard output.")
    Path out;

    @Option(names = "--force", description = "Overwrite --out if it exists.")
    boolean force;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        backend.start();
        TrainedClassifier classifier = TrainedClassifier.load(model);
        if (this.out != null) {
            AtomicFiles.checkWritable(this.out, force);
        }
        List<String> ids;
        double[][] features;
        if ((data == null) == (images == null)) {
            throw new DlkitException("expected exactly one of --data CSV or --images DIR");
        }
        if (data != null) {
            UnlabelledData rows = UnlabelledData.fromCsv(data, classifier.info().featureNames(), classifier.info().labelName());
            ids = LongStream.of(rows.lines()).mapToObj(Long::toString).toList();
            features = rows.features();
        } else {
            ImageFolder.Size size = ImageFolder.Size.ofFeatures(classifier.info().featureNames());
            if (size == null) {
                throw new DlkitException("--images: the model was trained on CSV columns, not images; use --data");
            }
            List<Path> files = ImageFolder.imagesUnder(images);
            ids = files.stream().map(Path::toString).toList();
            features = ImageFolder.pixels(files, size);
        }
        double[][] probabilities = classifier.predictProbabilities(features);
        List<String> classes = classifier.info().classNames();
        String idColumn = data != null ? "line" : "file";
        if (this.out == null) {
            write(out, idColumn, ids, probabilities, classes);
            out.flush();
        } else {
            AtomicFiles.writeFile(this.out, force, tmp -> {
                try (Writer w = Files.newBufferedWriter(tmp)) {
                    write(w, idColumn, ids, probabilities, classes);
                }
            });
            out.println(probabilities.length + " predictions written to " + this.out);
        }
        return 0;
    }

    /** CSV: the input's line or file, the predicted class, then one probability column per class. */
    static void write(Writer w, String idColumn, List<String> ids, double[][] probabilities, List<String> classes)
            throws IOException {
        StringBuilder header = new StringBuilder(idColumn).append(",predicted");
        for (String c : classes) {
            header.append(",p_").append(c);
        }
        w.write(header.append('\n').toString());
        for (int i = 0; i < probabilities.length; i++) {
            int best = 0;
            for (int c = 1; c < classes.size(); c++) {
                if (probabilities[i][c] > probabilities[i][best]) {
                    best = c;
                }
            }
            StringBuilder row = new StringBuilder().append(ids.get(i)).append(',').append(classes.get(best));
            for (double p : probabilities[i]) {
                row.append(',').append(String.format(Locale.ROOT, "%.6f", p));
            }
            w.write(row.append('\n').toString());
        }
    }
}
