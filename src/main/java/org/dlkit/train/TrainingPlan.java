package org.dlkit.train;

import org.deeplearning4j.optimize.api.TrainingListener;
import org.dlkit.error.DlkitException;

import java.util.List;

/**
 * How a run is supervised: at most {@code maxEpochs} epochs; early stopping after {@code patience} epochs without a lower
 * validation loss (0: off, and the last epoch's parameters are kept instead of the best); {@code checkpoints} to write
 * every few epochs (null: none) and whether to {@code resume} from the latest of them; and DL4J {@code listeners}
 * (diagnostics, the live UI) attached to the network while it trains.
 */
public record TrainingPlan(int maxEpochs, int patience, Checkpoints checkpoints, boolean resume,
                           List<TrainingListener> listeners) {

    public TrainingPlan {
        if (maxEpochs <= 0) {
            throw new DlkitException("max epochs " + maxEpochs + " is invalid; expected a positive integer");
        }
        if (patience < 0) {
            throw new DlkitException("patience " + patience + " is invalid; expected 0 (off) or a positive integer");
        }
        if (resume && checkpoints == null) {
            throw new DlkitException("resume needs a checkpoint directory");
        }
        listeners = List.copyOf(listeners);
    }

    /** Exactly {@code epochs} epochs: no early stopping, no checkpoints, no listeners. */
    public static TrainingPlan epochs(int epochs) {
        return new TrainingPlan(epochs, 0, null, false, List.of());
    }
}
