package org.dlkit.activation;

import java.util.Map;
import java.util.Optional;
import org.dlkit.error.Names;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationGELU;
import org.nd4j.linalg.activations.impl.ActivationRReLU;

/**
 * Activations a Keras or PyTorch user names, or DL4J offers, that the catalogue refuses, each with its reason, so that
 * the user reads why rather than "unknown activation". Measured on DL4J 1.0.0-M2.1 in double precision.
 */
final class Refused {

    private Refused() {
    }

    private static final String RRELU = "RReLU draws a random slope for x < 0 in every training pass, so a seed does "
            + "not fix its training and no derivative can be checked, and DL4J M2.1's ActivationRReLU at inference "
            + "outputs the constant (l + u)/2 ≈ 0.229 for every x < 0 instead of x·(l + u)/2 (measured: RReLU(−3) = "
            + "+0.229); use leaky_relu, the fixed slope Activations.leakyRelu(0.23) is RReLU's mean";

    private static final String PRECISE_GELU = "DL4J M2.1's precise GELU (new ActivationGELU(true)) computes neither "
            + "x·Φ(x) nor its tanh form (it differs from both by up to 0.034), and its backprop is not the slope of "
            + "its own forward pass; use gelu (Activation.GELU, the sigmoid approximation)";

    private static final String EXPONENTIAL = "DL4J 1.0.0-M2.1 has no e^x activation (Keras' exponential); for "
            + "positive outputs use softplus, ln(1 + e^x)";

    private static final String HARD_SWISH = "DL4J 1.0.0-M2.1 has no hard swish, x·ReLU6(x + 3)/6 (Keras' hard_silu, "
            + "PyTorch's Hardswish); swish, x·σ(x), is its smooth original";

    /** By {@link Names#key}: the names users type for functions the catalogue refuses. */
    private static final Map<String, String> BY_NAME = Map.ofEntries(
            Map.entry("rrelu", RRELU),
            Map.entry("randomizedrelu", RRELU),
            Map.entry("exponential", EXPONENTIAL),
            Map.entry("exp", EXPONENTIAL),
            Map.entry("hardsilu", HARD_SWISH),
            Map.entry("hardswish", HARD_SWISH),
            Map.entry("logsoftmax", "log_softmax is not a DL4J activation: a classifier's output is softmax with the "
                    + "MCXENT loss, which takes the log inside the loss"),
            Map.entry("precisegelu", PRECISE_GELU));

    /** Why the function named {@code name} is refused; empty for any other name. */
    static Optional<String> byName(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(BY_NAME.get(Names.key(name)));
    }

    /** Why DL4J's activation {@code a} is refused; empty for any other. */
    static Optional<String> byDl4j(IActivation a) {
        Class<?> c = a == null ? null : a.getClass();
        if (c == ActivationRReLU.class) {
            return Optional.of(RRELU);
        }
        if (c == ActivationGELU.class && ((ActivationGELU) a).isPrecise()) {
            return Optional.of(PRECISE_GELU);
        }
        return Optional.empty();
    }
}
