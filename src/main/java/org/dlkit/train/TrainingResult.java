package org.dlkit.train;

/**
 * How a run ended.
 *
 * @param history     every epoch's losses and accuracies (including those before a resume)
 * @param bestEpoch   the 1-based epoch whose parameters the network holds now when early stopping kept the best one;
 *                    otherwise the last epoch
 * @param stopReason  why training stopped, in words
 * @param stoppedEarly whether early stopping ended the run before the maximum number of epochs
 * @param resumedFrom the epoch of the checkpoint this run resumed from, 0 when it started fresh
 */
public record TrainingResult(History history, int bestEpoch, String stopReason, boolean stoppedEarly, int resumedFrom) {

    /** Epochs trained in total. */
    public int epochs() {
        return history.size();
    }
}
