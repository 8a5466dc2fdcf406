package org.dlkit.activation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dlkit.autodiff.Pointwise;
import org.dlkit.error.DlkitException;
import org.dlkit.error.Names;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationELU;
import org.nd4j.linalg.activations.impl.ActivationGELU;
import org.nd4j.linalg.activations.impl.ActivationHardSigmoid;
import org.nd4j.linalg.activations.impl.ActivationHardTanH;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationMish;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU6;
import org.nd4j.linalg.activations.impl.ActivationSELU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftPlus;
import org.nd4j.linalg.activations.impl.ActivationSoftSign;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationSwish;
import org.nd4j.linalg.activations.impl.ActivationTanH;

/**
 * The activation catalogue (cards 9–22): every function of the course with its formula, derivative, properties,
 * problems and DL4J counterpart, looked up by constant or by name like {@code keras.activations.get("relu")}.
 *
 * <pre>
 *   ActivationFunction f = Activations.get("leaky_relu");   // also "LeakyReLU", "lrelu", "leaky"
 *   Activations.SIGMOID.derivative(0.0);                      // 0.25
 *   layerBuilder.activation(Activations.RELU.dl4j());
 * </pre>
 */
public final class Activations {

    /** SELU's α, chosen (with λ) so that activations keep mean 0 and variance 1 layer after layer. */
    static final double SELU_ALPHA = Pointwise.SELU_ALPHA;
    /** SELU's scale λ. */
    static final double SELU_LAMBDA = Pointwise.SELU_LAMBDA;
    /** DL4J's default ELU α, {@code ActivationELU.DEFAULT_ALPHA}. */
    public static final double DEFAULT_ELU_ALPHA = ActivationELU.DEFAULT_ALPHA;
    /** DL4J's default Leaky ReLU slope, {@code ActivationLReLU.DEFAULT_ALPHA}. */
    public static final double DEFAULT_LEAKY_SLOPE = ActivationLReLU.DEFAULT_ALPHA;
    /** The initial PReLU slope of He et al. (2015); DL4J's {@code PReLULayer} starts from 0 unless told otherwise. */
    public static final double DEFAULT_PRELU_SLOPE = 0.25;

    private Activations() {
    }

    /** σ(x) = 1 / (1 + e^(−x)); σ'(x) = σ(x)·(1 − σ(x)), at most 1/4 (at x = 0). */
    public static final ElementWise SIGMOID = ElementWise.builder("sigmoid", "sigmoid")
            .formula("σ(x) = 1 / (1 + e^(−x))", "σ'(x) = σ(x)·(1 − σ(x))", Pointwise.SIGMOID)
            .range(0, 1, "(0, 1)").zeroCentred(false).saturation(Saturation.BOTH_SIDES).cost(Cost.HIGH)
            .note("kills gradients: σ' ≈ 0 for large |x| and at most 1/4, so deep stacks stop learning "
                    + "(vanishing gradients); not zero-centred: outputs always positive, so a unit's weight "
                    + "gradients all share one sign and updates zig-zag")
            .dl4j("Activation.SIGMOID", Activation.SIGMOID::getActivationFunction)
            .build();

    /** tanh(x) = (e^x − e^(−x)) / (e^x + e^(−x)) = 2σ(2x) − 1; tanh'(x) = 1 − tanh²(x). */
    public static final ElementWise TANH = ElementWise.builder("tanh", "tanh")
            .formula("tanh(x) = (e^x − e^(−x)) / (e^x + e^(−x))", "tanh'(x) = 1 − tanh²(x)", Pointwise.TANH)
            .range(-1, 1, "(−1, 1)").zeroCentred(true).saturation(Saturation.BOTH_SIDES).cost(Cost.HIGH)
            .note("better than sigmoid: zero-centred outputs; but still saturates for large |x|, so gradients "
                    + "still vanish")
            .dl4j("Activation.TANH", Activation.TANH::getActivationFunction)
            .build();

