package org.dlkit.activation;

import org.nd4j.linalg.activations.IActivation;

/**
 * One activation function of the course: what it computes, its derivative, its properties and problems, and the
 * DL4J activation it becomes.
 *
 * <p>Every function works on a layer's pre-activation vector z = Wx + b: {@link #forward} gives a = f(z) and
 * {@link #backward} turns the upstream gradient dL/da into dL/dz (backprop's "multiply the local derivative"). The
 * element-wise functions ({@link ElementWise}) also have scalar {@code value(x)} and {@code derivative(x)}; softmax
 * is the one that mixes the elements of z (it divides by their sum).
 *
 * <p>Get one from {@link Activations}, by constant or by name: {@code Activations.get("leaky_relu")}.
 */
public interface ActivationFunction {

    /** The catalogue key, lower case with underscores, e.g. {@code "leaky_relu"}; {@link Activations#get} accepts it. */
    String key();

    /** The name the course uses, e.g. "Leaky ReLU". */
    String displayName();

    /** The formula, e.g. "σ(x) = 1 / (1 + e^(−x))". */
    String formula();

    /** The derivative's formula, e.g. "σ'(x) = σ(x)·(1 − σ(x))". */
    String derivativeFormula();

    /** The values it can output. */
    OutputRange range();

    /** True when the outputs are symmetric around 0, f(−x) = −f(x), like tanh (sigmoid and ReLU are not). */
    boolean zeroCentred();

    /** Where the derivative goes to zero. */
    Saturation saturation();

    /** True unless the derivative stays away from zero everywhere. */
    default boolean saturates() {
        return saturation().saturates();
    }

    /**
     * The outputs at which the function is flat, f' = 0 exactly over a whole interval of inputs: {0} for ReLU, {0, 6}
     * for ReLU6, {0, 1} for the hard sigmoid, {−1, 1} for hard tanh; empty when f' is nowhere 0 on an interval
     * (sigmoid's and ELU's derivatives only tend to 0). A unit whose outputs all sit there gets no gradient at all.
     */
    default double[] flatOutputs() {
        return new double[0];
    }

    /**
     * True when f(x) = 0 and f'(x) = 0 for every x &lt; 0 (ReLU, ReLU6): a unit whose pre-activation is pushed below 0
     * outputs nothing and gets no gradient to come back, it dies (card 15). Leaky ReLU, ELU, SELU, GELU, mish and
     * swish keep a non-zero derivative there and cannot die.
     */
    default boolean canDie() {
        return false;
    }

    /**
     * True when f'(x) ≥ 1 over a whole interval of inputs (ReLU, ReLU6, hard tanh, ELU, ...): the gradient passes
     * active units undiminished, however many layers it crosses. False when f' &lt; 1 everywhere but at isolated
     * points (sigmoid: at most 1/4; hard sigmoid: 0.2; tanh and softsign: 1 only at x = 0): then the gradient
     * shrinks at every layer and vanishes in a deep stack (card 10).
     */
    default boolean passesGradient() {
        return false;
    }

    /** The relative cost of computing it. */
    Cost cost();

    /** The course's note on it: properties and problems, e.g. "kills gradients; not zero-centred". */
    String note();

    /** A new DL4J activation equal to this one (for a layer builder's {@code .activation(...)}). */
    IActivation dl4j();

    /** How the DL4J activation is written in code, e.g. {@code "Activation.RELU"} or {@code "new ActivationLReLU(0.01)"}. */
    String dl4jCode();

    /**
     * How DL4J's function of this name differs from the one Keras and PyTorch compute under the same name (GELU's
     * approximation, hard sigmoid's slope), in one sentence; empty when they agree. A hidden layer that uses it
     * gets this as a warning ({@link ActivationRule#warnings}).
     */
    default String kerasDifference() {
        return "";
    }

    /** True when each output depends only on its own input (every function but softmax). */
    boolean elementWise();

    /** a = f(z) for one example's pre-activation vector z. */
    double[] forward(double[] z);

    /**
     * dL/dz from the upstream gradient dL/da, at pre-activation z: the vector-Jacobian product
     * (dL/dz)_j = Σ_i (dL/da)_i · ∂a_i/∂z_j. For element-wise functions this is f'(z_j)·(dL/da)_j.
     */
    double[] backward(double[] z, double[] upstream);
}
