package org.dlkit.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dlkit.Classifier;
import org.dlkit.data.GradientDescent;
import org.dlkit.data.EpochIterator;
import org.dlkit.data.LabelledData;
import org.dlkit.data.FeatureTransform;
import org.dlkit.data.PreparedData;
import org.dlkit.engine.Device;
import org.dlkit.engine.Devices;
import org.dlkit.engine.Dl4jMlp;
import org.dlkit.engine.EngineChoice;
import org.dlkit.engine.EngineNetwork;
import org.dlkit.train.EpochRecord;
import org.dlkit.train.TrainingObserver;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * One updater of the standard MLP trained four ways in one JVM, on the same training rows, in two interleaved pairs:
 * (1) through {@link Classifier} held to DL4J's fit loop ({@code --engine dl4j}) with its default supervision
 * (validation part, per-epoch history, diagnostics every 10 iterations, early stopping, checkpoints every 5 epochs,
 * divergence stop) against a plain DL4J loop, {@code net.fit(batch)} over batches built once; (2) through
 * {@link Classifier} as a user gets it (engine auto: dlkit's engine on the float CPU device, same supervision)
 * against a plain loop on that engine ({@code EngineNetwork.load} and {@code trainStep} over the same batches,
 * converted to floats once). Each pair alternates epoch by epoch: after each of the Classifier's epochs (from its
 * observer, outside the Classifier's timed interval) its plain loop runs one epoch, so a machine that slows down or
 * speeds up during the run moves both sides alike. The first epoch of each (JIT, workspaces) is left out.
 */
final class FitComparison {

    /**
     * Seconds per epoch of each run: wall time, and the training thread's CPU time (all of the work with one OpenMP and
     * one BLAS thread; it shows the cost of each side where other processes share the cores).
     *
     * @param updater    the updater's name
     * @param rows       training rows per epoch
     * @param wrapper    the epochs of the Classifier held to DL4J's fit loop ({@code --engine dl4j}), in order
     * @param plain      the plain loop's epochs, in order
     * @param wrapperCpu CPU seconds of the Classifier's epochs
     * @param plainCpu   CPU seconds of the plain loop's epochs
     * @param engine     the epochs of the Classifier with its defaults (engine auto: dlkit's engine where it applies)
     * @param engineCpu  CPU seconds of those
     * @param engineLoop the plain loop's epochs on dlkit's engine
     * @param engineLoopCpu CPU seconds of those
     * @param defaultEngine the engine line of the default Classifier's run (which engine auto chose, and why)
     */
    record Result(String updater, int rows, double[] wrapper, double[] plain, double[] wrapperCpu,
                  double[] plainCpu, double[] engine, double[] engineCpu, double[] engineLoop,
                  double[] engineLoopCpu, String defaultEngine) {

        double engineExamplesPerSecond() {
            return rows / median(engine);
        }

        double engineLoopExamplesPerSecond() {
            return rows / median(engineLoop);
        }

        double wrapperExamplesPerSecond() {
            return rows / median(wrapper);
        }

        double plainExamplesPerSecond() {
            return rows / median(plain);
        }

        /** Wrapper speed / plain speed. */
        double ratio() {
            return wrapperExamplesPerSecond() / plainExamplesPerSecond();
        }

        /** Wrapper speed / plain speed in CPU time of the training thread. */
        double cpuRatio() {
            return median(plainCpu) / median(wrapperCpu);
        }
    }

    private FitComparison() {
    }

    /** The job's settings: the standard MLP's hidden layers and batch size, the default supervision. */
    static Classifier.Builder settings(IUpdater updater, long seed) {
        return Classifier.builder().hidden(512, 256).updater(updater)
                .gradientDescent(GradientDescent.miniBatch(BATCH)).testFraction(TEST_FRACTION)
                .validationFraction(Classifier.DEFAULT_VALIDATION_FRACTION).seed(seed);
    }

    static final int BATCH = 128;
    static final double TEST_FRACTION = 0.2;

    static Result measure(LabelledData data, IUpdater updater, int epochs, long seed, Path work) {
        String name = updater.getClass().getSimpleName();
        List<DataSet> batches = plainBatches(data, seed);
        int rows = batches.stream().mapToInt(DataSet::numExamples).sum();
        // 1. the Classifier held to DL4J's fit loop (--engine dl4j), interleaved with plain DL4J
        Classifier dl4j = settings(updater, seed).epochs(epochs).engine(EngineChoice.DL4J)
                .checkpoints(work.resolve(name + ".dl4j.checkpoints"), Classifier.DEFAULT_CHECKPOINT_EVERY).build();
        MultiLayerNetwork plainNet = plainNetwork(dl4j, data);
        EpochTimes plain = new EpochTimes(null);
        EpochTimes wrapper = new EpochTimes(() -> plainEpoch(plainNet, batches, plain));
        plain.trainingStarted(epochs);
        dl4j.fit(data, wrapper);
        // 2. the Classifier as a user gets it (engine auto: dlkit's engine here), interleaved with a plain engine loop
        Classifier byDefault = settings(updater, seed).epochs(epochs)
                .checkpoints(work.resolve(name + ".checkpoints"), Classifier.DEFAULT_CHECKPOINT_EVERY).build();
        List<EpochIterator.RowMajor> floatBatches = batches.stream().map(EpochIterator.RowMajor::of).toList();
        EpochTimes engineLoop = new EpochTimes(null);
        EpochTimes engine;
        String defaultEngine;
        try (Device device = Devices.cpuFloat()) {
            EngineNetwork net = new EngineNetwork(device, Dl4jMlp.of(plainNetwork(byDefault, data)), BATCH);
            engine = new EpochTimes(() -> engineEpoch(net, floatBatches, engineLoop));
            engineLoop.trainingStarted(epochs);
            defaultEngine = String.valueOf(byDefault.fit(data, engine).info().settings().get("engine"));
        }
        return new Result(name, rows, wrapper.wall(), plain.wall(), wrapper.cpu(), plain.cpu(), engine.wall(),
                engine.cpu(), engineLoop.wall(), engineLoop.cpu(), defaultEngine);
    }

    /** One epoch of {@code trainStep} over {@code batches} on dlkit's engine; times to {@code times}. */
    private static void engineEpoch(EngineNetwork net, List<EpochIterator.RowMajor> batches, EpochTimes times) {
        times.restart();
        for (EpochIterator.RowMajor batch : batches) {
            int rows = batch.labels().length / batch.outputs();
            net.load(batch.features(), batch.labels(), rows);
            net.trainStep(rows);
        }
        net.takeLossSum();
        times.epochFinished(null);
    }

    /** The Classifier's own DL4J configuration, as a plain network. */
    private static MultiLayerNetwork plainNetwork(Classifier classifier, LabelledData data) {
        int inputs = FeatureTransform.fit(data, warning -> { }).outputNames().size();
        MultiLayerNetwork net = new MultiLayerNetwork(classifier.configuration(inputs, data.numClasses()));
        net.init();
        return net;
    }

    /** The rows the Classifier trains on (the same seeded splits), standardised, in batches of {@link #BATCH}. */
    private static List<DataSet> plainBatches(LabelledData data, long seed) {
        PreparedData prepared = PreparedData.of(data,
                new PreparedData.Split(TEST_FRACTION, Classifier.DEFAULT_VALIDATION_FRACTION, seed), warning -> { });
        return prepared.train().batchBy(BATCH);
    }

    /** One epoch of {@code net.fit(batch)} over {@code batches}; times to {@code times}. */
    private static void plainEpoch(MultiLayerNetwork net, List<DataSet> batches, EpochTimes times) {
        times.restart();
        for (DataSet batch : batches) {
            net.fit(batch);
        }
        Nd4j.getExecutioner().commit();
        times.epochFinished(null);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /**
     * Wall and CPU seconds between epoch ends (the first from the start of training), leaving out the first epoch of
     * each run (JIT compilation, workspaces); after each epoch, {@code between} runs (null: nothing), outside the
     * timed intervals.
     */
    private static final class EpochTimes implements TrainingObserver {
        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
        private final List<Double> wall = new ArrayList<>();
        private final List<Double> cpu = new ArrayList<>();
        private long lastWall;
        private long lastCpu;
        private boolean first;
        private final Runnable between;

        EpochTimes(Runnable between) {
            this.between = between;
        }

        @Override
        public void trainingStarted(int epochs) {
            restart();
            first = true;
        }

        /** Starts timing the next epoch from now. */
        void restart() {
            lastWall = System.nanoTime();
            lastCpu = THREADS.getCurrentThreadCpuTime();
        }

        @Override
        public void epochFinished(EpochRecord record) {
            long nowWall = System.nanoTime();
            long nowCpu = THREADS.getCurrentThreadCpuTime();
            if (!first) {
                wall.add((nowWall - lastWall) / 1e9);
                cpu.add((nowCpu - lastCpu) / 1e9);
            }
            first = false;
            if (between != null) {
                between.run();
            }
            restart();
        }

        double[] wall() {
            return wall.stream().mapToDouble(Double::doubleValue).toArray();
        }

        double[] cpu() {
            return cpu.stream().mapToDouble(Double::doubleValue).toArray();
        }
    }
}