    /** ReLU(x) = max(0, x); ReLU'(x) = 1 for x &gt; 0, 0 for x &lt; 0. */
    public static final ElementWise RELU = ElementWise.builder("relu", "ReLU")
            .formula("ReLU(x) = max(0, x)", "ReLU'(x) = 1 if x > 0, 0 if x < 0", Pointwise.RELU)
            .range(0, Double.POSITIVE_INFINITY, "[0, ∞)").zeroCentred(false)
            .saturation(Saturation.NEGATIVE_SIDE).cost(Cost.LOW)
            .note("most common, mostly in hidden layers: cheap, converges fast, no saturation for x > 0, does not "
                    + "activate all neurons at once; gradient 0 for x < 0, so units can die (dead ReLUs); "
                    + "not zero-centred")
            .dl4j("Activation.RELU", Activation.RELU::getActivationFunction)
            .build();

    /** Leaky ReLU with DL4J's default slope a = 0.01: see {@link #leakyRelu(double)}. */
    public static final ElementWise LEAKY_RELU = leakyRelu(DEFAULT_LEAKY_SLOPE);

    /** PReLU with the initial slope a = 0.25: see {@link #prelu(double)}. */
    public static final ElementWise PRELU = prelu(DEFAULT_PRELU_SLOPE);

    /** ELU with DL4J's default α = 1: see {@link #elu(double)}. */
    public static final ElementWise ELU = elu(DEFAULT_ELU_ALPHA);

    /** softmax(z)_i = e^(z_i) / Σ_j e^(z_j); ∂s_i/∂z_j = s_i·(δ_ij − s_j). */
    public static final ActivationFunction SOFTMAX = Softmax.INSTANCE;

    /** identity(x) = x; identity'(x) = 1. */
    public static final ElementWise IDENTITY = ElementWise.builder("identity", "identity")
            .formula("identity(x) = x", "identity'(x) = 1", Pointwise.IDENTITY)
            .range(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, "(−∞, ∞)").zeroCentred(true)
            .saturation(Saturation.NONE).cost(Cost.LOW)
            .note("no non-linearity: for the output of a regression; a stack of linear layers is one linear layer")
            .dl4j("Activation.IDENTITY", Activation.IDENTITY::getActivationFunction)
            .build();

    /** softplus(x) = ln(1 + e^x), a smooth ReLU; softplus'(x) = σ(x). */
    public static final ElementWise SOFTPLUS = ElementWise.builder("softplus", "softplus")
            .formula("softplus(x) = ln(1 + e^x)", "softplus'(x) = σ(x)", Pointwise.SOFTPLUS)
            .range(0, Double.POSITIVE_INFINITY, "(0, ∞)").zeroCentred(false)
            .saturation(Saturation.NEGATIVE_SIDE).cost(Cost.HIGH)
            .note("a smooth ReLU whose derivative is the sigmoid; costs a log and an e^x")
            .dl4j("Activation.SOFTPLUS", Activation.SOFTPLUS::getActivationFunction)
            .build();

    /** softsign(x) = x / (1 + |x|); softsign'(x) = 1 / (1 + |x|)². */
    public static final ElementWise SOFTSIGN = ElementWise.builder("softsign", "softsign")
            .formula("softsign(x) = x / (1 + |x|)", "softsign'(x) = 1 / (1 + |x|)²", Pointwise.SOFTSIGN)
            .range(-1, 1, "(−1, 1)").zeroCentred(true).saturation(Saturation.BOTH_SIDES).cost(Cost.MEDIUM)
            .note("tanh-shaped and zero-centred without e^x; saturates polynomially, slower than tanh")
            .dl4j("Activation.SOFTSIGN", Activation.SOFTSIGN::getActivationFunction)
            .build();

