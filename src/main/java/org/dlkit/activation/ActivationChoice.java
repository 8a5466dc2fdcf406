package org.dlkit.activation;

import org.nd4j.linalg.activations.IActivation;

/**
 * A hidden layer's activation and the rule that chose it.
 *
 * @param activation the function from the catalogue
 * @param reason     the rule, quoted, e.g. "start with ReLU: cheap, converges fast, no saturation for x > 0"
 */
public record ActivationChoice(ActivationFunction activation, String reason) {

    /** The DL4J activation for the layer builder's {@code .activation(...)}. */
    public IActivation dl4j() {
        return activation.dl4j();
    }

    /** e.g. "hidden: ReLU — start with ReLU: cheap, converges fast, no saturation for x > 0". */
    @Override
    public String toString() {
        return "hidden: " + activation.displayName() + " — " + reason;
    }
}
