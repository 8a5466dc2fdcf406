package org.dlkit.cli;

import org.deeplearning4j.nn.weights.WeightInit;
import org.dlkit.Classifier;
import org.dlkit.DlkitException;
import org.dlkit.data.GradientDescent;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import picocli.CommandLine.Option;

import java.util.Arrays;
import java.util.Locale;

/** The options that shape and train a network, shared by the commands that build one. */
final class NetworkOptions {

    @Option(names = "--hidden", split = ",", paramLabel = "UNITS",
            description = "Units per hidden layer, comma-separated (default: 32).")
    int[] hidden;

    @Option(names = "--activation", paramLabel = "NAME", defaultValue = "relu",
            description = "Hidden-layer activation (default: ${DEFAULT-VALUE}).")
    String activation;

    @Option(names = "--weight-init", paramLabel = "NAME", defaultValue = "he",
            description = "Hidden-layer weight init: he, xavier, lecun, zero, ... (default: ${DEFAULT-VALUE}).")
    String weightInit;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "100", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--gradient-descent", paramLabel = "MODE", defaultValue = "mini-batch",
            description = "batch, stochastic or mini-batch (default: ${DEFAULT-VALUE}).")
    String gradientDescent;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "32",
            description = "Mini-batch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--learning-rate", paramLabel = "LR", defaultValue = "1e-3",
            description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--l2", paramLabel = "C", defaultValue = "0", description = "L2 regularisation (default: off).")
    double l2;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Seed for everything (default: ${DEFAULT-VALUE}).")
    long seed;

    Classifier.Builder builder() {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new DlkitException("--learning-rate " + learningRate + " is invalid; expected a positive number");
        }
        Classifier.Builder b = Classifier.builder()
                .activation(activation(activation))
                .weightInit(weightInit(weightInit))
                .updater(new Adam(learningRate))
                .gradientDescent(GradientDescent.byName(gradientDescent, batchSize))
                .l2(l2)
                .seed(seed);
        if (hidden != null) {
            b.hidden(hidden);
        }
        if (epochs <= 0) {
            throw new DlkitException("--epochs " + epochs + " is invalid; expected a positive integer");
        }
        return b.epochs(epochs);
    }

    static Activation activation(String name) {
        String key = name.toUpperCase(Locale.ROOT).replace("-", "").replace("_", "");
        for (Activation a : Activation.values()) {
            if (a.name().replace("_", "").equals(key)) {
                return a;
            }
        }
        throw new DlkitException("--activation '" + name + "' is unknown; expected one of "
                + Arrays.toString(Activation.values()).toLowerCase(Locale.ROOT));
    }

    static WeightInit weightInit(String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "he": return WeightInit.RELU;
            case "xavier": case "glorot": return WeightInit.XAVIER;
            case "lecun": return WeightInit.LECUN_NORMAL;
            case "zero": return WeightInit.ZERO;
            default:
                throw new DlkitException("--weight-init '" + name + "' is unknown; expected he, xavier, lecun or zero");
        }
    }
}