    /** SELU(x) = λ·x for x &gt; 0, λ·α·(e^x − 1) for x ≤ 0, with α ≈ 1.6733, λ ≈ 1.0507. */
    public static final ElementWise SELU = ElementWise.builder("selu", "SELU")
            .formula("SELU(x) = λ·x if x > 0, λ·α·(e^x − 1) if x ≤ 0   (α ≈ 1.6733, λ ≈ 1.0507)",
                    "SELU'(x) = λ if x > 0, λ·α·e^x if x ≤ 0", Pointwise.SELU)
            .range(-SELU_LAMBDA * SELU_ALPHA, Double.POSITIVE_INFINITY, "(−λα ≈ −1.758, ∞)").zeroCentred(false)
            .saturation(Saturation.NEGATIVE_SIDE).cost(Cost.HIGH)
            .note("scaled ELU: with LeCun init, activations keep mean 0 and variance 1 through deep stacks "
                    + "(self-normalising); costs e^x")
            .dl4j("Activation.SELU", Activation.SELU::getActivationFunction)
            .build();

    /** swish(x) = x·σ(x); swish'(x) = σ(x) + x·σ(x)·(1 − σ(x)). */
    public static final ElementWise SWISH = ElementWise.builder("swish", "swish")
            .formula("swish(x) = x·σ(x)", "swish'(x) = σ(x) + x·σ(x)·(1 − σ(x))", Pointwise.SWISH)
            .range(-0.27846454276107374, Double.POSITIVE_INFINITY, "[≈ −0.278, ∞)").zeroCentred(false)
            .saturation(Saturation.NEGATIVE_SIDE).cost(Cost.HIGH)
            .note("smooth, non-monotonic ReLU-like curve (also called SiLU); costs e^x")
            .dl4j("Activation.SWISH", Activation.SWISH::getActivationFunction)
            .build();

    /**
     * GELU(x) ≈ x·σ(1.702x), DL4J's {@code Activation.GELU}: the sigmoid approximation of the Gaussian error linear
     * unit x·Φ(x) (Φ the standard normal CDF); GELU'(x) = σ(kx) + kx·σ(kx)·(1 − σ(kx)), k = 1.702. Keras'
     * {@code gelu} and PyTorch's {@code nn.GELU()} compute the exact x·Φ(x) (with approximate=True: the tanh form
     * 0.5x·(1 + tanh(√(2/π)·(x + 0.044715x³)))); DL4J's differs from the exact one by up to 0.020 in value (at
     * x ≈ ±2.3) and 0.029 in derivative (measured), hence {@link ActivationFunction#kerasDifference()}. DL4J's
     * {@code new ActivationGELU(true)} ("precise") computes neither form and is refused ({@link #of}).
     */
    public static final ElementWise GELU = ElementWise.builder("gelu", "GELU")
            .formula("GELU(x) ≈ x·σ(1.702x)   (DL4J's sigmoid approximation of x·Φ(x))",
                    "GELU'(x) = σ(1.702x) + 1.702x·σ(1.702x)·(1 − σ(1.702x))", Pointwise.GELU)
            .range(-0.27846454276107374 / Pointwise.GELU_SIGMOID_SCALE, Double.POSITIVE_INFINITY, "[≈ −0.164, ∞)")
            .zeroCentred(false).saturation(Saturation.NEGATIVE_SIDE).cost(Cost.HIGH)
            .note("smooth, non-monotonic ReLU-like curve used by transformers (BERT, GPT); weights x by how likely "
                    + "a standard normal is below it; costs e^x")
            .dl4j("Activation.GELU", Activation.GELU::getActivationFunction)
            .kerasDifference("DL4J's GELU is the sigmoid approximation x·σ(1.702x), not the exact x·Φ(x) of Keras' "
                    + "gelu and PyTorch's nn.GELU() (nor their tanh form): outputs differ by up to 0.02, so weights "
                    + "trained in Keras or PyTorch will not give the same outputs here")
            .build();

