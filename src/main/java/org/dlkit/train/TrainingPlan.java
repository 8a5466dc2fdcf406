package org.dlkit.train;

import org.deeplearning4j.optimize.api.TrainingListener;
import org.dlkit.error.DlkitException;

import java.util.List;

/**
 * How a run is supervised: at most {@code maxEpochs} epochs; early stopping after {@code patience} epochs without a lower
 * validation loss (0: off, and the last epoch's parameters are kept instead of the best), where an epoch is lower when
 * it is below the best so far by more than {@code minDelta} (Keras' {@code min_delta}); {@code checkpoints} to write
 * every few epochs (null: none) and whether to {@code resume} from the latest of them; and DL4J {@code listeners}
 * (diagnostics, the live UI) attached to the network while it trains.
 */
public record TrainingPlan(int maxEpochs, int patience, double minDelta, Checkpoints checkpoints, boolean resume,
                           List<TrainingListener> listeners) {

    /**
     * The least drop of the validation loss that counts as an improvement by default: on a small validation part the
     * loss keeps creeping down by tiny amounts long after accuracy has settled, and with Keras' 0 early stopping never
     * acts there (iris and wine ran to the epoch cap).
     */
    public static final double DEFAULT_MIN_DELTA = 1e-3;

    public TrainingPlan {
        if (maxEpochs <= 0) {
            throw new DlkitException("max epochs " + maxEpochs + " is invalid; expected a positive integer");
        }
        if (patience < 0) {
            throw new DlkitException("patience " + patience + " is invalid; expected 0 (off) or a positive integer");
        }
        if (!(minDelta >= 0 && minDelta < Double.POSITIVE_INFINITY)) {
            throw new DlkitException("min delta " + minDelta + " is invalid; expected 0 or a positive number");
        }
        if (resume && checkpoints == null) {
            throw new DlkitException("resume needs a checkpoint directory");
        }
        listeners = List.copyOf(listeners);
    }

    /** With the {@link #DEFAULT_MIN_DELTA}. */
    public TrainingPlan(int maxEpochs, int patience, Checkpoints checkpoints, boolean resume,
                        List<TrainingListener> listeners) {
        this(maxEpochs, patience, DEFAULT_MIN_DELTA, checkpoints, resume, listeners);
    }

    /** Exactly {@code epochs} epochs: no early stopping, no checkpoints, no listeners. */
    public static TrainingPlan epochs(int epochs) {
        return new TrainingPlan(epochs, 0, null, false, List.of());
    }
}
