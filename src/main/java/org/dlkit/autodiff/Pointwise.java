package org.dlkit.autodiff;

import java.util.function.DoubleUnaryOperator;

/**
 * The element-wise functions y = f(x), each defined once, here, with its local derivative f'(x) written in terms of
 * the input x and the output y that the forward pass keeps (card 4): the sigmoid's derivative is y(1 − y) (card 6),
 * tanh's is 1 − y², ELU's for x &lt; 0 is y + α. Backward never evaluates f again.
 *
 * <p>This is the one definition of every activation's maths: the engine's ops apply it, the catalogue in
 * {@code org.dlkit.activation} adds names, properties and the DL4J mapping on top of it, the training diagnostics
 * read its derivative, and the gradient check translates DL4J activations to it. It uses no DL4J, so the engine
 * stays independent (the gradient check relies on that).
 *
 * <p>Parameters and conventions follow DL4J (same α defaults: Leaky ReLU 0.01, ELU 1.0). At the kink x = 0 the
 * derivative takes DL4J M2.1's value: 0 for ReLU, 1 for Leaky ReLU.
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
    /** The derivative as a function of the output y alone, where it is one (sigmoid, tanh, ...); else null. */
    private final DoubleUnaryOperator fromOutput;
    /** The inputs x where the derivative jumps: 0 for the ReLU family, ±2.5 for the hard sigmoid, ...; often none. */
    private final double[] kinks;

    private Pointwise(String name, DoubleUnaryOperator function, Derivative derivative, DoubleUnaryOperator fromOutput,
                      double... kinks) {
        this.name = name;
        this.function = function;
        this.derivative = derivative;
        this.fromOutput = fromOutput;
        this.kinks = kinks.clone();
    }

    /** A custom elementwise op, e.g. a variant of a catalogue function with another derivative. */
    public static Pointwise of(String name, DoubleUnaryOperator function, Derivative derivative) {
        return new Pointwise(name, function, derivative, null);
    }

    /** An op whose derivative is a function of its output y alone. */
    private static Pointwise ofOutput(String name, DoubleUnaryOperator function, DoubleUnaryOperator fromOutput) {
        return new Pointwise(name, function, (x, y) -> fromOutput.applyAsDouble(y), fromOutput);
    }

    /** A ReLU-family op: its derivative jumps at x = 0. */
    private static Pointwise kinked(String name, DoubleUnaryOperator function, Derivative derivative) {
        return new Pointwise(name, function, derivative, null, 0);
    }

    /** A clipped op whose derivative jumps at the inputs {@code kinks}. */
    private static Pointwise clipped(String name, DoubleUnaryOperator function, Derivative derivative,
                                     double... kinks) {
        return new Pointwise(name, function, derivative, null, kinks);
    }

    /** y = x; y' = 1. */
    public static final Pointwise IDENTITY = ofOutput("identity", x -> x, y -> 1.0);

    /** y = eˣ; y' = eˣ = y. */
    public static final Pointwise EXP = ofOutput("exp", Math::exp, y -> y);

    /** y = ln x; y' = 1/x. */
    public static final Pointwise LOG = of("log", Math::log, (x, y) -> 1.0 / x);

    /** y = |x|; y' = sign(x), 0 at x = 0 (as DL4J's L1 regularisation uses it). */
    public static final Pointwise ABS = of("abs", Math::abs, (x, y) -> Math.signum(x));

    /**
     * σ(x) = 1 / (1 + e⁻ˣ); σ' = y(1 − y) from the kept output (card 6), at most 1/4 (at x = 0). Evaluated as
     * eˣ / (1 + eˣ) for x &lt; 0 so that no e^(large) overflows.
     */
    public static final Pointwise SIGMOID = ofOutput("σ", Pointwise::sigmoid, y -> y * (1 - y));

    /** tanh(x) = (eˣ − e⁻ˣ) / (eˣ + e⁻ˣ) = 2σ(2x) − 1; tanh' = 1 − y². */
    public static final Pointwise TANH = ofOutput("tanh", Math::tanh, y -> 1 - y * y);

    /** ReLU(x) = max(0, x); ReLU' = 1 for x &gt; 0, else 0 (also at the kink, as DL4J). */
    public static final Pointwise RELU = kinked("relu", x -> x > 0 ? x : 0.0, (x, y) -> x > 0 ? 1.0 : 0.0);

    /**
     * softplus(x) = ln(1 + eˣ), a smooth ReLU; softplus' = σ(x) = 1 − e^(−y), read from the kept output (since
     * e^y = 1 + eˣ). Evaluated as max(x, 0) + ln(1 + e^(−|x|)), without overflow for large |x|.
     */
    public static final Pointwise SOFTPLUS = ofOutput("softplus",
            x -> Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))), y -> -Math.expm1(-y));

    /** softsign(x) = x / (1 + |x|); softsign' = 1 / (1 + |x|)² = (1 − |y|)². */
    public static final Pointwise SOFTSIGN = ofOutput("softsign", x -> x / (1 + Math.abs(x)), y -> {
        double d = 1 - Math.abs(y);
        return d * d;
    });

    /** SELU's α, chosen (with λ) so that activations keep mean 0 and variance 1 layer after layer. */
    public static final double SELU_ALPHA = 1.6732632423543772848170429916717;
    /** SELU's scale λ. */
    public static final double SELU_LAMBDA = 1.0507009873554804934193349852946;

    /** SELU(x) = λx for x &gt; 0, λα(eˣ − 1) otherwise; SELU' = λ, or λαeˣ = y + λα from the kept output. */
    public static final Pointwise SELU = kinked("selu",
            x -> SELU_LAMBDA * (x > 0 ? x : SELU_ALPHA * Math.expm1(x)),
            (x, y) -> x > 0 ? SELU_LAMBDA : y + SELU_LAMBDA * SELU_ALPHA);

    /** swish(x) = x·σ(x) (also SiLU); swish' = σ(x) + x·σ(x)(1 − σ(x)). */
    public static final Pointwise SWISH = of("swish", x -> x * sigmoid(x), (x, y) -> {
        double s = sigmoid(x);
        return s + x * s * (1 - s);
    });

    /**
     * DL4J's k in GELU ≈ x·σ(kx): 1.702, held in float32 as DL4J M2.1 holds it (1.7020000219...), so that this
     * definition computes what DL4J computes (with k = 1.702 exactly, the derivatives differ by up to 1.3e-6
     * relative near its zero).
     */
    public static final double GELU_SIGMOID_SCALE = (float) 1.702;

    /**
     * GELU as DL4J M2.1's {@code Activation.GELU} computes it: the sigmoid approximation x·σ(kx), k = 1.702, of the
     * exact x·Φ(x); GELU' = σ(kx) + kx·σ(kx)(1 − σ(kx)). (It is swish(kx) / k.)
     */
    public static final Pointwise GELU = of("gelu", x -> x * sigmoid(GELU_SIGMOID_SCALE * x), (x, y) -> {
        double s = sigmoid(GELU_SIGMOID_SCALE * x);
        return s + GELU_SIGMOID_SCALE * x * s * (1 - s);
    });

    /** mish(x) = x·tanh(softplus(x)); mish' = tanh(softplus(x)) + x·(1 − tanh²(softplus(x)))·σ(x). */
    public static final Pointwise MISH = of("mish", x -> x * Math.tanh(SOFTPLUS.value(x)), (x, y) -> {
        double t = Math.tanh(SOFTPLUS.value(x));
        return t + x * (1 - t * t) * sigmoid(x);
    });

    /**
     * DL4J's hard-sigmoid slope: 0.2, held in float32 as DL4J M2.1 holds it (0.20000000298...), so that this
     * definition computes what DL4J computes.
     */
    public static final double HARD_SIGMOID_SLOPE = (float) 0.2;

    /**
     * hard sigmoid(x) = clip(0.2x + 0.5, 0, 1), DL4J's (and Keras 2's) piecewise-linear sigmoid; derivative 0.2 for
     * |x| ≤ 2.5 (DL4J's value at the kinks ±2.5), 0 outside.
     */
    public static final Pointwise HARD_SIGMOID = clipped("hardsigmoid",
            x -> Math.max(0, Math.min(1, HARD_SIGMOID_SLOPE * x + 0.5)),
            (x, y) -> Math.abs(x) <= 2.5 ? HARD_SIGMOID_SLOPE : 0.0, -2.5, 2.5);

    /** hard tanh(x) = clip(x, −1, 1); derivative 1 for |x| ≤ 1 (DL4J's value at the kinks ±1), 0 outside. */
    public static final Pointwise HARD_TANH = clipped("hardtanh", x -> Math.max(-1, Math.min(1, x)),
            (x, y) -> Math.abs(x) <= 1 ? 1.0 : 0.0, -1, 1);

    /** ReLU6(x) = min(max(0, x), 6); derivative 1 for 0 &lt; x &lt; 6, else 0 (DL4J's value at both kinks). */
    public static final Pointwise RELU6 = clipped("relu6", x -> Math.min(6, Math.max(0, x)),
            (x, y) -> x > 0 && x < 6 ? 1.0 : 0.0, 0, 6);

    /**
     * LeakyReLU(x) = x for x &gt; 0, αx otherwise; derivative 1 for x ≥ 0 (DL4J's value at the kink), α for x &lt; 0.
     * At a fixed α this is also PReLU.
     */
    public static Pointwise leakyRelu(double alpha) {
        return leakyRelu(alpha, alpha);
    }

    /**
     * Leaky ReLU whose derivative uses {@code derivativeAlpha} for x &lt; 0 while the value uses {@code alpha}: DL4J
     * M2.1's backprop rounds α to float32, and the gradient check compares like with like.
     */
    public static Pointwise leakyRelu(double alpha, double derivativeAlpha) {
        return kinked("leakyrelu", x -> x > 0 ? x : alpha * x, (x, y) -> x >= 0 ? 1.0 : derivativeAlpha);
    }

    /** ELU(x) = x for x &gt; 0, α(eˣ − 1) otherwise; derivative 1, or αeˣ = y + α from the kept output. */
    public static Pointwise elu(double alpha) {
        return kinked("elu", x -> x > 0 ? x : alpha * Math.expm1(x), (x, y) -> x > 0 ? 1.0 : y + alpha);
    }

    /** σ(x), the one sigmoid formula of the project: 1 / (1 + e⁻ˣ) for x ≥ 0, eˣ / (1 + eˣ) below. */
    public static double sigmoid(double x) {
        if (x >= 0) {
            return 1 / (1 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1 + e);
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

    /** f'(x) from x alone (evaluates f once). */
    public double derivative(double x) {
        return derivative.at(x, value(x));
    }

    /**
     * Whether the derivative jumps somewhere: at x = 0 for ReLU, Leaky ReLU, ELU with α ≠ 1 and SELU (ELU with α = 1
     * only in its second derivative), elsewhere for the clipped functions ({@link #kinks()}); finite differences
     * across a kink do not measure the derivative there.
     */
    public boolean kinked() {
        return kinks.length > 0;
    }

    /** The inputs where the derivative jumps, e.g. {0} for ReLU, {−2.5, 2.5} for the hard sigmoid; empty for none. */
    public double[] kinks() {
        return kinks.clone();
    }

    /** Whether {@link #derivativeFromOutput} is defined: the derivative is a function of the output alone. */
    public boolean hasOutputDerivative() {
        return fromOutput != null;
    }

    /**
     * f' read from the output y alone, e.g. y(1 − y) for the sigmoid: what a diagnostic that sees only a layer's
     * outputs can compute.
     *
     * @throws IllegalStateException for a function whose derivative needs x
     */
    public double derivativeFromOutput(double y) {
        if (fromOutput == null) {
            throw new IllegalStateException(name + "'s derivative is not a function of its output alone");
        }
        return fromOutput.applyAsDouble(y);
    }

    @Override
    public String toString() {
        return name;
    }
}