    /** mish(x) = x·tanh(softplus(x)); mish'(x) = tanh(softplus(x)) + x·(1 − tanh²(softplus(x)))·σ(x). */
    public static final ElementWise MISH = ElementWise.builder("mish", "mish")
            .formula("mish(x) = x·tanh(ln(1 + e^x))", "mish'(x) = tanh(sp(x)) + x·(1 − tanh²(sp(x)))·σ(x), "
                    + "sp(x) = ln(1 + e^x)", Pointwise.MISH)
            .range(-0.30884342, Double.POSITIVE_INFINITY, "[≈ −0.309, ∞)").zeroCentred(false)
            .saturation(Saturation.NEGATIVE_SIDE).cost(Cost.HIGH)
            .note("smooth, non-monotonic ReLU-like curve, close to swish; costs an e^x, a log and a tanh")
            .dl4j("Activation.MISH", Activation.MISH::getActivationFunction)
            .build();

    /**
     * hard sigmoid(x) = clip(0.2x + 0.5, 0, 1), DL4J's {@code Activation.HARDSIGMOID} (Keras 2's formula); its
     * derivative is 0.2 for |x| ≤ 2.5, 0 outside. Keras 3 and PyTorch's {@code Hardsigmoid} use clip(x/6 + 1/2, 0, 1)
     * instead (slope 1/6, flat beyond ±3), hence {@link ActivationFunction#kerasDifference()}.
     */
    public static final ElementWise HARD_SIGMOID = ElementWise.builder("hard_sigmoid", "hard sigmoid")
            .formula("hardσ(x) = clip(0.2x + 0.5, 0, 1)", "hardσ'(x) = 0.2 if |x| ≤ 2.5, 0 otherwise",
                    Pointwise.HARD_SIGMOID)
            .range(0, 1, "[0, 1]").zeroCentred(false).saturation(Saturation.BOTH_SIDES).cost(Cost.LOW)
            .note("a cheap, piecewise-linear sigmoid: no e^x, but its gradient is exactly 0 beyond |x| = 2.5 "
                    + "(units there stop learning) and at most 0.2 inside; not zero-centred")
            .dl4j("Activation.HARDSIGMOID", Activation.HARDSIGMOID::getActivationFunction)
            .kerasDifference("DL4J's hard sigmoid is clip(0.2x + 0.5, 0, 1) (Keras 2's), not clip(x/6 + 1/2, 0, 1) "
                    + "of Keras 3's hard_sigmoid and PyTorch's Hardsigmoid: outputs differ by up to 0.083 (at "
                    + "x = ±2.5)")
            .build();

    /** hard tanh(x) = clip(x, −1, 1); its derivative is 1 for |x| ≤ 1, 0 outside. */
    public static final ElementWise HARD_TANH = ElementWise.builder("hard_tanh", "hard tanh")
            .formula("hardtanh(x) = clip(x, −1, 1)", "hardtanh'(x) = 1 if |x| ≤ 1, 0 otherwise", Pointwise.HARD_TANH)
            .range(-1, 1, "[−1, 1]").zeroCentred(true).saturation(Saturation.BOTH_SIDES).cost(Cost.LOW)
            .note("a cheap, piecewise-linear tanh, zero-centred; its gradient is exactly 0 beyond |x| = 1, so units "
                    + "there stop learning")
            .dl4j("Activation.HARDTANH", Activation.HARDTANH::getActivationFunction)
            .build();

    /** ReLU6(x) = min(max(0, x), 6); its derivative is 1 for 0 &lt; x &lt; 6, 0 otherwise. */
    public static final ElementWise RELU6 = ElementWise.builder("relu6", "ReLU6")
            .formula("ReLU6(x) = min(max(0, x), 6)", "ReLU6'(x) = 1 if 0 < x < 6, 0 otherwise", Pointwise.RELU6)
            .range(0, 6, "[0, 6]").zeroCentred(false).saturation(Saturation.BOTH_SIDES).cost(Cost.LOW)
            .note("ReLU capped at 6 (MobileNet): bounded outputs suit low-precision arithmetic; its gradient is 0 "
                    + "for x < 0 (dead units, as ReLU) and for x > 6")
            .dl4j("Activation.RELU6", Activation.RELU6::getActivationFunction)
            .build();

