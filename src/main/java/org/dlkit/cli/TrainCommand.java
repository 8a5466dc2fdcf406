package org.dlkit.cli;

import org.dlkit.Classifier;
import org.dlkit.TrainedClassifier;
import org.dlkit.data.LabelledData;
import org.dlkit.model.ModelDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code dlkit train}: the course's pipeline on a CSV, from data to a saved, evaluated model. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a classifier on a CSV (header row; numeric features; a label column) or an image "
                + "folder, evaluate it on held-out rows and save it.")
final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    BackendOption backend;

    @Mixin
    InputOptions input;

    @Option(names = "--out", paramLabel = "DIR", description = "Model directory to create (default: a new one under models/).")
    Path out;

    @Option(names = "--force", description = "Replace --out if it exists.")
    boolean force;

    @Option(names = "--print-config", description = "Print the DL4J configuration (JSON) before training.")
    boolean printConfig;

    @Option(names = "--test-fraction", paramLabel = "F", defaultValue = "0.2",
            description = "Share of each class held out for evaluation (default: ${DEFAULT-VALUE}).")
    double testFraction;

    @Mixin
    NetworkOptions network;

    @Override
    public Integer call() {
        PrintWriter console = spec.commandLine().getOut();
        Classifier classifier = network.builder().testFraction(testFraction).build();
        Path dir = this.out != null ? this.out : ModelPaths.newModelDirectory(input.source());
        ModelDirectory.checkWritable(dir, force);

        LabelledData rows = input.load();
        backend.start();
        if (printConfig) {
            console.println(classifier.configuration(rows.numFeatures(), rows.numClasses()).toJson());
        }
        TrainedClassifier model = classifier.fit(rows, new ConsoleObserver(console));
        console.println();
        console.print(model.evaluation().table());
        model.save(dir, force);
        console.println();
        console.println("model saved to " + dir + " (" + ModelDirectory.MODEL_FILE + ", " + ModelDirectory.METADATA_FILE + ")");
        return 0;
    }
}
