package org.dlkit.train;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;
import org.dlkit.data.EpochIterator;

import java.util.OptionalInt;

/**
 * Computes an epoch's parameter updates somewhere other than this JVM's own fit loop, for example data-parallel on a
 * Spark cluster ({@link SparkSettings}). The {@link Trainer} keeps everything around the epoch as it is: the history,
 * early stopping, checkpoints and the divergence check (after each epoch instead of each batch).
 */
public interface EpochRunner {

    /**
     * Prepares a run of {@code net} over the rows behind {@code batches} (its epochs' orders are the ones the local
     * fit loop would use); the session is closed when training ends, normally or not.
     */
    Session start(MultiLayerNetwork net, EpochIterator batches, TrainingObserver observer);

    /** One run's connection to the place where the updates are computed. */
    interface Session extends AutoCloseable {

        /**
         * One pass over the training rows, in the order of epoch {@code net.getEpochCount()}: updates the network's
         * parameters (and updater state) in place, leaves its epoch counter alone, and returns the training loss.
         */
        double runEpoch();

        /**
         * A checkpoint of the network is about to be written: the network's updater state (and anything else the
         * session keeps apart from it) must be up to date; the session then continues from exactly what the
         * checkpoint holds, as a run resumed from it will.
         */
        default void beforeCheckpoint() {
        }

        /**
         * Loss (mean loss + the regularisation term, as DL4J scores) and accuracy of the current parameters on
         * {@code data}, measured where the session computes; null (the default): the {@link Trainer} measures them on
         * the network, whose parameters {@link #runEpoch()} brought up to date.
         */
        default double[] validate(DataSet data) {
            return null;
        }

        /** The accuracy on the training batches of the last epoch, from its training pass; NaN: not measured. */
        default double trainAccuracy() {
            return Double.NaN;
        }

        /**
         * After {@link #runEpoch()} returned a NaN or infinite loss: the 0-based iteration whose loss was the first
         * NaN or infinity, when the session checks after each step; empty when it only checks per epoch.
         */
        default OptionalInt divergedAt() {
            return OptionalInt.empty();
        }

        @Override
        void close();
    }
}
