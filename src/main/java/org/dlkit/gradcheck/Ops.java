package org.dlkit.gradcheck;

import org.dlkit.autodiff.Node;

import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;

/**
 * The engine ops a translated network is built from: the activations, X·W, + b and the loss. The check uses the
 * engine's own; a test swaps one for a planted bug to prove that the check catches it.
 *
 * @param activations DL4J activation → engine op
 * @param matmul      z = X·W
 * @param addBias     z + b on every row
 * @param loss        applied to the loss node (the identity in the check)
 */
record Ops(ActivationTranslation activations, BinaryOperator<Node> matmul, BinaryOperator<Node> addBias,
           UnaryOperator<Node> loss) {

    static final Ops ENGINE = new Ops(ActivationTranslation.standard(), Node::matmul, Node::addRowVector, l -> l);

    /** The engine's ops, with the user's own activation classes of {@code options} translated by their definitions. */
    static Ops of(GradientCheckOptions options) {
        return ENGINE.withActivations(ENGINE.activations.withUsers(options.activations()));
    }

    Ops withActivations(ActivationTranslation a) {
        return new Ops(a, matmul, addBias, loss);
    }

    Ops withMatmul(BinaryOperator<Node> m) {
        return new Ops(activations, m, addBias, loss);
    }

    Ops withAddBias(BinaryOperator<Node> b) {
        return new Ops(activations, matmul, b, loss);
    }

    Ops withLoss(UnaryOperator<Node> l) {
        return new Ops(activations, matmul, addBias, l);
    }
}
