package org.dlkit.train;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dlkit.data.EpochIterator;
import org.nd4j.linalg.dataset.DataSet;

/**
 * "Train the network": the fit loop, one place for everything that watches it. Each epoch starts the iterator at the
 * network's own epoch counter, so the batches of epoch e are the same whether or not the run was resumed.
 */
public final class Trainer {

    private final TrainingObserver observer;

    public Trainer(TrainingObserver observer) {
        this.observer = observer;
    }

    /** Trains {@code net} on {@code batches} until it has seen {@code epochs} epochs in total. */
    public void fit(MultiLayerNetwork net, EpochIterator batches, int epochs) {
        observer.trainingStarted(epochs);
        try {
            while (net.getEpochCount() < epochs) {
                batches.startEpoch(net.getEpochCount());
                double lossSum = 0;
                int examples = 0;
                while (batches.hasNext()) {
                    DataSet batch = batches.next();
                    net.fit(batch);
                    lossSum += net.score() * batch.numExamples();
                    examples += batch.numExamples();
                }
                net.incrementEpochCount();
                observer.epochFinished(net.getEpochCount(), lossSum / examples);
            }
        } finally {
            observer.trainingFinished();
        }
    }
}
