package org.dlkit.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dlkit.Classifier;
import org.dlkit.data.GradientDescent;
import org.dlkit.data.LabelledData;
import org.dlkit.data.StratifiedSplit;
import org.dlkit.train.EpochRecord;
import org.dlkit.train.TrainingObserver;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * One updater of the standard MLP trained two ways in one JVM, on the same training rows: through {@link Classifier}
 * with its default supervision (validation part, per-epoch history, diagnostics every 10 iterations, early stopping,
 * checkpoints every 5 epochs, divergence stop) and through a plain DL4J loop, {@code net.fit(batch)} over batches built
 * once. Plain, wrapper, plain again: the plain speed is the median of both plain runs, so a machine that slows down
 * or speeds up during the run moves both sides. The first epoch of each run (JIT, workspaces) is left out.
 */
final class FitComparison {

    /**
     * Seconds per epoch of each run.
     *
     * @param updater   the updater's name
     * @param rows      training rows per epoch
     * @param wrapper   the Classifier's epochs, in order
     * @param plain     the plain loop's epochs, both runs in order
     */
    record Result(String updater, int rows, double[] wrapper, double[] plain) {

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
        Classifier classifier = settings(updater, seed).epochs(epochs)
                .checkpoints(work.resolve(name + ".checkpoints"), Classifier.DEFAULT_CHECKPOINT_EVERY).build();
        List<DataSet> batches = plainBatches(data, seed);
        int rows = batches.stream().mapToInt(DataSet::numExamples).sum();
        List<Double> plain = new ArrayList<>(plainEpochs(plainNetwork(classifier, data), batches, epochs));
        EpochTimes wrapper = new EpochTimes();
        classifier.fit(data, wrapper);
        plain.addAll(plainEpochs(plainNetwork(classifier, data), batches, epochs));
        return new Result(name, rows, withoutFirst(wrapper.seconds),
                plain.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** The Classifier's own DL4J configuration, as a plain network. */
    private static MultiLayerNetwork plainNetwork(Classifier classifier, LabelledData data) {
        MultiLayerNetwork net = new MultiLayerNetwork(classifier.configuration(data.numFeatures(), data.numClasses()));
        net.init();
        return net;
    }

    /** The rows the Classifier trains on (the same seeded splits), standardised, in batches of {@link #BATCH}. */
    private static List<DataSet> plainBatches(LabelledData data, long seed) {
        StratifiedSplit test = StratifiedSplit.of(data, TEST_FRACTION, seed);
        LabelledData trainRows = StratifiedSplit.of(test.train(), Classifier.DEFAULT_VALIDATION_FRACTION, seed).train();
        DataSet train = trainRows.toDataSet(DataType.FLOAT);
        NormalizerStandardize normalizer = new NormalizerStandardize();
        normalizer.fit(train);
        normalizer.transform(train);
        return train.batchBy(BATCH);
    }

    /** Seconds of each epoch but the first of {@code net.fit(batch)} over {@code batches}. */
    private static List<Double> plainEpochs(MultiLayerNetwork net, List<DataSet> batches, int epochs) {
        List<Double> seconds = new ArrayList<>();
        for (int epoch = 0; epoch < epochs; epoch++) {
            long start = System.nanoTime();
            for (DataSet batch : batches) {
                net.fit(batch);
            }
            Nd4j.getExecutioner().commit();
            if (epoch > 0) {
                seconds.add((System.nanoTime() - start) / 1e9);
            }
        }
        return seconds;
    }

    private static double[] withoutFirst(List<Double> seconds) {
        return seconds.stream().skip(1).mapToDouble(Double::doubleValue).toArray();
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** Seconds between the Classifier's epoch ends (the first from the start of training). */
    private static final class EpochTimes implements TrainingObserver {
        private final List<Double> seconds = new ArrayList<>();
        private long last;

        @Override
        public void trainingStarted(int epochs) {
            last = System.nanoTime();
        }

        @Override
        public void epochFinished(EpochRecord record) {
            long now = System.nanoTime();
            seconds.add((now - last) / 1e9);
            last = now;
        }
    }
}
