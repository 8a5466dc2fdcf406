package org.dlkit.spark;

import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;

import java.util.Random;

/**
 * DL4J's {@link ParameterAveragingTrainingMaster} whose random split of an epoch's mini-batches among the averaging
 * rounds is a function of the seed and the epoch, as the local fit loop's shuffling is.
 *
 * <p>DL4J draws each {@code fit}'s split seed from one {@code Random(seed)} that lives as long as the training master,
 * so epoch e used the e-th draw; a run resumed from a checkpoint made a new master and drew the first one again, and
 * went on differently from the uninterrupted run whenever an epoch had more than one averaging round. Before each
 * epoch, {@link #startEpoch} sets the generator to where the uninterrupted run's would be: {@code Random(seed)} after
 * e draws, so an uninterrupted run splits exactly as before and a resumed one as the uninterrupted one.
 */
final class EpochSeededAveraging extends ParameterAveragingTrainingMaster {

    private final long seed;

    EpochSeededAveraging(Builder builder, long seed) {
        super(builder.rngSeed(seed));
        this.seed = seed;
    }

    /** Before the {@code fit} of 0-based {@code epoch}: the split generator as DL4J's after {@code epoch} fits. */
    void startEpoch(int epoch) {
        Random generator = new Random(seed);
        for (int e = 0; e < epoch; e++) {
            generator.nextLong();
        }
        rng = generator;
    }
}
