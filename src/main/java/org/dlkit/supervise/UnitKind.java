package org.dlkit.supervise;

import org.dlkit.activation.Activations;
import org.dlkit.activation.ElementWise;
import org.nd4j.linalg.activations.IActivation;

/**
 * The families of activation whose failure modes the course names: ReLUs die (card 15), sigmoid and tanh saturate
 * (card 10). Which family a layer's DL4J activation belongs to and its derivative both come from the activation
 * catalogue ({@link Activations#find}, by exact class), so the diagnostics use the same maths as everything else.
 */
enum UnitKind {
    RELU("ReLU", Activations.RELU),
    SIGMOID("sigmoid", Activations.SIGMOID),
    TANH("tanh", Activations.TANH),
    OTHER("other", null);

    final String displayName;
    /** The catalogue entry, null for OTHER. */
    private final ElementWise function;
    /** f' at x = 0, where sigmoid and tanh have their largest derivative. */
    private final double peakDerivative;

    UnitKind(String displayName, ElementWise function) {
        this.displayName = displayName;
        this.function = function;
        this.peakDerivative = function == null ? 1 : function.derivative(0);
    }

    static UnitKind of(IActivation activation) {
        return Activations.find(activation).map(f -> switch (f.key()) {
            case "relu" -> RELU;
            case "sigmoid" -> SIGMOID;
            case "tanh" -> TANH;
            default -> OTHER;
        }).orElse(OTHER);
    }

    boolean saturates() {
        return this == SIGMOID || this == TANH;
    }

    /**
     * The local derivative at output {@code y} as a share of its maximum f'(0), read from the output alone through
     * the catalogue's definition: 4y(1−y) for sigmoid (σ' = y(1 − y), at most 1/4), 1−y² for tanh; 1 for the others.
     */
    double derivativeShare(double y) {
        return saturates() ? function.op().derivativeFromOutput(y) / peakDerivative : 1;
    }
}
