package org.dlkit.activation;

import org.dlkit.autodiff.Loss;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;

/**
 * softmax(z)_i = e^(z_i) / Σ_j e^(z_j): exponentiate, then divide by the sum, so the outputs are positive and sum
 * to 1 (a probability per class).
 *
 * <p>Jacobian ∂s_i/∂z_j = s_i·(δ_ij − s_j), so backprop is dL/dz = s ⊙ (g − (g·s)) for the upstream gradient g.
 * Not element-wise: every output depends on every input. The maths is the engine's ({@link Loss#softmax},
 * {@link Loss#softmaxBackward}), the one place it is written.
 */
final class Softmax implements ActivationFunction {

    static final Softmax INSTANCE = new Softmax();

    private Softmax() {
    }

    @Override public String key() { return "softmax"; }
    @Override public String displayName() { return "softmax"; }
    @Override public String formula() { return "softmax(z)_i = e^(z_i) / Σ_j e^(z_j)"; }
    @Override public String derivativeFormula() { return "∂s_i/∂z_j = s_i·(δ_ij − s_j)"; }
    @Override public OutputRange range() { return new OutputRange(0, 1, "(0, 1), summing to 1"); }
    @Override public boolean zeroCentred() { return false; }
    @Override public Saturation saturation() { return Saturation.BOTH_SIDES; }
    @Override public Cost cost() { return Cost.HIGH; }
    @Override public IActivation dl4j() { return new ActivationSoftmax(); }
    @Override public String dl4jCode() { return "Activation.SOFTMAX"; }
    @Override public boolean elementWise() { return false; }

    @Override
    public String note() {
        return "a type of sigmoid over several outputs: divides by the sum of all outputs, so they sum to 1 and read "
                + "as class percentages; for the output layer of a classifier (with MCXENT loss)";
    }

    /** Subtracts max(z) first: e^(z_i − m) / Σ e^(z_j − m) is the same value without overflow. */
    @Override
    public double[] forward(double[] z) {
        return Loss.softmax(z);
    }

    @Override
    public double[] backward(double[] z, double[] upstream) {
        if (z.length != upstream.length) {
            throw new IllegalArgumentException("z has " + z.length + " elements, the upstream gradient " + upstream.length);
        }
        return Loss.softmaxBackward(Loss.softmax(z), upstream);
    }

    @Override
    public String toString() {
        return displayName();
    }
}
