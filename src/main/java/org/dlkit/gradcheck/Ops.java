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
 * @param penalty     adds one L1/L2 penalty term to the objective (objective + penalty in the check)
 */
record Ops(ActivationTranslation activations, BinaryOperator<Node> matmul, BinaryOperator<Node> addBias,
           UnaryOperator<Node> loss, BinaryOperator<Node> penalty) {

    static final Ops ENGINE = new Ops(ActivationTranslation.standard(), Node::matmul, Node::addRowVector, l -> l,
            Node::add);

    /** The engine's ops, with the user's own activation classes of {@code options} translated by their definitions. */
    static Ops of(GradientCheckOptions options) {
        return ENGINE.withActivations(ENGINE.activations.withUsers(options.activations()));
    }

    Ops withActivations(ActivationTranslation a) {
        return new Ops(a, matmul, addBias, loss, penalty);
    }

    Ops withMatmul(BinaryOperator<Node> m) {
        return new Ops(activations, m, addBias, loss, penalty);
    }

    Ops withAddBias(BinaryOperator<Node> b) {
        return new Ops(activations, matmul, b, loss, penalty);
    }

    Ops withLoss(UnaryOperator<Node> l) {
        return new Ops(activations, matmul, addBias, l, penalty);
    }

    Ops withPenalty(BinaryOperator<Node> p) {
        return new Ops(activations, matmul, addBias, loss, p);
    }
}
