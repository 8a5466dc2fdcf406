package org.dlkit.train;

import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dlkit.data.EpochIterator;
import org.dlkit.data.GradientDescent;
import org.dlkit.eval.EvaluationReport;
import org.dlkit.train.GradientDescentExperiment.ModeResult;
import org.dlkit.train.GradientDescentExperiment.Settings;
import org.nd4j.linalg.dataset.DataSet;

/**
 * One mode of the {@link GradientDescentExperiment}: warm up, then train epoch by epoch with a clock around every
 * update and the full training loss evaluated (on its own clock) after each epoch. It is its own loop rather than
 * {@link Trainer}'s because it times each {@code net.fit(batch)} and keeps the loss evaluation out of that time.
 */
final class ModeRun {

    private ModeRun() {
    }

    static ModeResult run(GradientDescent mode, MultiLayerConfiguration conf, DataSet train, DataSet test,
                          List<String> classNames, Settings settings) {
        MultiLayerNetwork net = new MultiLayerNetwork(conf.clone());
        net.init();
        warmUp(net.clone(), mode.iterator(train, settings.seed()));

        EpochIterator batches = mode.iterator(train, settings.seed());
        int epochs = settings.epochs();
        int batchSize = batches.batch();
        int perEpoch = (train.numExamples() + batchSize - 1) / batchSize;
        long[] updateNanos = new long[epochs * perEpoch];
        double[] updateLoss = new double[epochs * perEpoch];
        long[] epochNanos = new long[epochs];
        int[] examples = new int[epochs];
        double[] trainLoss = new double[epochs + 1];
        long evaluationNanos = 0;

        long t0 = System.nanoTime();
        trainLoss[0] = net.score(train);
        evaluationNanos += System.nanoTime() - t0;
        int u = 0;
        for (int e = 0; e < epochs; e++) {
            batches.startEpoch(e);
            long epochStart = System.nanoTime();
            while (batches.hasNext()) {
                DataSet batch = batches.next();
                long start = System.nanoTime();
                net.fit(batch);
                updateNanos[u] = System.nanoTime() - start;
                updateLoss[u++] = net.score();
                examples[e] += batch.numExamples();
            }
            epochNanos[e] = System.nanoTime() - epochStart;
            net.incrementEpochCount();
            t0 = System.nanoTime();
            trainLoss[e + 1] = net.score(train);
            evaluationNanos += System.nanoTime() - t0;
        }
        double accuracy = EvaluationReport.of(net, test.getFeatures(), test.getLabels(), classNames).accuracy();
        return new ModeResult(mode, batchSize, perEpoch, examples, updateNanos, updateLoss, epochNanos, trainLoss,
                evaluationNanos, accuracy);
    }

    /** {@value GradientDescentExperiment#WARM_UP_UPDATES} updates of this mode on a copy that is then dropped. */
    private static void warmUp(MultiLayerNetwork copy, EpochIterator batches) {
        for (int i = 0; i < GradientDescentExperiment.WARM_UP_UPDATES; i++) {
            if (!batches.hasNext()) {
                batches.reset();
            }
            copy.fit(batches.next());
        }
    }
}
