package org.dlkit.train;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Early stopping on the validation loss: remember the parameters of the epoch with the lowest validation loss, and stop
 * once {@code patience} epochs in a row have not lowered it. An epoch improves when its validation loss is lower than the
 * best so far by more than {@code minDelta} ({@link TrainingPlan#DEFAULT_MIN_DELTA} by default).
 */
final class EarlyStopping {

    private final int patience;
    private final double minDelta;
    private int bestEpoch;
    private double bestLoss = Double.POSITIVE_INFINITY;
    private INDArray bestParams;

    /**
     * {@code patience} 0 switches stopping off; the best parameters are still remembered. {@code minDelta}: the least
     * drop of the validation loss that counts as an improvement (Keras' {@code min_delta}).
     */
    EarlyStopping(int patience, double minDelta) {
        this.patience = patience;
        this.minDelta = minDelta;
    }

    /** Takes the epoch's validation loss; copies the parameters when it is the best so far. */
    void update(EpochRecord record, MultiLayerNetwork net) {
        if (record.hasValidation() && record.valLoss() < bestLoss - minDelta) {
            bestLoss = record.valLoss();
            bestEpoch = record.epoch();
            bestParams = net.params().dup();
        }
    }

    /** Whether {@code patience} epochs have passed since the best one (never when patience is 0). */
    boolean shouldStop(int epoch) {
        return patience > 0 && bestEpoch > 0 && epoch - bestEpoch >= patience;
    }

    int patience() {
        return patience;
    }

    /** The 1-based epoch with the lowest validation loss, 0 before any validation. */
    int bestEpoch() {
        return bestEpoch;
    }

    double bestLoss() {
        return bestLoss;
    }

    /** A copy of the best epoch's parameters, or null. */
    INDArray bestParams() {
        return bestParams;
    }

    /** Restores a state saved in a checkpoint. */
    void restore(int epoch, double loss, INDArray params) {
        bestEpoch = epoch;
        bestLoss = loss;
        bestParams = params;
    }
}
