package org.dlkit.gradcheck;

import org.dlkit.error.DlkitException;
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

import java.util.List;
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

    /**
     * The op for {@code activation}; {@code where} names the layer for messages, and DL4J quirks that matter for
     * the comparison are added to {@code notes}.
     */
    UnaryOperator<Node> of(IActivation activation, String where, List<String> notes) {
        if (activation instanceof ActivationSoftmax) {
            return Node::softmax;
        }
        Pointwise f = replacement.apply(activation);
        if (f == null) {
            f = pointwise(activation, where, notes);
        }
        Pointwise op = f;
        return n -> n.apply(op);
    }

    /** ReLU, Leaky ReLU and ELU: a kink (or, for ELU with α ≠ 1, a jump of the derivative) at 0. */
    static boolean hasKink(IActivation activation) {
        return activation instanceof ActivationReLU || activation instanceof ActivationLReLU
                || activation instanceof ActivationELU;
    }

    private static Pointwise pointwise(IActivation a, String where, List<String> notes) {
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
            return leakyReluAsDl4j(leaky.getAlpha(), where, notes);
        }
        if (a instanceof ActivationELU elu) {
            if (elu.getAlpha() != 1.0) {
                notes.add(where + ": DL4J M2.1's ELU backprop (EluBp) ignores alpha=" + elu.getAlpha()
                        + " and differentiates with alpha 1, so DL4J's gradient is expected to disagree");
            }
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

    /**
     * Leaky ReLU as DL4J M2.1 computes it: the forward pass uses α in double precision, but the backward op
     * (LeakyReLUBp) receives α rounded to float32, so for α = 0.01 its derivative for x &lt; 0 is
     * 0.0099999997764825820, a relative difference of 2.2e-8. To compare like with like at 1e-9, the translation's
     * derivative uses the same float32 α and the report says so; {@link Pointwise#leakyRelu} itself is exact, and
     * the difference is far below what finite differences resolve.
     */
    static Pointwise leakyReluAsDl4j(double alpha, String where, List<String> notes) {
        double backpropAlpha = (float) alpha;
        if (backpropAlpha == alpha) {
            return Pointwise.leakyRelu(alpha);
        }
        notes.add(where + ": DL4J M2.1's Leaky ReLU backprop rounds alpha " + alpha + " to float32 (" + backpropAlpha
                + "); the autodiff derivative uses the same value to compare like with like");
        Pointwise exact = Pointwise.leakyRelu(alpha);
        return Pointwise.of("leakyrelu", exact::value, (x, y) -> x > 0 ? 1.0 : backpropAlpha);
    }

    private static DlkitException unsupported(String what, String where) {
        return new DlkitException(where + ": activation " + what + " is not supported by the autodiff translation;"
                + " supported: " + SUPPORTED);
    }
}
