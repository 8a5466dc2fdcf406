package org.dlkit.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.dlkit.data.GradientDescent;
import org.dlkit.data.LabelledData;
import org.dlkit.experiment.GradientDescentExperiment;
import org.dlkit.experiment.GradientDescentExperiment.Result;
import org.dlkit.experiment.GradientDescentExperiment.Settings;
import org.dlkit.model.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dlkit gradient-descent}: cards 26–30, batch vs stochastic vs mini-batch gradient descent, measured. */
@Command(name = "gradient-descent", mixinStandardHelpOptions = true,
        description = {"Train one network (same architecture, same initial weights, plain SGD with one shared learning "
                + "rate) by batch, stochastic and mini-batch gradient descent, and print the three side by side: "
                + "batch size, updates per epoch, time per update and per epoch, updates and time to reach a target "
                + "training loss, final loss, test accuracy and how noisy the loss curve is (cards 26-30).",
                "With --plot, also write the loss curves (per epoch, and per update on a log axis) as PNGs."})
public final class GradientDescentCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    BackendOption backend;

    @Mixin
    InputOptions input;

    @Mixin
    ReadOptions read;

    @Option(names = "--hidden", split = ",", paramLabel = "UNITS", defaultValue = "256,256",
            description = "Units of each hidden layer (default: ${DEFAULT-VALUE}; large enough that an update's "
                    + "arithmetic shows next to DL4J's fixed cost per update).")
    int[] hidden;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "" + GradientDescent.DEFAULT_BATCH_SIZE,
            description = "Examples per update of the mini-batch mode (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "" + GradientDescentExperiment.DEFAULT_EPOCHS,
            description = "Epochs per mode (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--target-loss", paramLabel = "X",
            defaultValue = "" + GradientDescentExperiment.DEFAULT_TARGET_LOSS,
            description = "Training loss each mode races to (default: ${DEFAULT-VALUE}).")
    double targetLoss;

    @Option(names = "--learning-rate", paramLabel = "X",
            defaultValue = "" + GradientDescentExperiment.DEFAULT_LEARNING_RATE,
            description = "Learning rate of the plain SGD updater all modes share (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
            description = "Seed for the split, the initial weights and the shuffling (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--plot", paramLabel = "DIR", description = "Write the loss curves as PNGs into DIR.")
    Path plot;

    @Option(names = "--force", description = "Overwrite existing PNGs in --plot DIR.")
    boolean force;

    @Override
    public Integer call() {
        Settings settings = new Settings(hidden, batchSize, epochs, targetLoss, learningRate, seed);
        if (plot != null) {
            AtomicFiles.checkDirectoryWritable(plot);
            GradientDescentExperiment.checkPlotsWritable(plot, force);
        }
        LabelledData rows = input.load(read);
        backend.start();
        Result result = GradientDescentExperiment.run(rows, settings);
        PrintWriter out = spec.commandLine().getOut();
        out.print(result.table());
        if (plot != null) {
            for (Path p : result.writePlots(plot, force)) {
                out.println("wrote " + p);
            }
        }
        out.flush();
        return 0;
    }
}
