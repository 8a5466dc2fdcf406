package org.dlkit.init;

import java.util.Map;
import org.dlkit.error.Names;

/**
 * Weight-init names a Keras, PyTorch or DL4J user types that dlkit refuses, each with its reason, so that the user
 * reads why rather than "unknown weight init". Variances measured on DL4J 1.0.0-M2.1.
 */
final class RefusedInit {

    private RefusedInit() {
    }

    /** By {@link Names#key}. */
    private static final Map<String, String> BY_NAME = Map.of(
            "orthogonal", "DL4J 1.0.0-M2.1 has no orthogonal init; for a dense layer use the rule's choice (he for "
                    + "the ReLU family, xavier for tanh/sigmoid), which keeps the variance from layer to layer",
            "variancescaling", "Keras' variance_scaling takes a scale, a mode and a distribution; its default "
                    + "(scale 1, fan_in, truncated normal with corrected std) has Var(W) = 1/n_in, which is lecun_normal "
                    + "(lecun_uniform for distribution='uniform', he_normal for scale 2); DL4J's "
                    + "WeightInitVarScalingNormalFanIn truncates without the correction (Var(W) ≈ 0.76/n_in)",
            "normal", "ambiguous: N(0, 0.05²) in Keras, N(0, 1) in PyTorch's nn.init.normal_, N(0, 1/n_in) in DL4J's "
                    + "WeightInit.NORMAL; name one: random_normal (Keras') or lecun_normal (DL4J's NORMAL)",
            "uniform", "ambiguous: U(−0.05, 0.05) in Keras, U(0, 1) in PyTorch's nn.init.uniform_, U(−a, a) with "
                    + "a = 1/√n_in in DL4J's WeightInit.UNIFORM; name one: random_uniform (Keras') or lecun_uniform "
                    + "(a = √(3/n_in))",
            "constant", "a constant W makes every unit of a layer compute the same output and get the same gradient, "
                    + "so symmetry is never broken (card 31); zeros and ones are accepted to show it",
            "identity", "the identity init (Keras' identity, DL4J's WeightInit.IDENTITY) needs a square W "
                    + "(n_in = n_out), which dlkit's layers do not promise");

    /** Why the init named {@code name} is refused, or null. */
    static String reason(String name) {
        return BY_NAME.get(Names.key(name));
    }
}