    /** Every function, in the course's order, then the extras. */
    private static final List<ActivationFunction> ALL = List.of(SIGMOID, TANH, RELU, LEAKY_RELU, PRELU, ELU, SOFTMAX,
            IDENTITY, SOFTPLUS, SOFTSIGN, SELU, SWISH, GELU, MISH, HARD_SIGMOID, HARD_TANH, RELU6);

    /** Extra names, written without separators and in lower case; every key is accepted as well. */
    private static final Map<String, ActivationFunction> ALIASES = aliases();

    /**
     * Leaky ReLU(x) = x for x &gt; 0, a·x for x ≤ 0; its derivative is 1 for x &gt; 0, a for x &lt; 0.
     *
     * @param a the slope for x &lt; 0, in [0, 1) (0 gives ReLU); DL4J's default is 0.01
     */
    public static ElementWise leakyRelu(double a) {
        checkSlope("Leaky ReLU", a);
        return ElementWise.builder("leaky_relu", "Leaky ReLU")
                .formula("LeakyReLU(x) = x if x > 0, a·x if x ≤ 0   (a = " + a + ")",
                        "LeakyReLU'(x) = 1 if x > 0, a if x < 0", Pointwise.leakyRelu(a))
                .range(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, "(−∞, ∞)").zeroCentred(false)
                .saturation(Saturation.NONE).cost(Cost.LOW)
                .note("removes ReLU's zero part with a small slope a: doesn't die, more stable than ReLU, still "
                        + "cheap and fast to converge; adds another parameter (a learnable a is PReLU)")
                .dl4j("new ActivationLReLU(" + a + ")", () -> new ActivationLReLU(a))
                .build();
    }

    /**
     * PReLU(x) = x for x &gt; 0, a·x for x ≤ 0, where the network learns a (one per unit); ∂PReLU/∂x is 1 for
     * x &gt; 0 and a for x &lt; 0, and ∂PReLU/∂a = x for x &lt; 0, 0 otherwise.
     *
     * <p>In a DL4J network the learnable form is a {@code PReLULayer} (its {@code alpha} parameter, one per unit,
     * starts at the layer's weight init, 0 by default) after a layer with identity activation. At a fixed a, PReLU
     * is Leaky ReLU, so {@link ActivationFunction#dl4j()} gives {@code ActivationLReLU(a)}: it needs no layer width,
     * whereas {@code ActivationPReLU} needs an alpha array of the layer's width (with one alpha shared along axis 1,
     * its {@code prelu_bp} op fails validation for a batch of 8 × 20 in M2.1).
     *
     * @param a the slope for x &lt; 0 at which to evaluate, in [0, 1)
     */
    public static ElementWise prelu(double a) {
        checkSlope("PReLU", a);
        return ElementWise.builder("prelu", "PReLU")
                .formula("PReLU(x) = x if x > 0, a·x if x ≤ 0   (a learned; here a = " + a + ")",
                        "PReLU'(x) = 1 if x > 0, a if x < 0;  ∂PReLU/∂a = x if x < 0, else 0", Pointwise.leakyRelu(a))
                .range(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, "(−∞, ∞)").zeroCentred(false)
                .saturation(Saturation.NONE).cost(Cost.LOW)
                .note("Leaky ReLU whose slope a is learned by the network (one per unit): doesn't die, "
                        + "adds a parameter per unit")
                .dl4j("PReLULayer (learns a per unit) after Activation.IDENTITY; at a fixed a: new ActivationLReLU(" + a + ")",
                        () -> new ActivationLReLU(a))
                .build();
    }

