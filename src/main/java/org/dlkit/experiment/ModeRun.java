package org.dlkit.experiment;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dlkit.data.EpochIterator;
import org.dlkit.data.GradientDescent;
import org.dlkit.eval.EvaluationReport;
import org.dlkit.experiment.GradientDescentExperiment.ModeResult;
import org.nd4j.linalg.dataset.DataSet;

/**
 * One mode of the {@link GradientDescentExperiment}: its own network (from the shared configuration, so the same
 * initial weights) and iterator, trained one epoch at a time with a clock around every update, and the full training
 * loss evaluated on its own clock after each epoch. It is its own loop rather than {@link Trainer}'s because it times
 * each {@code net.fit(batch)} and keeps the loss evaluation out of that time.
 */
final class ModeRun {

    private static final List<GarbageCollectorMXBean> COLLECTORS = ManagementFactory.getGarbageCollectorMXBeans();

    private final GradientDescent mode;
    private final MultiLayerNetwork net;
    private final TrainingLoss trainingLoss;
    private final EpochIterator batches;
    private final int updatesPerEpoch;
    private final long[] updateNanos;
    private final boolean[] gcDuringUpdate;
    private final double[] updateLoss;
    private final long[] epochNanos;
    private final int[] examples;
    private final double[] trainLoss;
    private long evaluationNanos;
    private int updates;
    private int epochsDone;

    ModeRun(GradientDescent mode, MultiLayerConfiguration conf, DataSet train, TrainingLoss trainingLoss, int epochs,
            long seed) {
        this.mode = mode;
        this.net = new MultiLayerNetwork(conf.clone());
        net.init();
        this.trainingLoss = trainingLoss;
        this.batches = mode.iterator(train, seed);
        this.updatesPerEpoch = (train.numExamples() + batches.batch() - 1) / batches.batch();
        this.updateNanos = new long[epochs * updatesPerEpoch];
        this.gcDuringUpdate = new boolean[updateNanos.length];
        this.updateLoss = new double[updateNanos.length];
        this.epochNanos = new long[epochs];
        this.examples = new int[epochs];
        this.trainLoss = new double[epochs + 1];
        trainLoss[0] = evaluate();
    }

    /** {@code updates} updates of this mode on a copy of the network that is then dropped (JIT and native warm-up). */
    void warmUp(int updates) {
        MultiLayerNetwork copy = net.clone();
        for (int i = 0; i < updates; i++) {
            if (!batches.hasNext()) {
                batches.reset();
            }
            copy.fit(batches.next());
        }
    }

    /**
     * Trains the next epoch, timing each update, then evaluates the training loss off the clock.
     *
     * @return false when the training loss is no longer a finite number: the run diverged and cannot go on
     */
    boolean trainEpoch() {
        int e = epochsDone++;
        batches.startEpoch(e);
        long epochStart = System.nanoTime();
        while (batches.hasNext()) {
            DataSet batch = batches.next();
            long gcBefore = collections();
            long start = System.nanoTime();
            net.fit(batch);
            updateNanos[updates] = System.nanoTime() - start;
            gcDuringUpdate[updates] = collections() != gcBefore;
            updateLoss[updates++] = net.score();
            examples[e] += batch.numExamples();
        }
        epochNanos[e] = System.nanoTime() - epochStart;
        net.incrementEpochCount();
        trainLoss[e + 1] = evaluate();
        return Double.isFinite(trainLoss[e + 1]);
    }

    /** The measurements of the epochs trained, with the test accuracy of the network (NaN if it diverged). */
    ModeResult result(DataSet test, List<String> classNames) {
        boolean diverged = !Double.isFinite(trainLoss[epochsDone]);
        double accuracy = diverged ? Double.NaN
                : EvaluationReport.of(net, test.getFeatures(), test.getLabels(), classNames).accuracy();
        return new ModeResult(mode, batches.batch(), updatesPerEpoch, Arrays.copyOf(examples, epochsDone),
                Arrays.copyOf(updateNanos, updates), Arrays.copyOf(gcDuringUpdate, updates),
                Arrays.copyOf(updateLoss, updates), Arrays.copyOf(epochNanos, epochsDone),
                Arrays.copyOf(trainLoss, epochsDone + 1), evaluationNanos, accuracy);
    }

    private double evaluate() {
        long start = System.nanoTime();
        double loss = trainingLoss.of(net);
        evaluationNanos += System.nanoTime() - start;
        return loss;
    }

    private static long collections() {
        long n = 0;
        for (GarbageCollectorMXBean gc : COLLECTORS) {
            n += gc.getCollectionCount();
        }
        return n;
    }
}
