package org.dlkit.autodiff;

import java.util.function.DoubleUnaryOperator;

/**
 * An elementwise function y = f(x) together with its local derivative f'(x), written in terms of the input x and
 * the output y that the forward pass keeps (card 4): the sigmoid's derivative is y(1 − y) (card 6), tanh's is
 * 1 − y², ELU's for x &lt; 0 is y + α. Backward never evaluates f again.
 *
 * <p>The catalogue follows DL4J's definitions (same α defaults: Leaky ReLU 0.01, ELU 1.0). ReLU and Leaky ReLU have
 * a kink at 0 where we take the derivative of the x &lt; 0 side, as DL4J does.
 */
public final class Pointwise {

    /** The local derivative ∂y/∂x from the kept input x and output y. */
    @FunctionalInterface
    public interface Derivative {
        double at(double x, double y);
    }

    private final String name;
    private final DoubleUnaryOperator function;
    private final Derivative derivative;

    private Pointwise(String name, DoubleUnaryOperator function, Derivative derivative) {
        this.name = name;
        this.function = function;
        this.derivative = derivative;
    }

    /** A custom elementwise op, e.g. a variant of a catalogue function with another derivative. */
    public static Pointwise of(String name, DoubleUnaryOperator function, Derivative derivative) {
        return new Pointwise(name, function, derivative);
    }

    /** y = x; y' = 1. */
    public static final Pointwise IDENTITY = of("identity", x -> x, (x, y) -> 1.0);

    /** y = eˣ; y' = eˣ = y. */
    public static final Pointwise EXP = of("exp", Math::exp, (x, y) -> y);

    /** y = ln x; y' = 1/x. */
    public static final Pointwise LOG = of("log", Math::log, (x, y) -> 1.0 / x);

    /** y = |x|; y' = sign(x), 0 at x = 0 (as DL4J's L1 regularisation uses it). */
    public static final Pointwise ABS = of("abs", Math::abs, (x, y) -> Math.signum(x));

    /** σ(x) = 1 / (1 + e⁻ˣ); σ' = y(1 − y) from the kept output (card 6). */
    public static final Pointwise SIGMOID = of("σ", Pointwise::sigmoid, (x, y) -> y * (1 - y));

    /** tanh(x) = (eˣ − e⁻ˣ) / (eˣ + e⁻ˣ); tanh' = 1 − y². */
    public static final Pointwise TANH = of("tanh", Math::tanh, (x, y) -> 1 - y * y);

    /** ReLU(x) = max(0, x); ReLU' = 1 for x &gt; 0, else 0. */
    public static final Pointwise RELU = of("relu", x -> x > 0 ? x : 0.0, (x, y) -> x > 0 ? 1.0 : 0.0);

    /**
     * softplus(x) = ln(1 + eˣ); softplus' = σ(x) = 1 − e^(−y), read from the kept output (since e^y = 1 + eˣ).
     * Evaluated without overflow for large |x|.
     */
    public static final Pointwise SOFTPLUS = of("softplus",
            x -> x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x)),
            (x, y) -> -Math.expm1(-y));

    /** softsign(x) = x / (1 + |x|); softsign' = 1 / (1 + |x|)² = (1 − |y|)². */
    public static final Pointwise SOFTSIGN = of("softsign", x -> x / (1 + Math.abs(x)), (x, y) -> {
        double d = 1 - Math.abs(y);
        return d * d;
    });

    /** LeakyReLU(x) = x for x &gt; 0, αx otherwise; derivative 1 or α. */
    public static Pointwise leakyRelu(double alpha) {
        return of("leakyrelu", x -> x > 0 ? x : alpha * x, (x, y) -> x > 0 ? 1.0 : alpha);
    }

    /** ELU(x) = x for x &gt; 0, α(eˣ − 1) otherwise; derivative 1, or αeˣ = y + α from the kept output. */
    public static Pointwise elu(double alpha) {
        return of("elu", x -> x > 0 ? x : alpha * Math.expm1(x), (x, y) -> x > 0 ? 1.0 : y + alpha);
    }

    static double sigmoid(double x) {
        return 1.0 / (1.0 + Math.exp(-x));
    }

    public String name() {
        return name;
    }

    /** f(x). */
    public double value(double x) {
        return function.applyAsDouble(x);
    }

    /** f'(x) from x and the kept y = f(x). */
    public double derivative(double x, double y) {
        return derivative.at(x, y);
    }

    @Override
    public String toString() {
        return name;
    }
}