    /**
     * ELU(x) = x for x &gt; 0, α·(e^x − 1) for x ≤ 0; ELU'(x) = 1 for x &gt; 0, α·e^x for x ≤ 0.
     *
     * @param alpha the scale of the negative side, &gt; 0; DL4J's default is 1
     */
    public static ElementWise elu(double alpha) {
        if (!(alpha > 0) || Double.isInfinite(alpha)) {
            throw new DlkitException("ELU alpha must be a positive number, got " + alpha);
        }
        return ElementWise.builder("elu", "ELU")
                .formula("ELU(x) = x if x > 0, α·(e^x − 1) if x ≤ 0   (α = " + alpha + ")",
                        "ELU'(x) = 1 if x > 0, α·e^x if x ≤ 0", Pointwise.elu(alpha))
                .range(-alpha, Double.POSITIVE_INFINITY, "(−" + alpha + ", ∞)").zeroCentred(false)
                .saturation(Saturation.NEGATIVE_SIDE).cost(Cost.HIGH)
                .note("benefits of ReLU and Leaky ReLU: no dead units, outputs closer to zero mean; "
                        + "computation requires e^x")
                .dl4j(alpha == DEFAULT_ELU_ALPHA ? "Activation.ELU" : "new ActivationELU(" + alpha + ")",
                        () -> new ActivationELU(alpha))
                .build();
    }

    /**
     * The catalogue entry a DL4J activation computes, with its parameters (Leaky ReLU's and ELU's α), matched by
     * exact class: a subclass may compute anything, so it is not taken for its parent.
     *
     * @param where names the layer for the message, e.g. "layer 0 (DenseLayer)"
     * @throws DlkitException one line naming the activation and what is supported, for any other activation
     */
    public static ActivationFunction of(IActivation activation, String where) {
        Optional<ActivationFunction> found = find(activation);
        if (found.isPresent()) {
            return found.get();
        }
        Optional<String> refused = Refused.byDl4j(activation);
        if (refused.isPresent()) {
            throw new DlkitException(where + ": activation " + activation + " is refused: " + refused.get());
        }
        Class<?> c = activation == null ? null : activation.getClass();
        String what = activation == null ? "null" : activation.toString();
        if (c != null && !c.getName().startsWith("org.nd4j.")) {
            what = c.getName();   // a class of the user's own: its toString may be anything
        }
        for (Class<?> known = c == null ? null : c.getSuperclass(); known != null; known = known.getSuperclass()) {
            if (known == ActivationReLU.class || known == ActivationLReLU.class || known == ActivationELU.class
                    || known == ActivationGELU.class || DL4J_CLASSES.containsKey(known)) {
                what = c.getName() + " (a subclass of DL4J's " + known.getSimpleName() + ", which may compute something"
                        + " else: only DL4J's own classes are matched, by exact class)";
                break;
            }
        }
        if (c == ActivationReLU.class) {
            what += " (with max, threshold or negative slope)";
        } else if (c == ActivationLReLU.class) {
            what += " (slope outside [0, 1))";
        } else if (c == ActivationELU.class) {
            what += " (alpha not a positive number)";
        }
        throw new DlkitException(where + ": activation " + what + " is not in the activation catalogue; supported: "
                + String.join(", ", DL4J_NAMES));
    }

