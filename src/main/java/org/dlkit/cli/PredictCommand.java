package org.dlkit.cli;

import org.dlkit.TrainedClassifier;
import org.dlkit.data.CsvFormat;
import org.dlkit.eval.Predictions;
import org.dlkit.model.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** {@code dlkit predict}: the class and class probabilities of each row of a CSV. */
@Command(name = "predict", mixinStandardHelpOptions = true, resourceBundle = "org.dlkit.cli.PredictCommand",
        description = "Predict each row of a CSV (or each image) with a saved model: the class name and the probability of every class.")
final class PredictCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    BackendOption backend;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model directory written by train.")
    Path model;

    @Option(names = "--data", paramLabel = "CSV",
            description = "Raw rows with the model's feature columns, in any order (a label column, if present, is "
                    + "ignored; columns the model left out may be absent); gzipped or not; - reads standard input.")
    Path data;

    @Option(names = "--delimiter", paramLabel = "D",
            description = "The CSV's cell delimiter: ',', ';', tab (or \\t) or '|' (default: detected from this file's "
                    + "header line, whatever the training file's was).")
    String delimiter;

    @Option(names = "--decimal-comma",
            description = "This CSV's numbers are written with decimal commas (1,5 or 1.234,5), as European "
                    + "spreadsheets export them, whatever the training file had; needs a delimiter other than ','.")
    boolean decimalComma;

    @Option(names = "--images", paramLabel = "DIR",
            description = "Images to classify (this folder and its sub-folders, or one image file), for a model trained "
                    + "with --images.")
    Path images;

    @Option(names = "--id", paramLabel = "COLUMN",
            description = "Key each prediction by this column of the CSV instead of its line number: its cells are "
                    + "copied as written (007 stays 007), under its name (e.g. --id PassengerId). It need not be a "
                    + "column the model was trained on.")
    String id;

    @Mixin
    IgnoreOption ignore;

    @Option(names = "--class-only",
            description = "Write only the id and the predicted class, headed by the model's label column (a Kaggle "
                    + "submission: PassengerId,Survived), without the probabilities.")
    boolean classOnly;

    @Option(names = "--out", paramLabel = "CSV",
            description = "Write the predictions here instead of standard output ('-': standard output).")
    Path out;

    @Option(names = "--force", description = "Overwrite --out if it exists.")
    boolean force;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        InputOptions.checkSources(data, images, true, true);
        if (images != null) {
            InputOptions.refuseCsvOnly(Stream.of(delimiter != null ? "--delimiter" : null, id != null ? "--id" : null,
                    decimalComma ? "--decimal-comma" : null, ignore.given() ? "--ignore" : null));
        }
        if (this.out != null) {
            AtomicFiles.checkWritable(this.out, force);
        }
        backend.start();
        TrainedClassifier classifier = TrainedClassifier.load(model);
        InputOptions.checkKind(classifier.info(), data, images);
        PrintWriter err = spec.commandLine().getErr();
        Predictions predictions;
        if (data != null) {
            predictions = classifier.predictCsv(data, CsvFormat.delimiterNamed(delimiter), decimalComma, id,
                    ignore.columns(), w -> err.println("warning: " + w));
        } else {
            predictions = classifier.predictImages(images);
        }
        String label = classifier.info().labelName();
        Path target = this.out == null ? Path.of(AtomicFiles.STANDARD_OUTPUT) : this.out;
        AtomicFiles.writeText(target, force, out, w -> write(predictions, label, w));
        if (!AtomicFiles.isStandardOutput(target)) {
            // on standard error, like the warnings: --out /dev/stdout gets the CSV alone
            err.println(predictions.size() + " predictions written to " + this.out);
        }
        return 0;
    }

    private void write(Predictions predictions, String label, Writer w) throws IOException {
        if (classOnly) {
            predictions.writeClassesCsv(w, label);
        } else {
            predictions.writeCsv(w);
        }
    }
}
