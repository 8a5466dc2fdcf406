package org.dlkit.activation;

import java.util.Objects;
import java.util.function.Supplier;
import org.dlkit.autodiff.Pointwise;
import org.nd4j.linalg.activations.IActivation;

/**
 * An activation applied to each element on its own: a_i = f(z_i). The maths, value and derivative, is the engine's
 * {@link Pointwise} definition ({@link #op()}), the one place each function is written; this class adds the course's
 * name, formula text, properties and the DL4J counterpart.
 *
 * <p>Instances come from {@link Activations}; a builder keeps each catalogue entry readable field by field.
 */
public final class ElementWise implements ActivationFunction {

    private final String key;
    private final String displayName;
    private final String formula;
    private final String derivativeFormula;
    private final Pointwise op;
    private final OutputRange range;
    private final boolean zeroCentred;
    private final Saturation saturation;
    private final Cost cost;
    private final String note;
    private final Supplier<IActivation> dl4j;
    private final String dl4jCode;
    private final String kerasDifference;

    private ElementWise(Builder b) {
        this.key = Objects.requireNonNull(b.key);
        this.displayName = Objects.requireNonNull(b.displayName);
        this.formula = Objects.requireNonNull(b.formula);
        this.derivativeFormula = Objects.requireNonNull(b.derivativeFormula);
        this.op = Objects.requireNonNull(b.op);
        this.range = Objects.requireNonNull(b.range);
        this.zeroCentred = b.zeroCentred;
        this.saturation = Objects.requireNonNull(b.saturation);
        this.cost = Objects.requireNonNull(b.cost);
        this.note = Objects.requireNonNull(b.note);
        this.dl4j = Objects.requireNonNull(b.dl4j);
        this.dl4jCode = Objects.requireNonNull(b.dl4jCode);
        this.kerasDifference = b.kerasDifference;
    }

    /** f(x). */
    public double value(double x) {
        return op.value(x);
    }

    /** f'(x), the local gradient backprop multiplies by (at a kink, DL4J's convention: see {@link Pointwise}). */
    public double derivative(double x) {
        return op.derivative(x);
    }

    /** The engine's op: the definition of this function's value and derivative. */
    public Pointwise op() {
        return op;
    }

    @Override public String key() { return key; }
    @Override public String displayName() { return displayName; }
    @Override public String formula() { return formula; }
    @Override public String derivativeFormula() { return derivativeFormula; }
    @Override public OutputRange range() { return range; }
    @Override public boolean zeroCentred() { return zeroCentred; }
    @Override public Saturation saturation() { return saturation; }
    @Override public Cost cost() { return cost; }
    @Override public String note() { return note; }
    @Override public IActivation dl4j() { return dl4j.get(); }
    @Override public String dl4jCode() { return dl4jCode; }
    @Override public boolean elementWise() { return true; }
    @Override public String kerasDifference() { return kerasDifference; }

    @Override
    public double[] forward(double[] z) {
        double[] a = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            a[i] = value(z[i]);
        }
        return a;
    }

    @Override
    public double[] backward(double[] z, double[] upstream) {
        if (z.length != upstream.length) {
            throw new IllegalArgumentException("z has " + z.length + " elements, the upstream gradient " + upstream.length);
        }
        double[] g = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            g[i] = derivative(z[i]) * upstream[i];
        }
        return g;
    }

    @Override
    public String toString() {
        return displayName;
    }

    static Builder builder(String key, String displayName) {
        return new Builder(key, displayName);
    }

    /** Named fields for one catalogue entry. */
    static final class Builder {
        private final String key;
        private final String displayName;
        private String formula;
        private String derivativeFormula;
        private Pointwise op;
        private OutputRange range;
        private boolean zeroCentred;
        private Saturation saturation;
        private Cost cost;
        private String note;
        private Supplier<IActivation> dl4j;
        private String dl4jCode;
        private String kerasDifference = "";

        private Builder(String key, String displayName) {
            this.key = key;
            this.displayName = displayName;
        }

        /** The formulas as text and the op that computes them. */
        Builder formula(String formula, String derivativeFormula, Pointwise op) {
            this.formula = formula;
            this.derivativeFormula = derivativeFormula;
            this.op = op;
            return this;
        }

        Builder range(double low, double high, String text) {
            this.range = new OutputRange(low, high, text);
            return this;
        }

        Builder zeroCentred(boolean zeroCentred) {
            this.zeroCentred = zeroCentred;
            return this;
        }

        Builder saturation(Saturation saturation) {
            this.saturation = saturation;
            return this;
        }

        Builder cost(Cost cost) {
            this.cost = cost;
            return this;
        }

        Builder note(String note) {
            this.note = note;
            return this;
        }

        Builder dl4j(String code, Supplier<IActivation> dl4j) {
            this.dl4jCode = code;
            this.dl4j = dl4j;
            return this;
        }

        /** How DL4J's function differs from Keras' and PyTorch's of the same name (a warning when chosen). */
        Builder kerasDifference(String difference) {
            this.kerasDifference = difference;
            return this;
        }

        ElementWise build() {
            return new ElementWise(this);
        }
    }
}
