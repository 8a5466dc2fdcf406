package org.dlkit.train;

/**
 * One epoch of a training run: the loss and accuracy on the training rows and on the validation rows.
 *
 * @param epoch         1-based epoch number
 * @param trainLoss     mean mini-batch loss during the epoch (what each gradient step saw)
 * @param trainAccuracy accuracy on the training batches during the epoch, each predicted in its own training step
 *                      before the update (as Keras reports it; no second pass over the training rows)
 * @param valLoss       loss on the validation rows at the end of the epoch; NaN without validation rows
 * @param valAccuracy   accuracy on the validation rows at the end of the epoch; NaN without validation rows
 */
public record EpochRecord(int epoch, double trainLoss, double trainAccuracy, double valLoss, double valAccuracy) {

    /** Whether validation rows were measured. */
    public boolean hasValidation() {
        return !Double.isNaN(valLoss);
    }
}
