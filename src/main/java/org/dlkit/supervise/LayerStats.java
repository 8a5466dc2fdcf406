package org.dlkit.supervise;

/**
 * What {@link Diagnostics} measured in one layer at one check.
 *
 * @param iteration         0-based iteration (parameter update) of the check
 * @param epoch             1-based epoch the iteration belongs to
 * @param layer             0-based layer index, as in DL4J and {@code dlkit explain}
 * @param activation        the layer's activation function (DL4J name)
 * @param activationMean    mean of the layer's outputs over the batch (NaN for the output layer)
 * @param activationStd     standard deviation of the layer's outputs over the batch (NaN for the output layer)
 * @param deadFraction      share of dead units, whose outputs all sat where f is flat (ReLU: 0; ReLU6: 0 or 6) over
 *                          the recent window (NaN unless the activation can die: ReLU, ReLU6)
 * @param saturatedFraction share of units in their flat region (NaN unless the activation saturates on both sides:
 *                          sigmoid, tanh, softsign, hard sigmoid, hard tanh)
 * @param gradientNorm      L2 norm of the mean mini-batch loss's gradient with respect to the layer's weights
 *                          (without the L2 term)
 * @param updateRatio       ‖ΔW‖ / ‖W‖ of this iteration's update
 */
public record LayerStats(int iteration, int epoch, int layer, String activation, double activationMean,
                         double activationStd, double deadFraction, double saturatedFraction, double gradientNorm,
                         double updateRatio) {

    /** The CSV header of {@link #csvLine()}. */
    public static final String CSV_HEADER = "iteration,epoch,layer,activation,activation_mean,activation_std,"
            + "dead_fraction,saturated_fraction,gradient_norm,update_ratio";

    /** This row as CSV. */
    public String csvLine() {
        return iteration + "," + epoch + "," + layer + "," + activation + "," + activationMean + "," + activationStd
                + "," + deadFraction + "," + saturatedFraction + "," + gradientNorm + "," + updateRatio;
    }
}
