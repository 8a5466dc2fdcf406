package org.dlkit.experiment;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The mean loss over the whole training set of a network's current weights, computed on a thread of its own by a
 * copy of the network. DL4J keeps its workspaces per thread and resizes them when the batch shape changes, so
 * evaluating all N rows on the training thread would make that thread's next update pay for the resize (and a
 * stochastic run would resize twice per epoch); on its own thread the evaluation leaves training undisturbed.
 */
final class TrainingLoss implements AutoCloseable {

    private final DataSet train;
    private final MultiLayerNetwork copy;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "dlkit-training-loss");
        t.setDaemon(true);
        return t;
    });

    TrainingLoss(MultiLayerConfiguration conf, DataSet train) {
        this.train = train;
        this.copy = new MultiLayerNetwork(conf.clone());
        copy.init();
    }

    /** The loss of {@code net}'s weights on the training set; blocks until it is computed. */
    double of(MultiLayerNetwork net) {
        copy.setParams(net.params());
        Future<Double> loss = thread.submit(() -> copy.score(train));
        try {
            return loss.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while evaluating the training loss", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("evaluating the training loss failed", e.getCause());
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
