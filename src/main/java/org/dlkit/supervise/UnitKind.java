package org.dlkit.supervise;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationHardSigmoid;
import org.nd4j.linalg.activations.impl.ActivationHardTanH;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;

/** The families of activation whose failure modes the course names: ReLUs die (card 15), sigmoid and tanh saturate (card 10). */
enum UnitKind {
    RELU("ReLU"),
    SIGMOID("sigmoid"),
    TANH("tanh"),
    OTHER("other");

    final String displayName;

    UnitKind(String displayName) {
        this.displayName = displayName;
    }

    static UnitKind of(IActivation activation) {
        if (activation instanceof ActivationReLU) {
            return RELU;
        }
        if (activation instanceof ActivationSigmoid || activation instanceof ActivationHardSigmoid) {
            return SIGMOID;
        }
        if (activation instanceof ActivationTanH || activation instanceof ActivationHardTanH) {
            return TANH;
        }
        return OTHER;
    }

    boolean saturates() {
        return this == SIGMOID || this == TANH;
    }

    /**
     * The local derivative at output {@code y} as a share of its maximum: 4y(1−y) for sigmoid (max 1/4 at y = 1/2),
     * 1−y² for tanh (max 1 at y = 0); 1 for the others.
     */
    double derivativeShare(double y) {
        return switch (this) {
            case SIGMOID -> 4 * y * (1 - y);
            case TANH -> 1 - y * y;
            default -> 1;
        };
    }
}
