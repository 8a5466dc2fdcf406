package org.dlkit.experiment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.stream.IntStream;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.dlkit.error.DlkitException;
import org.dlkit.activation.ActivationRule;
import org.dlkit.data.GradientDescent;
import org.dlkit.data.LabelledData;
import org.dlkit.data.PreparedData;
import org.dlkit.network.NetworkSpec;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * Cards 26–30 measured: one network trained by batch, stochastic and mini-batch gradient descent, side by side.
 *
 * <p>The three runs share everything except how many examples each update sees: the data (a stratified split,
 * standardised by a {@code NormalizerStandardize} fitted on the training part only), the architecture (inputs →
 * hidden ReLU layers with He init → softmax with Xavier init, cross-entropy loss; see {@link Settings#hidden()}), the
 * initial weights (one seed, so every mode starts from the same loss), the data type ({@code FLOAT}, what dlkit
 * trains with) and the updater. Each update is
 * <pre>  θ ← θ − η · (1/|B|) Σ_{i∈B} ∇ℓ_i(θ)</pre>
 * with |B| = N (batch), 1 (stochastic) or n (mini-batch); DL4J averages the gradient over the batch, so one learning
 * rate η means the same step length in every mode.
 *
 * <p><b>Updater: plain SGD with one shared learning rate</b> (default η = {@value #DEFAULT_LEARNING_RATE}). The cards
 * compare gradient estimates, not optimisers: with Adam or momentum the per-parameter step sizes and running averages
 * would blur the difference between one exact gradient per epoch and N noisy ones, and a learning rate tuned per mode
 * would mix "which mode" with "which step size".
 *
 * <p>How it runs: every mode first makes {@value #WARM_UP_UPDATES} warm-up updates on a throw-away copy of its
 * network, so that the JIT has compiled DL4J's training path before any mode is timed; then the modes train one after
 * the other, each starting on a freshly collected heap so the garbage of one is not charged to the next. The training
 * loss is evaluated on a separate thread, where its N-row batch does not resize the training thread's DL4J workspaces.
 * (Taking turns epoch by epoch on one thread was tried: the workspaces then resize at every switch between networks of
 * different batch shapes, which made the first update of each turn several times slower.)
 *
 * <p>What is measured, per mode:
 * <ul>
 *   <li><b>time per update</b> (mean and median): {@code System.nanoTime()} around each {@code net.fit(batch)}.
 *       Interrupted updates are left out of these two numbers (and counted): those during which the JVM collected
 *       garbage, and those slower than 3 × the mode's median update, whose thread was paused while another process
 *       ran ({@link ModeResult#interrupted()}). A pause lands on whichever update it happens to hit, and one 50 ms
 *       pause among the 40 updates of batch mode would outweigh the updates themselves;</li>
 *   <li><b>time per epoch</b>: the epoch's wall time (taking the batches out of memory plus the updates), pauses
 *       included;</li>
 *   <li><b>training loss</b>: the mean cross-entropy over the whole training set after every epoch (and once before
 *       training). Its evaluation is timed separately and is not counted as training time;</li>
 *   <li><b>to reach the target</b>: the first epoch whose training loss is ≤ the target, the updates made by then
 *       and the training time spent by then (resolution: one epoch), or "not reached" within the epochs;</li>
 *   <li><b>noise</b>: how far the loss of the batch an update is computed on strays from the loss of the whole
 *       training set at the same weights ({@link ModeResult#batchLossNoise()}; the gradient is estimated from the
 *       same batch), and the share of epochs in which the training loss rose;</li>
 *   <li>final training loss and test accuracy.</li>
 * </ul>
 *
 * <p>What to expect: stochastic makes N updates per epoch, each the cheapest and the noisiest, and gets furthest per
 * epoch; batch makes one smooth, exact update per epoch; mini-batch is in between and costs little more per update
 * than stochastic, so per example it is far cheaper. On a data set as small as iris (N = 120) even the whole batch
 * costs only a few single-example updates, so batch gradient descent can reach a target in the least time: "batch is
 * slow" is a statement about large N.
 *
 * <pre>{@code
 * LabelledData iris = LabelledData.fromCsv(Path.of("datasets/iris.csv"), "species");
 * GradientDescentExperiment.Result r =
 *         GradientDescentExperiment.run(iris, GradientDescentExperiment.Settings.defaults());
 * System.out.print(r.table());
 * r.writePlots(Path.of("plots"), false);
 * }</pre>
 */
public final class GradientDescentExperiment {

    /** Units of the hidden layers by default: see {@link Settings#hidden()}. */
    static final int[] DEFAULT_HIDDEN = {256, 256};
    /** Share of each class held out to measure test accuracy. */
    public static final double TEST_FRACTION = 0.2;
    /** Updates made on a throw-away copy of the network before each mode is timed. */
    public static final int WARM_UP_UPDATES = 100;
    /** Default shared SGD learning rate. */
    public static final double DEFAULT_LEARNING_RATE = 0.05;
    /** Default number of epochs per mode. */
    public static final int DEFAULT_EPOCHS = 40;
    /** Default target training loss (mean cross-entropy). */
    public static final double DEFAULT_TARGET_LOSS = 0.2;

    private GradientDescentExperiment() {
    }

    /**
     * The experiment's knobs.
     *
     * @param hidden       units of each hidden layer. The default, two layers of 256, is large enough that the
     *                     arithmetic of an update, which grows with the batch, shows next to DL4J's fixed cost per
     *                     update (about half a millisecond on a small CPU, whatever the batch): with dlkit's default
     *                     single layer of 32 units every update costs about the same, from 1 example to 120, and
     *                     "time per update" would measure the framework rather than the mode
     * @param batchSize    examples per update of the mini-batch mode (between 2 and the training-set size − 1, so
     *                     that it differs from the other two modes)
     * @param epochs       passes over the training data, per mode
     * @param targetLoss   the training loss each mode races to
     * @param learningRate η of the shared plain-SGD updater
     * @param seed         one seed for the split, the initial weights and the shuffling
     */
    public record Settings(int[] hidden, int batchSize, int epochs, double targetLoss, double learningRate,
                           long seed) {

        public Settings {
            if (hidden.length == 0 || Arrays.stream(hidden).anyMatch(u -> u < 1)) {
                throw new DlkitException("--hidden " + Arrays.toString(hidden) + " is invalid; expected one or more "
                        + "positive layer sizes, e.g. 256,256");
            }
            hidden = hidden.clone();
            if (batchSize < 2) {
                throw new DlkitException("--batch-size " + batchSize + " is invalid; expected a mini-batch size of at "
                        + "least 2 (1 is the stochastic mode, which the experiment runs anyway)");
            }
            if (epochs < 1) {
                throw new DlkitException("--epochs " + epochs + " is invalid; expected a positive integer");
            }
            requirePositive("--target-loss", targetLoss);
            requirePositive("--learning-rate", learningRate);
        }

        /**
         * Hidden layers 256,256, mini-batches of {@value GradientDescent#DEFAULT_BATCH_SIZE}, {@value #DEFAULT_EPOCHS}
         * epochs, target loss {@value #DEFAULT_TARGET_LOSS}, learning rate {@value #DEFAULT_LEARNING_RATE}, seed 42.
         */
        public static Settings defaults() {
            return new Settings(DEFAULT_HIDDEN, GradientDescent.DEFAULT_BATCH_SIZE, DEFAULT_EPOCHS,
                    DEFAULT_TARGET_LOSS, DEFAULT_LEARNING_RATE, 42);
        }

        @Override
        public int[] hidden() {
            return hidden.clone();
        }

        private static void requirePositive(String option, double value) {
            if (!(value > 0) || Double.isInfinite(value)) {
                throw new DlkitException(option + " " + value + " is invalid; expected a finite number > 0");
            }
        }
    }

    /**
     * Everything the experiment measured.
     *
     * @param dataset       where the data came from
     * @param trainExamples rows the modes train on
     * @param testExamples  held-out rows
     * @param settings      the settings it ran with
     * @param network       the network every mode trained (same spec, same seed)
     * @param modes         batch, stochastic and mini-batch, in that order
     */
    public record Result(String dataset, int trainExamples, int testExamples, Settings settings, NetworkSpec network,
                         List<ModeResult> modes) {

        public Result {
            modes = List.copyOf(modes);
        }

        /** The result of the mode named {@code name} ({@code batch}, {@code stochastic} or {@code mini-batch}). */
        public ModeResult mode(String name) {
            return modes.stream().filter(m -> m.mode().name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no mode " + name));
        }

        /** The modes side by side, one column each, one measurement per row, with a header naming the set-up. */
        public String table() {
            return ComparisonTable.render(this);
        }

        /**
         * Writes the loss curves (training loss per epoch; mini-batch loss per update on a log x axis) as PNGs into
         * {@code dir} (created if missing) and returns the files.
         *
         * @throws DlkitException if a file exists and {@code force} is false (then nothing is written)
         */
        public List<Path> writePlots(Path dir, boolean force) {
            return LossCurvePlots.write(this, dir, force);
        }
    }

    /**
     * One mode's measurements. Arrays are copies; epoch numbers count from 1. A run whose training loss stops being a
     * finite number has diverged (learning rate too large) and stops after that epoch.
     *
     * @param mode              the gradient-descent mode
     * @param batchSize         examples per update
     * @param updatesPerEpoch   updates in one epoch: ⌈N / batch size⌉
     * @param examplesPerEpoch  examples the updates of each epoch saw, summed over its batches
     * @param updateNanos       the time of each {@code net.fit(batch)}, in order
     * @param gcDuringUpdate    whether the JVM collected garbage during that update
     * @param updateLoss        the loss of the mini-batch each update was computed on (before that update)
     * @param epochNanos        training time of each epoch (batches taken from memory + updates), evaluation excluded
     * @param trainLoss         mean loss over the whole training set: index 0 before training, index e after epoch e
     * @param evaluationNanos   time spent evaluating {@code trainLoss}, not counted as training time
     * @param testAccuracy      accuracy on the held-out rows after the last epoch; NaN if the run diverged
     */
    public record ModeResult(GradientDescent mode, int batchSize, int updatesPerEpoch, int[] examplesPerEpoch,
                             long[] updateNanos, boolean[] gcDuringUpdate, double[] updateLoss, long[] epochNanos,
                             double[] trainLoss, long evaluationNanos, double testAccuracy) {

        /** An update slower than this multiple of its mode's median update was interrupted. */
        public static final double INTERRUPTED = 3;

        public ModeResult {
            examplesPerEpoch = examplesPerEpoch.clone();
            updateNanos = updateNanos.clone();
            gcDuringUpdate = gcDuringUpdate.clone();
            updateLoss = updateLoss.clone();
            epochNanos = epochNanos.clone();
            trainLoss = trainLoss.clone();
        }

        @Override
        public int[] examplesPerEpoch() {
            return examplesPerEpoch.clone();
        }

        @Override
        public long[] updateNanos() {
            return updateNanos.clone();
        }

        @Override
        public boolean[] gcDuringUpdate() {
            return gcDuringUpdate.clone();
        }

        /**
         * Whether each update was interrupted: the JVM collected garbage during it, or it took more than
         * {@value #INTERRUPTED} × the median update of this mode (its thread was paused while another process ran).
         * Such an update's time measures the pause, not the update.
         */
        public boolean[] interrupted() {
            double limit = INTERRUPTED * Stats.median(updateNanos);
            boolean[] interrupted = new boolean[updateNanos.length];
            for (int u = 0; u < interrupted.length; u++) {
                interrupted[u] = gcDuringUpdate[u] || updateNanos[u] > limit;
            }
            return interrupted;
        }

        @Override
        public double[] updateLoss() {
            return updateLoss.clone();
        }

        @Override
        public long[] epochNanos() {
            return epochNanos.clone();
        }

        @Override
        public double[] trainLoss() {
            return trainLoss.clone();
        }

        /** Epochs trained (fewer than asked for if the run diverged). */
        public int epochs() {
            return epochNanos.length;
        }

        /** True when the training loss became infinite or NaN: the learning rate is too large for this mode. */
        public boolean diverged() {
            return !Double.isFinite(finalTrainLoss());
        }

        /** Updates made over all epochs. */
        public int updates() {
            return updateNanos.length;
        }

        /** Interrupted updates: left out of the per-update times. */
        public int interruptedUpdates() {
            int n = 0;
            for (boolean i : interrupted()) {
                n += i ? 1 : 0;
            }
            return n;
        }

        /** Mean wall time of one update, in microseconds, over the updates that were not interrupted. */
        public double meanUpdateMicros() {
            return Stats.mean(timedUpdates()) / 1e3;
        }

        /** Median wall time of one update, in microseconds, over the updates that were not interrupted. */
        public double medianUpdateMicros() {
            return Stats.median(timedUpdates()) / 1e3;
        }

        private long[] timedUpdates() {
            boolean[] interrupted = interrupted();
            return IntStream.range(0, updateNanos.length).filter(u -> !interrupted[u])
                    .mapToLong(u -> updateNanos[u]).toArray();
        }

        /** Update time per example: {@link #meanUpdateMicros()} / batch size (the last batch may be smaller). */
        public double microsPerExample() {
            return meanUpdateMicros() * updates() / Arrays.stream(examplesPerEpoch).asLongStream().sum();
        }

        /** Mean training time of one epoch, in milliseconds. */
        public double meanEpochMillis() {
            return Stats.mean(epochNanos) / 1e6;
        }

        /** The training loss after the last epoch. */
        public double finalTrainLoss() {
            return trainLoss[trainLoss.length - 1];
        }

        /** The first epoch after which the training loss is ≤ {@code target}; 0 if it already was; empty if never. */
        public OptionalInt epochsToReach(double target) {
            for (int e = 0; e < trainLoss.length; e++) {
                if (trainLoss[e] <= target) {
                    return OptionalInt.of(e);
                }
            }
            return OptionalInt.empty();
        }

        /** Updates made by the end of {@link #epochsToReach}. */
        public OptionalLong updatesToReach(double target) {
            OptionalInt e = epochsToReach(target);
            return e.isPresent() ? OptionalLong.of((long) e.getAsInt() * updatesPerEpoch) : OptionalLong.empty();
        }

        /** Training time, in milliseconds, spent by the end of {@link #epochsToReach}. */
        public OptionalDouble millisToReach(double target) {
            OptionalInt e = epochsToReach(target);
            return e.isPresent() ? OptionalDouble.of(Stats.sum(Arrays.copyOf(epochNanos, e.getAsInt())) / 1e6)
                    : OptionalDouble.empty();
        }

        /**
         * How noisy the loss an update sees is, as an estimate of the training loss:
         * sqrt(mean_e (ℓ_B(θ_e) − ℓ_train(θ_e))²) over the epochs e, where θ_e are the weights at the start of epoch e,
         * ℓ_B the loss of the epoch's first batch (which the first update computes at θ_e) and ℓ_train the loss of the
         * whole training set (evaluated at θ_e after the previous epoch). 0 for batch mode, whose batch is the
         * training set; larger the fewer examples a batch holds. This is the scatter of the thin per-update curves
         * around the thick training-loss curve in the plot.
         */
        public double batchLossNoise() {
            double squares = 0;
            for (int e = 0; e < epochs(); e++) {
                double d = updateLoss[e * updatesPerEpoch] - trainLoss[e];
                squares += d * d;
            }
            return Math.sqrt(squares / epochs());
        }

        /** Share of epochs after which the full training loss was higher than before them. */
        public double shareOfEpochsLossRose() {
            int rose = 0;
            for (int e = 1; e < trainLoss.length; e++) {
                if (trainLoss[e] > trainLoss[e - 1]) {
                    rose++;
                }
            }
            return (double) rose / epochs();
        }
    }

    /**
     * The PNG files {@link Result#writePlots} writes into {@code dir}; throws {@link DlkitException} now if one exists
     * and {@code force} is false, so that a caller can fail before the experiment runs.
     */
    public static List<Path> checkPlotsWritable(Path dir, boolean force) {
        return LossCurvePlots.checkWritable(dir, force);
    }

    /** The three modes in order: {@link GradientDescent#BATCH}, {@link GradientDescent#STOCHASTIC}, mini-batch. */
    public static List<GradientDescent> modes(int batchSize) {
        return List.of(GradientDescent.BATCH, GradientDescent.STOCHASTIC, GradientDescent.miniBatch(batchSize));
    }

    /** The network every mode trains, with each DL4J default (activation, init, updater, seed, type) explicit. */
    public static NetworkSpec network(int inputs, int classes, Settings settings) {
        return NetworkSpec.of(inputs, settings.hidden(), classes, ActivationRule.ruleOfThumb(), null,
                new Sgd(settings.learningRate()), 0, settings.seed(), DataType.FLOAT);
    }

    /** Splits and standardises {@code data}, then trains and measures the network in each of the three modes. */
    public static Result run(LabelledData data, Settings settings) {
        PreparedData prepared = PreparedData.of(data, new PreparedData.Split(TEST_FRACTION, 0, settings.seed()), w -> { });
        int n = prepared.train().numExamples();
        if (n < 3) {
            throw new DlkitException(String.format(Locale.ROOT,
                    "%s: the training part has %d rows, too few to compare the modes: "
                    + "a mini-batch lies between stochastic (1 row) and batch (all %d), so the experiment needs at least "
                    + "3 training rows", data.source(), n, n));
        }
        if (settings.batchSize() >= n) {
            throw new DlkitException(String.format(Locale.ROOT,
                    "--batch-size %d is invalid for %s: the training part has %d rows, "
                    + "so the mini-batch would be the whole batch; expected 2 to %d", settings.batchSize(),
                    data.source(), n, n - 1));
        }
        DataSet train = prepared.train();
        DataSet test = prepared.test();

        NetworkSpec spec = network(prepared.numInputs(), data.numClasses(), settings);
        MultiLayerConfiguration conf = spec.toConfiguration();
        List<ModeResult> results = new ArrayList<>();
        try (TrainingLoss trainingLoss = new TrainingLoss(conf, train)) {
            List<ModeRun> runs = modes(settings.batchSize()).stream()
                    .map(mode -> new ModeRun(mode, conf, train, trainingLoss, settings.epochs(), settings.seed()))
                    .toList();
            runs.forEach(run -> run.warmUp(WARM_UP_UPDATES));
            for (ModeRun run : runs) {
                System.gc(); // neither the warm-up's garbage nor the previous mode's is charged to this mode
                for (int e = 0; e < settings.epochs(); e++) {
                    if (!run.trainEpoch()) {
                        break; // diverged: the loss is no longer a number
                    }
                }
                results.add(run.result(test, data.classNames()));
            }
        }
        return new Result(String.valueOf(data.source()), n, test.numExamples(), settings, spec, results);
    }
}
