package org.dlkit.supervise;

import org.dlkit.activation.ActivationFunction;
import org.dlkit.activation.ActivationRule;
import org.dlkit.activation.Activations;
import org.dlkit.activation.ElementWise;
import org.dlkit.activation.Saturation;
import org.nd4j.linalg.activations.IActivation;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a layer's units can suffer, read from the layer's activation's catalogue entry ({@link Activations#find}, by
 * exact class), so that the diagnostics use the same facts and maths as everything else:
 *
 * <ul>
 *   <li>units that can <b>die</b> (card 15): f = 0 and f' = 0 for every x &lt; 0
 *       ({@link ActivationFunction#canDie()}: ReLU, ReLU6). A unit is dead when all its outputs sit where f is flat
 *       ({@link ActivationFunction#flatOutputs()}: ReLU's 0; ReLU6's 0 and its cap 6), so its gradient is 0;</li>
 *   <li>units that <b>saturate</b> (card 10): the others that saturate on both sides and whose derivative can be read
 *       from the output, as y(1 − y) for sigmoid, 1 − y² for tanh, (1 − |y|)² for softsign, or 0 at a flat output
 *       and the full slope elsewhere for the hard sigmoid (flat at 0 and 1) and hard tanh (at ±1);</li>
 *   <li>neither: Leaky ReLU, ELU, SELU, softplus, swish, GELU, mish, identity: their derivative is never 0 on an
 *       interval and tends to 0 on one side only, so they are not counted as dead or saturated.</li>
 * </ul>
 */
final class UnitKind {

    /** An activation outside the catalogue: nothing is measured for it. */
    static final UnitKind OTHER = new UnitKind("other", null);

    final String displayName;
    /** The catalogue entry, null for {@link #OTHER}. */
    private final ActivationFunction function;
    /** {@link ActivationFunction#flatOutputs()}, read once: {@link #flat} runs for every output at a check. */
    private final double[] flatOutputs;
    /** {@link #saturates()}, decided once: {@link #derivativeShare} asks it for every output at a check. */
    private final boolean saturates;
    /** f'(0), the largest derivative of sigmoid, tanh and softsign, read once; 1 when not read from the output. */
    private final double peakDerivative;

    private UnitKind(String displayName, ActivationFunction function) {
        this.displayName = displayName;
        this.function = function;
        this.flatOutputs = function == null ? new double[0] : function.flatOutputs();
        this.saturates = !dies() && function instanceof ElementWise f && f.saturation() == Saturation.BOTH_SIDES
                && (f.op().hasOutputDerivative() || flatOutputs.length > 0);
        this.peakDerivative = saturates && function instanceof ElementWise f && f.op().hasOutputDerivative()
                ? f.derivative(0) : 1;
    }

    static UnitKind of(IActivation activation) {
        return Activations.find(activation).map(f -> new UnitKind(f.displayName(), f)).orElse(OTHER);
    }

    /** Whether its units can die: f = 0 and f' = 0 for x &lt; 0. */
    boolean dies() {
        return function != null && function.canDie();
    }

    /** Whether its units are measured for saturation: saturating on both sides, with a derivative read from y. */
    boolean saturates() {
        return saturates;
    }

    /** Whether the gradient shrinks at every layer of these units ({@link ActivationRule#shrinksGradient}). */
    boolean shrinksGradient() {
        return function != null && ActivationRule.shrinksGradient(function);
    }

    /**
     * Whether output {@code y} lies where f is flat, so that the unit's gradient is 0 for this example. (Exactly at
     * hard tanh's and the hard sigmoid's kinks DL4J's derivative is their slope, not 0; a pre-activation of exactly
     * ±1 or ±2.5 is too rare to matter.)
     */
    boolean flat(double y) {
        for (double flat : flatOutputs) {
            if (y == flat) {
                return true;
            }
        }
        return false;
    }

    /**
     * The local derivative at output {@code y} as a share of its largest value f'(0): 4y(1−y) for sigmoid
     * (σ' = y(1 − y), at most 1/4), 1−y² for tanh; 0 at a flat output and 1 elsewhere for the piecewise-linear hard
     * sigmoid and hard tanh (their slope is constant between the kinks); 1 for functions not measured.
     */
    double derivativeShare(double y) {
        if (!saturates) {
            return 1;
        }
        ElementWise f = (ElementWise) function;
        if (f.op().hasOutputDerivative()) {
            return f.op().derivativeFromOutput(y) / peakDerivative;
        }
        return flat(y) ? 0 : 1;
    }

    /** How a dead unit's outputs look: "no positive output" (ReLU), "no output other than 0 or 6, ..." (ReLU6). */
    String deadOutputs() {
        if (flatOutputs.length == 1 && flatOutputs[0] == 0) {
            return "no positive output";
        }
        return "no output other than " + Arrays.stream(flatOutputs).mapToObj(v -> String.format(Locale.ROOT, "%.4g", v)
                .replaceAll("\\.?0+$", "")).collect(Collectors.joining(" or ")) + ", where the gradient is 0,";
    }
}
