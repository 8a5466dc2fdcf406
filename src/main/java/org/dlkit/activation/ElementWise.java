package org.dlkit.activation;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.DoubleStream;
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
    private final double[] flatOutputs;
    private final boolean canDie;
    private final boolean passesGradient;

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
        this.flatOutputs = flatOutputs(op);
        this.canDie = zeroAndFlat(op, -1e-3) && zeroAndFlat(op, -1) && zeroAndFlat(op, -1e3);
        this.passesGradient = passesGradient(op);
    }

    /** Inputs beyond a kink at which {@link #flatOutputs(Pointwise)} probes the derivative. */
    private static final double[] BEYOND_KINK = {1e-3, 1, 1e3};

    /**
     * The outputs where f is flat, read from the op: beyond a kink, f' = 0 at every probe ({@link #BEYOND_KINK})
     * on that side. Flat parts of the catalogue's functions start at a kink (ReLU's 0, ReLU6's 0 and 6, ...).
     */
    private static double[] flatOutputs(Pointwise op) {
        return Arrays.stream(op.kinks()).flatMap(k -> DoubleStream.of(-1, 1)
                .filter(side -> Arrays.stream(BEYOND_KINK).allMatch(d -> op.derivative(k + side * d) == 0))
                .map(side -> op.value(k + side * BEYOND_KINK[0]) + 0.0)).distinct().sorted().toArray();
    }

    private static boolean zeroAndFlat(Pointwise op, double x) {
        return op.value(x) == 0 && op.derivative(x) == 0;
    }

    /** Step of the grid on [−8, 8] on which {@link #passesGradient(Pointwise)} looks for f' ≥ 1. */
    private static final double GRID_STEP = 1.0 / 64;

    /** Whether f' ≥ 1 at two neighbouring points of a grid of step 1/64 on [−8, 8]: on an interval, not a point. */
    private static boolean passesGradient(Pointwise op) {
        boolean previous = false;
        for (double x = -8; x <= 8; x += GRID_STEP) {
            boolean here = op.derivative(x) >= 1;
            if (here && previous) {
                return true;
            }
            previous = here;
        }
        return false;
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
    @Override public double[] flatOutputs() { return flatOutputs.clone(); }
    @Override public boolean canDie() { return canDie; }
    @Override public boolean passesGradient() { return passesGradient; }

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
