package org.dlkit.activation;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * The output layer's activation and loss, chosen together from the task, and the rule that chose them.
 *
 * @param task       what the network predicts
 * @param activation the output activation from the catalogue
 * @param loss       the DL4J loss that belongs with it (softmax with MCXENT, sigmoid with XENT, identity with MSE)
 * @param reason     the rule, quoted, e.g. "multi-class, outputs sum to 1"
 */
public record OutputChoice(Task task, ActivationFunction activation, LossFunction loss, String reason) {

    /** The DL4J activation for the output layer builder's {@code .activation(...)}. */
    public IActivation dl4j() {
        return activation.dl4j();
    }

    /** e.g. "output: softmax + MCXENT — multi-class, outputs sum to 1". */
    @Override
    public String toString() {
        return "output: " + activation.displayName() + " + " + loss + " — " + reason;
    }
}
