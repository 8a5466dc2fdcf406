package org.dlkit.gradcheck;

import org.dlkit.DlkitException;
import org.dlkit.autodiff.Node;
import org.dlkit.autodiff.Pointwise;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationELU;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftPlus;
import org.nd4j.linalg.activations.impl.ActivationSoftSign;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationTanH;

import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * DL4J activation → autodiff op. Pointwise activations map to the engine's {@link Pointwise} catalogue (with
 * DL4J's α for Leaky ReLU and ELU); softmax maps to the row-wise softmax op.
 */
final class ActivationTranslation {

    static final String SUPPORTED = "sigmoid, tanh, relu, leakyrelu, elu, softplus, softsign, identity, softmax";

    /** Lets a test swap one catalogue op for another (a planted bug); null: none swapped. */
    private final Function<IActivation, Pointwise> replacement;

    ActivationTranslation(Function<IActivation, Pointwise> replacement) {
        this.replacement = replacement;
    }

    static ActivationTranslation standard() {
        return new ActivationTranslation(a -> null);
    }

    /** The op for {@code activation}; {@code where} names the layer for the error message. */
    UnaryOperator<Node> of(IActivation activation, String where) {
        if (activation instanceof ActivationSoftmax) {
            return Node::softmax;
        }
        Pointwise f = replacement.apply(activation);
        if (f == null) {
            f = pointwise(activation, where);
        }
        Pointwise op = f;
        return n -> n.apply(op);
    }

    /** ReLU, Leaky ReLU and ELU: a kink (or, for ELU with α ≠ 1, a jump of the derivative) at 0. */
    static boolean hasKink(IActivation activation) {
        return activation instanceof ActivationReLU || activation instanceof ActivationLReLU
                || activation instanceof ActivationELU;
    }

    static boolean isSoftmax(IActivation activation) {
        return activation instanceof ActivationSoftmax;
    }

    private static Pointwise pointwise(IActivation a, String where) {
        if (a instanceof ActivationSigmoid) {
            return Pointwise.SIGMOID;
        }
        if (a instanceof ActivationTanH) {
            return Pointwise.TANH;
        }
        if (a instanceof ActivationReLU relu) {
            if (relu.getMax() != null || relu.getThreshold() != null || relu.getNegativeSlope() != null) {
                throw unsupported(a + " with max/threshold/negativeSlope", where);
            }
            return Pointwise.RELU;
        }
        if (a instanceof ActivationLReLU leaky) {
            return Pointwise.leakyRelu(leaky.getAlpha());
        }
        if (a instanceof ActivationELU elu) {
            return Pointwise.elu(elu.getAlpha());
        }
        if (a instanceof ActivationSoftPlus) {
            return Pointwise.SOFTPLUS;
        }
        if (a instanceof ActivationSoftSign) {
            return Pointwise.SOFTSIGN;
        }
        if (a instanceof ActivationIdentity) {
            return Pointwise.IDENTITY;
        }
        throw unsupported(String.valueOf(a), where);
    }

    private static DlkitException unsupported(String what, String where) {
        return new DlkitException(where + ": activation " + what + " is not supported by the autodiff translation;"
                + " supported: " + SUPPORTED);
    }
}
