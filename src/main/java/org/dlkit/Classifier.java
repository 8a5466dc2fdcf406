package org.dlkit;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dlkit.data.GradientDescent;
import org.dlkit.engine.EngineChoice;
import org.dlkit.data.LabelledData;
import org.dlkit.data.PreparedData;
import org.dlkit.network.NetworkSpec;
import org.dlkit.network.Updaters;
import org.dlkit.supervise.DiagnosticThresholds;
import org.dlkit.supervise.Diagnostics;
import org.dlkit.text.SettingNames;
import org.dlkit.train.Checkpoints;
import org.dlkit.train.EpochRunner;
import org.dlkit.train.TrainingObserver;
import org.dlkit.train.TrainingPlan;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.dlkit.activation.ActivationFunction;
import org.dlkit.activation.ActivationRule;
import org.dlkit.init.WeightInitStrategy;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.dlkit.BuilderChecks.batchSizeApplies;
import static org.dlkit.BuilderChecks.given;
import static org.dlkit.BuilderChecks.patienceWatches;
import static org.dlkit.BuilderChecks.require;
import static org.dlkit.BuilderChecks.validClasses;
import static org.dlkit.BuilderChecks.validInputs;
import static org.dlkit.BuilderChecks.withLearningRate;

/**
 * A feed-forward classifier described in the course's terms, built on DL4J.
 *
 * <pre>{@code
 * LabelledData iris = LabelledData.fromCsv(Path.of("datasets/iris.csv"), "species");
 * TrainedClassifier model = Classifier.builder().hidden(64, 32).epochs(100).seed(42).build().fit(iris);
 * System.out.println(model.evaluation().table());
 * model.save(Path.of("models/iris"), false);
 * MultiLayerNetwork net = model.network();            // plain DL4J from here on
 * }</pre>
 *
 * {@link #configuration(int, int)} gives the DL4J {@link MultiLayerConfiguration} without training anything.
 */
public final class Classifier {

    /** The seed used when none is given: results are reproducible by default, unlike DL4J's clock-based seed. */
    public static final long DEFAULT_SEED = 42;
    /** The most epochs when none is given; early stopping usually ends sooner. */
    public static final int DEFAULT_EPOCHS = 500;
    /** Epochs without a lower validation loss before early stopping ends the run. */
    public static final int DEFAULT_PATIENCE = 20;
    /** The least drop of the validation loss that counts as an improvement (Keras' {@code min_delta}). */
    public static final double DEFAULT_MIN_DELTA = TrainingPlan.DEFAULT_MIN_DELTA;
    /** Share of the training rows held out for validation. */
    public static final double DEFAULT_VALIDATION_FRACTION = 0.2;
    /** Adam's learning rate when none is given (measured over the bundled datasets: see the README's defaults table). */
    public static final double DEFAULT_LEARNING_RATE = 3e-3;
    /** Epochs between checkpoints. */
    public static final int DEFAULT_CHECKPOINT_EVERY = 5;
    /** Newest checkpoints kept. */
    public static final int DEFAULT_KEEP_CHECKPOINTS = 3;

    private final ClassifierSettings settings;

