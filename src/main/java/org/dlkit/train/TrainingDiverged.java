package org.dlkit.train;

import org.dlkit.error.DlkitException;

/**
 * The loss or a parameter became NaN or infinite: training stopped at once, and the last checkpoint (written before the
 * divergence, so it holds finite parameters) is kept. The usual cause is a learning rate that is too high.
 */
public final class TrainingDiverged extends DlkitException {

    private final int epoch;
    private final int iteration;

    TrainingDiverged(String message, int epoch, int iteration) {
        super(message);
        this.epoch = epoch;
        this.iteration = iteration;
    }

    /** The 1-based epoch in which it diverged. */
    public int epoch() {
        return epoch;
    }

    /** The 0-based iteration (parameter update) after which a NaN or infinity was found. */
    public int iteration() {
        return iteration;
    }
}
