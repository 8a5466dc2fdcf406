package org.dlkit.cli;

import org.dlkit.Classifier;
import org.dlkit.text.SettingNames;
import org.dlkit.error.DlkitException;
import org.dlkit.activation.ActivationRule;
import org.dlkit.data.GradientDescent;
import org.dlkit.init.WeightInitStrategy;
import org.dlkit.network.Updaters;
import org.nd4j.linalg.learning.config.IUpdater;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The options that shape and train a network and split its data, shared by train and explain. */
final class NetworkOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--hidden", split = ",", paramLabel = "UNITS",
            description = "Units per hidden layer, comma-separated (default: 32).")
    int[] hidden;

    @Option(names = "--activation", paramLabel = "NAME", defaultValue = "rule-of-thumb",
            completionCandidates = CatalogueNames.HiddenActivations.class,
            description = "Hidden activation: a rule (rule-of-thumb = ReLU, leaky-relu, elu) or an activation "
                    + "(${COMPLETION-CANDIDATES}; not prelu, whose slope a dense layer cannot learn) "
                    + "(default: ${DEFAULT-VALUE}).")
    String activation;

    @Option(names = "--weight-init", paramLabel = "NAME", completionCandidates = CatalogueNames.WeightInits.class,
            description = "Hidden weight init: ${COMPLETION-CANDIDATES}, or Keras' and PyTorch's names for them "
                    + "(he_normal, glorot_normal, glorot_uniform, kaiming_uniform, lecun_normal, zeros, ...) "
                    + "(default: chosen from the activation: He for the ReLU family, Xavier for tanh/sigmoid).")
    String weightInit;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "500", description = "Most epochs; early stopping usually ends sooner (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--gradient-descent", paramLabel = "MODE", defaultValue = "mini-batch",
            description = "batch, stochastic or mini-batch (default: ${DEFAULT-VALUE}).")
    String gradientDescent;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "" + GradientDescent.DEFAULT_BATCH_SIZE,
            description = "Examples per update of --gradient-descent mini-batch (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--learning-rate", paramLabel = "LR", defaultValue = "3e-3",
            description = "Learning rate of the updater (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--updater", paramLabel = "NAME", defaultValue = "adam",
            description = "Optimiser: adam, sgd (plain gradient descent, whose steps grow with the gradient, so a too "
                    + "high --learning-rate diverges), nesterovs, rmsprop, adagrad, adamax, nadam or amsgrad "
                    + "(default: ${DEFAULT-VALUE}). dlkit's engine trains adam and sgd; the others train on DL4J.")
    String updater;

    @Option(names = "--l2", paramLabel = "C", defaultValue = "0", description = "L2 regularisation (default: off).")
    double l2;

    @Option(names = "--test-fraction", paramLabel = "F", defaultValue = "0.2",
            description = "Share of each class held out for the final evaluation, above 0 and below 1 "
                    + "(default: ${DEFAULT-VALUE}).")
    double testFraction;

    @Option(names = "--validation-fraction", paramLabel = "F", defaultValue = "0.2",
            description = "Share of each class of the training rows held out for validation: history and early "
                    + "stopping (default: ${DEFAULT-VALUE}; 0: none, no early stopping).")
    double validationFraction;

    @Option(names = "--patience", paramLabel = "EPOCHS", defaultValue = "" + Classifier.DEFAULT_PATIENCE,
            description = "Early stopping: stop after this many epochs without a lower validation loss and keep the "
                    + "best epoch (default: ${DEFAULT-VALUE}; 0: off). --epochs is the maximum.")
    int patience;

    @Option(names = "--min-delta", paramLabel = "LOSS", defaultValue = "" + Classifier.DEFAULT_MIN_DELTA,
            description = "Early stopping: the least drop of the validation loss that counts as an improvement, "
                    + "absolute as Keras' min_delta (default: ${DEFAULT-VALUE}; 0: any drop).")
    double minDelta;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Seed for everything (default: ${DEFAULT-VALUE}).")
    long seed;

    Classifier.Builder builder() {
        Updaters.checkRate(learningRate, "--learning-rate");
        Classifier.Builder b = Classifier.builder().settingNames(SettingNames.COMMAND_LINE)
                .activationRule(OptionErrors.named("--activation", () -> ActivationRule.get(activation)))
                .weightInit(weightInit == null ? null
                        : OptionErrors.named("--weight-init", () -> WeightInitStrategy.get(weightInit)))
                .updater(updater())
                .gradientDescent(OptionErrors.named("--gradient-descent",
                        () -> GradientDescent.byName(gradientDescent, GradientDescent.DEFAULT_BATCH_SIZE)))
                .seed(seed);
        if (given("--batch-size")) {   // the library refuses it with batch or stochastic gradient descent
            flags("--batch-size", () -> b.batchSize(batchSize));
        }
        OptionErrors.named("--l2", () -> b.l2(l2));
        if (hidden != null) {
            OptionErrors.named("--hidden", () -> b.hidden(hidden));
        }
        OptionErrors.named("--epochs", () -> b.epochs(epochs));
        OptionErrors.named("--test-fraction", () -> b.testFraction(testFraction));
        OptionErrors.named("--validation-fraction", () -> b.validationFraction(validationFraction));
        OptionErrors.named("--min-delta", () -> b.minDelta(minDelta));
        if (given("--patience")) {   // the library refuses it with --validation-fraction 0
            flags("--patience", () -> b.patience(patience));
        }
        return b;
    }

    private boolean given(String option) {
        return mixee.commandLine().getParseResult().hasMatchedOption(option);
    }

    /** The library's setters by the flags that set them, for its messages that name two settings. */
    private static final Map<String, String> FLAGS = Map.of("batchSize", "--batch-size",
            "gradientDescent", "--gradient-descent", "patience", "--patience", "validationFraction",
            "--validation-fraction");
    private static final Pattern SETTER = Pattern.compile("\\b(" + String.join("|", FLAGS.keySet()) + ")\\(([^)]*)\\)");

    /**
     * Runs {@code call}; a message naming the Builder's setters ("batchSize(...) applies to
     * gradientDescent(MINI_BATCH)") names the flags instead ("--batch-size applies to --gradient-descent mini-batch"),
     * any other is prefixed with {@code option} as {@link OptionErrors#named} does.
     */
    private static <T> T flags(String option, Supplier<T> call) {
        try {
            return call.get();
        } catch (DlkitException e) {
            Matcher setters = SETTER.matcher(e.getMessage());
            if (!setters.find()) {
                throw new DlkitException(option + ": " + e.getMessage(), e);
            }
            throw new DlkitException(setters.replaceAll(m -> Matcher.quoteReplacement(FLAGS.get(m.group(1))
                    + (m.group(2).equals("...") ? "" : " " + m.group(2).toLowerCase(Locale.ROOT).replace('_', '-')))),
                    e);
        }
    }

    private IUpdater updater() {
        return OptionErrors.named("--updater", () -> Updaters.get(updater, learningRate));
    }
}
