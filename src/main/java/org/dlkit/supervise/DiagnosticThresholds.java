package org.dlkit.supervise;

import org.dlkit.error.DlkitException;

/**
 * When {@link Diagnostics} call a layer's behaviour a failure mode. The defaults, and why:
 *
 * <ul>
 *   <li><b>dead ReLU</b>: a ReLU unit is dead when its output was 0 (a ReLU6 unit's: 0 or 6) for every one of
 *       the last {@code deadWindow} (256) training examples the diagnostics looked at; the layer is reported
 *       when at least {@code deadFraction} (40%) of its units are dead. A few dead units are normal; this many
 *       means the layer lost much of its capacity (card 15), usually from a large negative bias or a step that was
 *       too big.</li>
 *   <li><b>saturated units</b> (sigmoid, tanh, softsign, hard sigmoid, hard tanh: {@link UnitKind}): a unit is
 *       saturated at a check when, for at least 90% of the batch, its local derivative is below
 *       {@code saturatedDerivative} (5%) of its maximum (sigmoid y(1−y) &lt; 0.0125, i.e. y &lt; 0.013 or
 *       y &gt; 0.987; tanh 1−y² &lt; 0.05, i.e. |y| &gt; 0.975); the layer is reported when at least
 *       {@code saturatedFraction} (50%) of its units are (card 10: saturated neurons kill the gradient).</li>
 *   <li><b>vanishing / exploding gradients</b>: the L2 norm of the first layer's weight gradient divided by the last
 *       layer's is below {@code vanishingRatio} (1e-2) or above {@code explodingRatio} (1e2): the first layer learns
 *       a hundred times slower (or faster) than the last.</li>
 *   <li><b>update-to-parameter ratio</b>: ‖ΔW‖/‖W‖ per step, which DL4J's tuning guide wants near 1e-3; reported
 *       above {@code updateRatioHigh} (1e-2, learning rate too high) or below {@code updateRatioLow} (1e-5, too
 *       low: the layer barely changes), "too low" only in layers whose gradient is non-zero and has not vanished
 *       (there the rate is not the cause).</li>
 * </ul>
 * Except for dead units, which have their own window, a mode is reported only when it holds at {@code confirmChecks}
 * (3) consecutive checks, so one unusual batch does not raise a warning; the update sizes also over at least the
 * (confirmChecks − 1) × 10 iterations those checks span at the default interval, so that checking more often does not
 * turn Adam's first, learning-rate-sized steps into a warning.
 */
public record DiagnosticThresholds(int deadWindow, double deadFraction, double saturatedDerivative,
                                   double saturatedFraction, double vanishingRatio, double explodingRatio,
                                   double updateRatioHigh, double updateRatioLow, int confirmChecks) {

    /** The defaults documented above. */
    public static final DiagnosticThresholds DEFAULT =
            new DiagnosticThresholds(256, 0.4, 0.05, 0.5, 1e-2, 1e2, 1e-2, 1e-5, 3);

    /** Share of a batch for which a unit must be in its flat region to count as saturated at one check. */
    static final double SATURATED_SHARE_OF_BATCH = 0.9;

    public DiagnosticThresholds {
        if (deadWindow < 1 || confirmChecks < 1 || !(vanishingRatio < explodingRatio)
                || !(updateRatioLow < updateRatioHigh)) {
            throw new DlkitException("diagnostic thresholds are inconsistent: windows must be positive and each low "
                    + "limit below its high limit");
        }
    }
}