    private Classifier(ClassifierSettings settings) {
        this.settings = settings;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The network for {@code inputs} features and {@code classes} classes (unless the builder set them), every DL4J
     * default made explicit.
     *
     * @throws org.dlkit.error.DlkitException for fewer than 1 input or 2 classes, as the builder's {@code inputs} and
     *                                         {@code classes} do
     */
    public NetworkSpec spec(int inputs, int classes) {
        int in = validInputs(settings.inputs() > 0 ? settings.inputs() : inputs);
        int out = validClasses(settings.classes() > 0 ? settings.classes() : classes);
        return NetworkSpec.of(in, settings.hiddenUnits(), out,
                settings.activationRule().namingSettings(settings.settingNames()),
                settings.weightInit(), settings.updater(), settings.l2(), settings.seed(), DataType.FLOAT);
    }

    /** The settings, as built. */
    public ClassifierSettings settings() {
        return settings;
    }

    /**
     * Every choice for {@code data} with its reason: layers, activations, inits, loss, updater, gradient-descent mode,
     * batch size (with the updates per epoch over the rows a run would train on), epochs, seed, the warnings, and the
     * DL4J configuration they become.
     */
    public Explanation explain(LabelledData data) {
        given(data, "data", "rows such as LabelledData.fromCsv(path, label)");
        List<String> schemaWarnings = new ArrayList<>();
        PreparedData prepared = PreparedData.of(data, settings.split(), schemaWarnings::add);
        Explanation network = explain(prepared.numInputs(), data.numClasses(), prepared.train().numExamples());
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT,
                "features: %d columns -> %d inputs (kinds, categories and fill values learnt from the "
                + "training rows; numbers standardised, categories one-hot)", data.featureNames().size(),
                prepared.numInputs()));
        prepared.transform().schema().table().lines().forEach(lines::add);
        lines.addAll(network.lines());
        schemaWarnings.addAll(network.warnings());
        return new Explanation(lines, schemaWarnings, network.configuration());
    }

    /** {@link #explain(LabelledData)} without data: {@code trainingExamples} are the rows each epoch visits. */
    public Explanation explain(int inputs, int classes, int trainingExamples) {
        require(trainingExamples >= 1, "training rows " + trainingExamples + " is invalid; expected a positive number");
        return Explanation.of(spec(inputs, classes), settings, trainingExamples);
    }

    /** The DL4J configuration for {@code inputs} features and {@code classes} classes (printable with toJson()). */
    public MultiLayerConfiguration configuration(int inputs, int classes) {
        return spec(inputs, classes).toConfiguration();
    }

    /** Splits, normalises, trains and evaluates silently. */
    public TrainedClassifier fit(LabelledData data) {
        return fit(data, TrainingObserver.SILENT);
    }

    /**
     * Runs the course's pipeline on {@code data}: a stratified train/test split, a stratified validation part carved
     * from the training rows, a normaliser fitted on the remaining training rows only, the gradient-descent iterator,
     * the network, its initialisation, supervised training (diagnostics, history, early stopping, checkpoints,
     * divergence stop) and evaluation on the test part. Each call starts a new network from the seed: fitting twice
     * gives the same model twice, it does not continue the first (as a second Keras {@code model.fit} would); to
     * train on, fit the returned model's {@code network()} with DL4J, or use {@link Builder#checkpoints} and
     * {@link Builder#resume}.
     */
    public TrainedClassifier fit(LabelledData data, TrainingObserver observer) {
        given(data, "data", "rows such as LabelledData.fromCsv(path, label)");
        given(observer, "observer", "a TrainingObserver such as TrainingObserver.SILENT");
        return new Pipeline(settings, this::spec).run(data, observer);
    }

    /** Settings of a {@link Classifier}; every one has a default taken from the course's rules of thumb. */
    public static final class Builder {
        int[] hidden = {32};
        ActivationRule activationRule = ActivationRule.ruleOfThumb();
        WeightInitStrategy weightInit;
        IUpdater updater = new Adam(DEFAULT_LEARNING_RATE);
        int epochs = DEFAULT_EPOCHS;
        GradientDescent gradientDescent = GradientDescent.MINI_BATCH;
        long seed = DEFAULT_SEED;
        double l2;
        double testFraction = 0.2;
        int inputs;
        int classes;
        int patience = DEFAULT_PATIENCE;
        double minDelta = DEFAULT_MIN_DELTA;
        double validationFraction = DEFAULT_VALIDATION_FRACTION;
        int diagnosticsEvery = Diagnostics.DEFAULT_EVERY;
        DiagnosticThresholds thresholds = DiagnosticThresholds.DEFAULT;
        Path checkpointDir;
        int checkpointEvery = DEFAULT_CHECKPOINT_EVERY;
        int keepCheckpoints = DEFAULT_KEEP_CHECKPOINTS;
        boolean resume;
        List<TrainingListener> listeners = List.of();
        EngineChoice engine = EngineChoice.AUTO;
        EpochRunner epochRunner;
        SettingNames settingNames = SettingNames.JAVA;
        Double learningRate;
        boolean batchSizeGiven;
        boolean patienceGiven;

        private Builder() {
        }

        /** Units of each hidden layer (default one layer of 32); none gives a softmax regression. */
        public Builder hidden(int... units) {
            for (int u : given(units, "hidden", "layer sizes, e.g. hidden(64, 32)")) {
                require(u > 0, "hidden layer size " + u + " is invalid; expected positive integers, e.g. 64,32");
            }
            this.hidden = units.clone();
            return this;
        }

        /** The policy that picks hidden and output activations (default: the rule of thumb, ReLU + softmax). */
        public Builder activationRule(ActivationRule rule) {
            this.activationRule = given(rule, "activationRule", "a policy such as ActivationRule.ruleOfThumb()");
            return this;
        }

        /**
         * Hidden activation by name: a policy ("rule-of-thumb", "leaky-relu", "elu") or an activation from the
         * catalogue ("tanh", "sigmoid", ...), which is used as given, with a warning when the rules discourage it.
         */
        public Builder activation(String name) {
            return activationRule(ActivationRule.get(given(name, "activation", "a name such as \"relu\"")));
        }

        /** Hidden activation from the catalogue, used as given ({@code Activations.TANH}, ...). */
        public Builder activation(ActivationFunction activation) {
            return activationRule(ActivationRule.explicit(given(activation, "activation",
                    "a catalogue function such as Activations.TANH")));
        }

        /**
         * Weight init of the hidden layers; by default (or null) chosen from the activation (He for ReLU, Xavier for
         * tanh...).
         */
        public Builder weightInit(WeightInitStrategy weightInit) {
            this.weightInit = weightInit;
            return this;
        }

        /**
         * {@link #weightInit(WeightInitStrategy)} by name: "he" (or "kaiming", "he_normal"), "he_uniform", "xavier"
         * (or "glorot_normal"), "glorot_uniform", "lecun"...
         */
        public Builder weightInit(String name) {
            return weightInit(WeightInitStrategy.get(given(name, "weightInit", "a name such as \"he\"")));
        }

        /**
         * The optimiser (default Adam with learning rate {@value Classifier#DEFAULT_LEARNING_RATE}); its learning
         * rate must be a finite number above 0.
         */
        public Builder updater(IUpdater updater) {
            this.updater = Updaters.check(updater).clone();
            return this;
        }

        /** The optimiser by name ("adam", "sgd", "nesterovs", "rmsprop", ...), at the current learning rate. */
        public Builder updater(String name) {
            return updater(Updaters.get(name, learningRate != null ? learningRate : DEFAULT_LEARNING_RATE));
        }

        /** The optimiser's learning rate, a finite number above 0; it replaces the updater's own, whatever the order. */
        public Builder learningRate(double rate) {
            this.learningRate = Updaters.checkRate(rate, "learning rate");
            return this;
        }

        /** The most passes over the training data (default {@value Classifier#DEFAULT_EPOCHS}); early stopping may end sooner. */
        public Builder epochs(int epochs) {
            require(epochs > 0, "epochs " + epochs + " is invalid; expected a positive integer");
            this.epochs = epochs;
            return this;
        }

        /**
         * Batch, stochastic or mini-batch gradient descent (default mini-batch of 32); batch and stochastic are refused
         * after a {@link #batchSize}, which they would ignore.
         */
        public Builder gradientDescent(GradientDescent mode) {
            given(mode, "gradientDescent", "BATCH, STOCHASTIC, MINI_BATCH or miniBatch(n)");
            if (batchSizeGiven) {
                batchSizeApplies(mode);
            }
            this.gradientDescent = mode;
            return this;
        }

        /**
         * Mini-batch gradient descent with {@code size} rows per update (Keras' batch_size); refused after batch or
         * stochastic gradient descent, which would ignore it.
         */
        public Builder batchSize(int size) {
            batchSizeApplies(gradientDescent);
            this.gradientDescent = GradientDescent.miniBatch(size);
            this.batchSizeGiven = true;
            return this;
        }

        /** The one seed for split, shuffling and initialisation (default {@value Classifier#DEFAULT_SEED}). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** L2 regularisation coefficient (default 0: off). */
        public Builder l2(double l2) {
            require(l2 >= 0 && !Double.isInfinite(l2), "l2 " + l2 + " is invalid; expected a finite number >= 0");
            this.l2 = l2;
            return this;
        }

        /** Share of each class held out for evaluation (default 0.2). */
        public Builder testFraction(double fraction) {
            require(fraction > 0 && fraction < 1,
                    "test fraction " + fraction + " is invalid; expected a value above 0 and below 1");
            this.testFraction = fraction;
            return this;
        }

        /** Number of input features; inferred from the data when not set. */
        public Builder inputs(int inputs) {
            this.inputs = validInputs(inputs);
            return this;
        }

        /** Number of classes; inferred from the data when not set. */
        public Builder classes(int classes) {
            this.classes = validClasses(classes);
            return this;
        }

        /**
         * Early stopping: stop after {@code epochs} epochs without a lower validation loss and keep the best epoch's
         * parameters (default {@value Classifier#DEFAULT_PATIENCE}; 0 switches it off and keeps the last epoch). A
         * patience above 0 is refused with {@code validationFraction(0)}, which leaves nothing to watch.
         */
        public Builder patience(int epochs) {
            require(epochs >= 0, "patience " + epochs + " is invalid; expected 0 (off) or a positive number of epochs");
            patienceWatches(epochs, validationFraction);
            this.patience = epochs;
            this.patienceGiven = true;
            return this;
        }

        /**
         * The least drop of the validation loss that counts as an improvement for early stopping, absolute, as Keras'
         * {@code min_delta} (default {@value Classifier#DEFAULT_MIN_DELTA}, where Keras has 0: on a small validation
         * part the loss creeps down by tiny amounts long after accuracy has settled, and with 0 early stopping rarely
         * acts there). The best epoch kept is chosen with the same rule.
         */
        public Builder minDelta(double loss) {
            require(loss >= 0 && loss < Double.POSITIVE_INFINITY,
                    "min delta " + loss + " is invalid; expected 0 or a positive number");
            this.minDelta = loss;
            return this;
        }

        /**
         * Share of each class of the training rows held out as validation data for the history and early stopping
         * (default {@value Classifier#DEFAULT_VALIDATION_FRACTION}; 0: none, which also switches early stopping off,
         * and is refused after a {@link #patience} above 0).
         */
        public Builder validationFraction(double fraction) {
            require(fraction >= 0 && fraction < 1,
                    "validation fraction " + fraction + " is invalid; expected a value in [0, 1)");
            if (patienceGiven) {
                patienceWatches(patience, fraction);
            }
            this.validationFraction = fraction;
            return this;
        }

        /** Diagnostics every {@code iterations} parameter updates (default {@value Diagnostics#DEFAULT_EVERY}; 0: off). */
        public Builder diagnostics(int iterations) {
            require(iterations >= 0,
                    "diagnostics interval " + iterations + " is invalid; expected 0 (off) or a positive integer");
            this.diagnosticsEvery = iterations;
            return this;
        }

        /** The thresholds at which the diagnostics name a failure mode (default {@link DiagnosticThresholds#DEFAULT}). */
        public Builder diagnosticThresholds(DiagnosticThresholds thresholds) {
            this.thresholds = given(thresholds, "diagnosticThresholds", "thresholds such as DiagnosticThresholds.DEFAULT");
            return this;
        }

        /**
         * Writes a checkpoint into {@code dir} every {@code every} epochs, keeping the newest
         * {@value Classifier#DEFAULT_KEEP_CHECKPOINTS} (default: no checkpoints).
         */
        public Builder checkpoints(Path dir, int every) {
            new Checkpoints(given(dir, "checkpoints", "a directory"), every, keepCheckpoints);
            this.checkpointDir = dir;
            this.checkpointEvery = every;
            return this;
        }

        /** How many of the newest checkpoints to keep (default {@value Classifier#DEFAULT_KEEP_CHECKPOINTS}). */
        public Builder keepCheckpoints(int keep) {
            require(keep > 0, "checkpoints to keep " + keep + " is invalid; expected a positive integer");
            this.keepCheckpoints = keep;
            return this;
        }

        /**
         * Continue from the newest checkpoint in the {@link #checkpoints(Path, int)} directory when there is one:
         * parameters, updater state, epoch counter, history and early-stopping state. With the same data and settings
         * the run ends exactly as an uninterrupted one.
         */
        public Builder resume(boolean resume) {
            this.resume = resume;
            return this;
        }

        /** Extra DL4J listeners attached while training (e.g. the live UI's {@code StatsListener}). */
        public Builder listeners(TrainingListener... listeners) {
            for (TrainingListener l : given(listeners, "listeners", "DL4J TrainingListeners")) {
                given(l, "listeners", "DL4J TrainingListeners");
            }
            this.listeners = List.of(listeners);
            return this;
        }

        /**
         * Which engine trains (default {@link EngineChoice#AUTO}: dlkit's engine where it trains the network and
         * nothing needs DL4J's own fit loop, else DL4J; on a GPU its CUDA device opens on when ND4J was started with
         * {@code BackendChoice.AUTO} (or not started) and runs on the CPU, else on the CPU: start ND4J with
         * {@code Backends.start(BackendChoice.CPU)} to keep it there); {@link EngineChoice#decide} makes one from the
         * CLI's options.
         */
        public Builder engine(EngineChoice engine) {
            this.engine = given(engine, "engine", "an EngineChoice such as EngineChoice.AUTO");
            return this;
        }

        /**
         * {@link #engine(EngineChoice)} by name: {@code AUTO} (as the default), {@code DL4J} or {@code DLKIT} (dlkit's
         * engine on the CPU).
         */
        public Builder engine(EngineChoice.Engine engine) {
            return engine(EngineChoice.decide(given(engine, "engine", "AUTO, DL4J or DLKIT"), false, null));
        }

        /**
         * Computes each epoch's updates with {@code runner} instead of this JVM's fit loop, e.g. data-parallel on Spark
         * ({@code new SparkSettings("local[2]", 5, 0, 0).runner()}); null (the default): here, batch by batch.
         */
        public Builder epochRunner(EpochRunner runner) {
            this.epochRunner = runner;
            return this;
        }

        /**
         * How warnings and advice name settings (default {@link SettingNames#JAVA}: this builder's methods, e.g.
         * {@code learningRate(0.3)}); the CLI gives {@link SettingNames#COMMAND_LINE} to name its flags.
         */
        public Builder settingNames(SettingNames names) {
            this.settingNames = given(names, "settingNames", "SettingNames.JAVA or SettingNames.COMMAND_LINE");
            return this;
        }

        public Classifier build() {
            IUpdater optimiser = withLearningRate(updater, learningRate);
            return new Classifier(new ClassifierSettings(java.util.Arrays.stream(hidden).boxed().toList(),
                    activationRule, weightInit, optimiser, epochs, gradientDescent, seed, l2, testFraction, inputs,
                    classes, patience, minDelta, validationFraction, diagnosticsEvery, thresholds, checkpointDir, checkpointEvery,
                    keepCheckpoints, resume, listeners, engine, epochRunner, settingNames));
        }
    }
}