    /** {@link #of} without the message: empty for anything but DL4J's own supported classes. */
    public static Optional<ActivationFunction> find(IActivation activation) {
        Class<?> c = activation == null ? null : activation.getClass();
        if (c == ActivationReLU.class) {
            ActivationReLU relu = (ActivationReLU) activation;
            boolean plain = relu.getMax() == null && relu.getThreshold() == null && relu.getNegativeSlope() == null;
            return plain ? Optional.of(RELU) : Optional.empty();
        }
        if (c == ActivationLReLU.class) {
            double a = ((ActivationLReLU) activation).getAlpha();
            return a >= 0 && a < 1 ? Optional.of(a == DEFAULT_LEAKY_SLOPE ? LEAKY_RELU : leakyRelu(a)) : Optional.empty();
        }
        if (c == ActivationELU.class) {
            double a = ((ActivationELU) activation).getAlpha();
            return a > 0 && Double.isFinite(a) ? Optional.of(a == DEFAULT_ELU_ALPHA ? ELU : elu(a)) : Optional.empty();
        }
        if (c == ActivationGELU.class) {
            return ((ActivationGELU) activation).isPrecise() ? Optional.empty() : Optional.of(GELU);
        }
        return Optional.ofNullable(DL4J_CLASSES.get(c));
    }

    /** DL4J activation classes without parameters → their catalogue entry. */
    private static final Map<Class<?>, ActivationFunction> DL4J_CLASSES = Map.ofEntries(
            Map.entry(ActivationSigmoid.class, SIGMOID), Map.entry(ActivationTanH.class, TANH),
            Map.entry(ActivationSoftmax.class, SOFTMAX), Map.entry(ActivationIdentity.class, IDENTITY),
            Map.entry(ActivationSoftPlus.class, SOFTPLUS), Map.entry(ActivationSoftSign.class, SOFTSIGN),
            Map.entry(ActivationSELU.class, SELU), Map.entry(ActivationSwish.class, SWISH),
            Map.entry(ActivationMish.class, MISH), Map.entry(ActivationHardSigmoid.class, HARD_SIGMOID),
            Map.entry(ActivationHardTanH.class, HARD_TANH), Map.entry(ActivationReLU6.class, RELU6));

    private static final List<String> DL4J_NAMES = List.of("sigmoid", "tanh", "relu (plain)", "leakyrelu", "elu",
            "softmax", "identity", "softplus", "softsign", "selu", "swish", "gelu (not precise)", "mish",
            "hardsigmoid", "hardtanh", "relu6");

    /** Every function in the catalogue, in the course's order. */
    public static List<ActivationFunction> all() {
        return ALL;
    }

    /** The catalogue keys, e.g. {@code [sigmoid, tanh, relu, leaky_relu, ...]}. */
    public static List<String> keys() {
        return ALL.stream().map(ActivationFunction::key).toList();
    }

    /**
     * The function named {@code name}, ignoring case, spaces, '-' and '_': "relu", "ReLU", "leaky_relu",
     * "LeakyReLU", "lrelu", "logistic", "linear", "silu" ...
     *
     * @throws DlkitException naming the valid names when there is no such function
     */
    public static ActivationFunction get(String name) {
        ActivationFunction f = name == null ? null : ALIASES.get(Names.key(name));
        if (f == null) {
            Optional<String> refused = Refused.byName(name);
            throw new DlkitException(refused.isPresent() ? "activation '" + name + "' is refused: " + refused.get()
                    : "unknown activation '" + name + "': expected one of " + String.join(", ", keys()));
        }
        return f;
    }

    private static void checkSlope(String what, double a) {
        if (!(a >= 0 && a < 1)) {
            throw new DlkitException(what + " slope a must be in [0, 1), got " + a);
        }
    }

    private static Map<String, ActivationFunction> aliases() {
        Map<String, ActivationFunction> m = new LinkedHashMap<>();
        for (ActivationFunction f : ALL) {
            m.put(Names.key(f.key()), f);
        }
        m.put("logistic", SIGMOID);
        m.put("hyperbolictangent", TANH);
        m.put("rectifiedlinear", RELU);
        m.put("lrelu", LEAKY_RELU);
        m.put("leaky", LEAKY_RELU);
        m.put("parametricrelu", PRELU);
        m.put("linear", IDENTITY);
        m.put("none", IDENTITY);
        m.put("silu", SWISH);
        return Map.copyOf(m);
    }
}
