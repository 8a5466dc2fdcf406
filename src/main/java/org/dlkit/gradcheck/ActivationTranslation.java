package org.dlkit.gradcheck;

import org.dlkit.activation.ActivationFunction;
import org.dlkit.activation.Activations;
import org.dlkit.activation.ElementWise;
import org.dlkit.autodiff.Node;
import org.dlkit.autodiff.Pointwise;
import org.dlkit.error.DlkitException;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationELU;
import org.nd4j.linalg.activations.impl.ActivationLReLU;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * DL4J activation → autodiff op, through the activation catalogue: {@link Activations#of} matches DL4J's own class
 * exactly (a subclass is refused, not taken for its parent) and gives the entry whose {@link ElementWise#op()} is the
 * engine's definition; softmax maps to the row-wise softmax op. The translation only adds what DL4J M2.1 computes
 * differently from the definition (Leaky ReLU's float32 α in backprop) and notes where DL4J is expected to disagree
 * (ELU's α).
 */
final class ActivationTranslation {

    /** Lets a test swap one catalogue op for another (a planted bug); null: none swapped. */
    private final Function<IActivation, Pointwise> replacement;
    /** The user's own activation classes with their definitions ({@link GradientCheckOptions#withActivation}). */
    private final Map<Class<? extends IActivation>, Pointwise> users;

    ActivationTranslation(Function<IActivation, Pointwise> replacement) {
        this(replacement, Map.of());
    }

    private ActivationTranslation(Function<IActivation, Pointwise> replacement,
                                  Map<Class<? extends IActivation>, Pointwise> users) {
        this.replacement = replacement;
        this.users = users;
    }

    static ActivationTranslation standard() {
        return new ActivationTranslation(a -> null);
    }

    /** This translation, plus the user's own activation classes and their definitions. */
    ActivationTranslation withUsers(Map<Class<? extends IActivation>, Pointwise> definitions) {
        return new ActivationTranslation(replacement, definitions);
    }

    /** The translated activation of one layer: the op and the inputs where its derivative jumps (ReLU: 0). */
    record Translated(UnaryOperator<Node> op, double[] kinks, boolean softmax, String name) {
    }

    /**
     * The op for {@code activation}; {@code where} names the layer for messages, and DL4J quirks that matter for
     * the comparison are added to {@code notes}.
     *
     * @throws org.dlkit.error.DlkitException one line for an activation outside the catalogue or a subclass
     */
    Translated of(IActivation activation, String where, List<String> notes) {
        Pointwise own = users.get(activation.getClass());
        if (own != null) {
            notes.add(where + ": " + activation.getClass().getSimpleName() + " is checked against the definition "
                    + "given for it (" + own.name() + ")");
            return new Translated(n -> n.apply(own), own.kinks(), false, own.name());
        }
        ActivationFunction f = catalogued(activation, where);
        if (!f.elementWise()) {
            return new Translated(Node::softmax, new double[0], true, f.key());
        }
        Pointwise definition = ((ElementWise) f).op();
        Pointwise op = replacement.apply(activation);
        if (op == null) {
            op = asDl4jComputesIt(activation, definition, where, notes);
        }
        Pointwise chosen = op;
        return new Translated(n -> n.apply(chosen), definition.kinks(), false, f.key());
    }

    /**
     * The catalogue entry of {@code activation}; a class of the user's own (not one of DL4J's) is refused with the
     * way to check it: {@link GradientCheckOptions#withActivation} with the function it is meant to compute.
     */
    private static ActivationFunction catalogued(IActivation activation, String where) {
        try {
            return Activations.of(activation, where);
        } catch (DlkitException e) {
            Class<?> c = activation.getClass();   // not null: of(...) looked its class up first
            if (c.getName().startsWith("org.nd4j.")) {
                throw e;
            }
            throw new DlkitException(e.getMessage() + "; to check a class of your own, say what it computes: "
                    + "GradientCheckOptions.withActivation(" + c.getSimpleName() + ".class, Pointwise.of(name, "
                    + "x -> f(x), (x, y) -> f'(x)))", e);
        }
    }

    private static Pointwise asDl4jComputesIt(IActivation a, Pointwise definition, String where, List<String> notes) {
        if (a instanceof ActivationLReLU leaky) {
            return leakyReluAsDl4j(leaky.getAlpha(), where, notes);
        }
        if (a instanceof ActivationELU elu && elu.getAlpha() != 1.0) {
            notes.add(where + ": DL4J M2.1's ELU backprop (EluBp) ignores alpha=" + elu.getAlpha()
                    + " and differentiates with alpha 1, so DL4J's gradient is expected to disagree");
        }
        return definition;
    }

    /**
     * Leaky ReLU as DL4J M2.1 computes it: the forward pass uses α in double precision, but the backward op
     * (LeakyReLUBp) receives α rounded to float32, so for α = 0.01 its derivative for x &lt; 0 is
     * 0.0099999997764825820, a relative difference of 2.2e-8. To compare like with like at 1e-9, the translation's
     * derivative uses the same float32 α and the report says so; {@link Pointwise#leakyRelu(double)} itself is
     * exact, and the difference is far below what finite differences resolve.
     */
    static Pointwise leakyReluAsDl4j(double alpha, String where, List<String> notes) {
        double backpropAlpha = (float) alpha;
        if (backpropAlpha == alpha) {
            return Pointwise.leakyRelu(alpha);
        }
        notes.add(where + ": DL4J M2.1's Leaky ReLU backprop rounds alpha " + alpha + " to float32 (" + backpropAlpha
                + "); the autodiff derivative uses the same value to compare like with like");
        return Pointwise.leakyRelu(alpha, backpropAlpha);
    }
}
