package org.dlkit.activation;

import java.util.Locale;

/**
 * Relative cost of evaluating an activation, by the most expensive operation per element.
 *
 * <p>The course's point: ReLU is "computationally efficient" (a comparison), ELU "requires e^x".
 */
public enum Cost {
    /** a comparison or a multiply: identity, ReLU, Leaky ReLU, PReLU, ReLU6, hard sigmoid, hard tanh */
    LOW("a comparison or a multiply"),
    /** an absolute value and a division: softsign */
    MEDIUM("an absolute value and a division"),
    /** an exponential or a logarithm: sigmoid, tanh, ELU, SELU, softplus, swish, GELU, mish, softmax */
    HIGH("an exponential or a logarithm");

    private final String because;

    Cost(String because) {
        this.because = because;
    }

    /** What makes it this expensive, e.g. "an exponential or a logarithm". */
    public String because() {
        return because;
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT) + " (" + because + ")";
    }
}
