package org.dlkit.init;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.distribution.TruncatedNormalDistribution;
import org.deeplearning4j.nn.conf.distribution.UniformDistribution;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.weights.WeightInitDistribution;
import org.deeplearning4j.nn.weights.WeightInitVarScalingUniformFanIn;
import org.dlkit.error.DlkitException;
import org.dlkit.error.Names;
import org.dlkit.activation.ActivationFunction;

/**
 * How to initialise a layer's weights W (n_in inputs, n_out units), card 31. Biases start at 0 in every strategy.
 *
 * <p>Named "strategy" so that it never clashes with DL4J's own {@code WeightInit} enums (there are two, in
 * {@code org.deeplearning4j.nn.weights} and {@code org.nd4j.weightinit}): code that builds a DL4J layer from a
 * strategy uses both side by side without qualified names. {@link #dl4j()} gives the DL4J object.
 *
 * <p>The good strategies keep the variance of the activations (forward) and gradients (backward) roughly
 * constant from layer to layer; the bad ones show why that matters ({@code org.dlkit.experiment.InitExperiment} measures it).
 */
public enum WeightInitStrategy {

    /**
     * W = 0. Every unit of a layer computes the same output and receives the same gradient, so the units stay
     * identical however long the network trains: zero init never breaks the symmetry.
     */
    ZERO("W = 0",
            "fails: every unit computes the same output and gets the same gradient, so symmetry is never broken",
            "WeightInit.ZERO", WeightInit.ZERO::getWeightInitFunction),

    /**
     * W ~ 0.01·N(0, 1). Breaks the symmetry, and is fine for small networks, but each layer multiplies the
     * activations' standard deviation by about 0.01·√n_in (0.22 for 500 inputs): through a deep tanh stack the
     * activations, and with them the gradients, collapse towards 0.
     */
    SMALL_RANDOM("W ~ 0.01·N(0, 1)",
            "fails in deep nets: each layer scales the activations' std by 0.01·√n_in, so they collapse to 0 and "
                    + "the gradients with them",
            "new WeightInitDistribution(new NormalDistribution(0, 0.01))",
            () -> new WeightInitDistribution(new NormalDistribution(0, 0.01))),

    /**
     * Xavier/Glorot: W ~ N(0, 2 / (n_in + n_out)). Keeps the variance of activations and of gradients when the
     * activation is roughly linear around 0 (tanh, sigmoid, softmax, softsign, identity). For a square layer
     * (n_in = n_out) it equals LeCun's 1/n_in.
     */
    XAVIER("W ~ N(0, 2 / (n_in + n_out))",
            "Xavier/Glorot for activations that are roughly linear around 0 (tanh, sigmoid, softmax): keeps the "
                    + "variance of activations and gradients from layer to layer",
            "WeightInit.XAVIER", WeightInit.XAVIER::getWeightInitFunction),

    /**
     * He (Kaiming): W ~ N(0, 2 / n_in). ReLU sets half of its inputs to 0, halving the variance at each layer;
     * the factor 2 makes up for it. DL4J calls it {@code WeightInit.RELU}.
     */
    HE("W ~ N(0, 2 / n_in)",
            "He for the ReLU family: ReLU zeroes half of its inputs, so twice Xavier's variance keeps the "
                    + "activations' scale from layer to layer",
            "WeightInit.RELU", WeightInit.RELU::getWeightInitFunction),

    /**
     * LeCun: W ~ N(0, 1 / n_in). SELU's self-normalisation (activations keep mean 0 and variance 1) is derived for
     * this initialisation.
     */
    LECUN("W ~ N(0, 1 / n_in)",
            "LeCun for SELU: its self-normalisation (mean 0, variance 1 through the layers) assumes Var(W) = 1/n_in",
            "WeightInit.LECUN_NORMAL", WeightInit.LECUN_NORMAL::getWeightInitFunction),

    /**
     * Xavier/Glorot uniform (Keras' default {@code glorot_uniform}): W ~ U(−a, a) with a = √(6 / (n_in + n_out)), so
     * Var(W) = a²/3 = 2 / (n_in + n_out), the variance of {@link #XAVIER}; no draw is further than a from 0.
     */
    XAVIER_UNIFORM("W ~ U(−a, a), a = √(6 / (n_in + n_out))",
            "Xavier/Glorot uniform (Keras' glorot_uniform): the variance of Xavier, 2 / (n_in + n_out), drawn "
                    + "uniformly, for activations that are roughly linear around 0 (tanh, sigmoid, softmax)",
            "WeightInit.XAVIER_UNIFORM", WeightInit.XAVIER_UNIFORM::getWeightInitFunction),

    /**
     * He (Kaiming) uniform: W ~ U(−a, a) with a = √(6 / n_in), so Var(W) = 2 / n_in, the variance of {@link #HE}.
     * DL4J calls it {@code WeightInit.RELU_UNIFORM}.
     */
    HE_UNIFORM("W ~ U(−a, a), a = √(6 / n_in)",
            "He uniform (Keras' he_uniform): the variance of He, 2 / n_in, drawn uniformly, for the ReLU family",
            "WeightInit.RELU_UNIFORM", WeightInit.RELU_UNIFORM::getWeightInitFunction),

    /**
     * W = 1 (Keras' {@code ones}): fails like {@link #ZERO}, every unit of a layer computes the same output and gets
     * the same gradient, so symmetry is never broken; and the outputs grow with n_in.
     */
    ONES("W = 1",
            "fails: every unit computes the same output and gets the same gradient, so symmetry is never broken",
            "WeightInit.ONES", WeightInit.ONES::getWeightInitFunction),

    /**
     * LeCun uniform (Keras' {@code lecun_uniform}): W ~ U(−a, a) with a = √(3 / n_in), so Var(W) = a²/3 = 1 / n_in,
     * the variance of {@link #LECUN}. Not DL4J's {@code WeightInit.LECUN_UNIFORM}, which draws with a = 3 / √n_in,
     * a variance of 3 / n_in (measured): this is DL4J's variance-scaling uniform init with scale 1/√3.
     */
    LECUN_UNIFORM("W ~ U(−a, a), a = √(3 / n_in)",
            "LeCun uniform (Keras' lecun_uniform): the variance of LeCun, 1 / n_in, drawn uniformly, for SELU",
            "new WeightInitVarScalingUniformFanIn(1 / √3)",
            () -> new WeightInitVarScalingUniformFanIn(1 / Math.sqrt(3))),

    /**
     * Keras' {@code random_normal}: W ~ N(0, 0.05²), a fixed scale whatever n_in: each layer multiplies the
     * activations' standard deviation by about 0.05·√n_in, so they shrink through narrow layers (n_in &lt; 400)
     * and grow through wide ones, as {@link #SMALL_RANDOM} (0.01) does.
     */
    RANDOM_NORMAL("W ~ N(0, 0.05²)",
            "Keras' random_normal: a fixed scale that ignores n_in, so each layer scales the activations' std by "
                    + "0.05·√n_in",
            "new WeightInitDistribution(new NormalDistribution(0, 0.05))",
            () -> new WeightInitDistribution(new NormalDistribution(0, 0.05))),

    /** Keras' {@code random_uniform}: W ~ U(−0.05, 0.05), Var(W) = 0.05²/3, a fixed scale whatever n_in. */
    RANDOM_UNIFORM("W ~ U(−0.05, 0.05)",
            "Keras' random_uniform: a fixed scale that ignores n_in, so each layer scales the activations' std by "
                    + "0.05·√(n_in / 3)",
            "new WeightInitDistribution(new UniformDistribution(-0.05, 0.05))",
            () -> new WeightInitDistribution(new UniformDistribution(-0.05, 0.05))),

    /**
     * Keras' {@code truncated_normal}: W ~ N(0, 0.05²) with draws beyond two standard deviations (±0.1) drawn
     * again, so Var(W) ≈ 0.774·0.05²; a fixed scale whatever n_in.
     */
    TRUNCATED_NORMAL("W ~ N(0, 0.05²) truncated to ±0.1",
            "Keras' truncated_normal: a fixed scale that ignores n_in, no draw beyond two standard deviations",
            "new WeightInitDistribution(new TruncatedNormalDistribution(0, 0.05))",
            () -> new WeightInitDistribution(new TruncatedNormalDistribution(0, 0.05)));

    /**
     * Card 31's strategies, the ones the init experiment compares by default: zero, small random, Xavier, He, LeCun
     * (the uniform variants have the variances of Xavier and He).
     */
    public static final List<WeightInitStrategy> COURSE = List.of(ZERO, SMALL_RANDOM, XAVIER, HE, LECUN);

    /** The ReLU family's catalogue keys: they get He. */
    private static final Set<String> RELU_FAMILY = Set.of("relu", "leaky_relu", "prelu", "elu", "softplus", "swish",
            "gelu", "mish", "relu6");
    /** Other names users type (Keras', PyTorch's, DL4J's), written without separators. */
    private static final Map<String, WeightInitStrategy> ALIASES = aliases();

    private final String formula;
    private final String reason;
    private final String dl4jCode;
    private final Supplier<IWeightInit> dl4j;

    WeightInitStrategy(String formula, String reason, String dl4jCode, Supplier<IWeightInit> dl4j) {
        this.formula = formula;
        this.reason = reason;
        this.dl4jCode = dl4jCode;
        this.dl4j = dl4j;
    }

    /** The distribution of W, e.g. "W ~ N(0, 2 / n_in)". */
    public String formula() {
        return formula;
    }

    /** Why it works, or why it fails. */
    public String reason() {
        return reason;
    }

    /** A new DL4J weight init for a layer builder's {@code .weightInit(...)}. */
    public IWeightInit dl4j() {
        return dl4j.get();
    }

    /** How the DL4J weight init is written in code, e.g. {@code "WeightInit.RELU"}. */
    public String dl4jCode() {
        return dl4jCode;
    }

    /**
     * The strategy whose DL4J weight init {@code init} is, e.g. {@link #HE} for DL4J's {@code WeightInitRelu}; empty
     * for another init (LECUN_UNIFORM, a distribution of other parameters) and for null.
     */
    public static Optional<WeightInitStrategy> of(IWeightInit init) {
        return Arrays.stream(values()).filter(s -> s.dl4j().equals(init)).findFirst();
    }

    /**
     * The strategy the rules choose for a layer with this activation: He for the ReLU family (ReLU, Leaky ReLU,
     * PReLU, ELU, softplus, swish, GELU, mish, ReLU6: zero or nearly zero for x &lt; 0), LeCun for SELU,
     * Xavier/Glorot for the rest (tanh, sigmoid, softmax, softsign, identity, hard sigmoid, hard tanh).
     */
    public static WeightInitChoice forActivation(ActivationFunction activation) {
        String key = activation.key();
        WeightInitStrategy s = RELU_FAMILY.contains(key) ? HE : key.equals("selu") ? LECUN : XAVIER;
        return new WeightInitChoice(s, s.reason + " (" + activation.displayName() + ")");
    }

    /** An explicit override: the strategy the user named, with its own reason (a warning for ZERO and SMALL_RANDOM). */
    public WeightInitChoice chosen() {
        return new WeightInitChoice(this, "your choice: " + reason);
    }

    /**
     * The strategy of the same variance drawn from a normal distribution: {@link #XAVIER} for {@link #XAVIER_UNIFORM},
     * {@link #HE} for {@link #HE_UNIFORM}, {@link #LECUN} for {@link #LECUN_UNIFORM}, itself for the others.
     */
    public WeightInitStrategy normal() {
        return switch (this) {
            case XAVIER_UNIFORM -> XAVIER;
            case HE_UNIFORM -> HE;
            case LECUN_UNIFORM -> LECUN;
            default -> this;
        };
    }

    /**
     * Whether the strategy fails whatever the network (card 31): {@link #ZERO} and {@link #ONES} never break the
     * symmetry, {@link #SMALL_RANDOM} collapses the activations of a deep net.
     */
    public boolean fails() {
        return this == ZERO || this == ONES || this == SMALL_RANDOM;
    }

    /**
     * The strategy named {@code name}, ignoring case, spaces, '-' and '_': "xavier", "glorot_normal",
     * "glorot_uniform", "he", "kaiming", "he_normal", "he_uniform", "small_random", "zeros", "lecun_normal",
     * "lecun_uniform", "ones", "random_normal", "random_uniform", "truncated_normal" ...
     *
     * @throws DlkitException naming the valid names when there is no such strategy, with the reason where the name
     *                        is one dlkit refuses ("orthogonal", "variance_scaling", "normal", ...)
     */
    public static WeightInitStrategy get(String name) {
        WeightInitStrategy s = name == null ? null : ALIASES.get(Names.key(name));
        if (s == null) {
            String refused = name == null ? null : RefusedInit.reason(name);
            throw new DlkitException(refused != null ? "weight init '" + name + "' is refused: " + refused
                    : "unknown weight init '" + name + "': expected one of " + names());
        }
        return s;
    }

    /** "zero (zeros), small_random (small), xavier (glorot, glorot_normal, ...), ...": each name with its aliases. */
    static String names() {
        StringBuilder out = new StringBuilder();
        for (WeightInitStrategy s : values()) {
            List<String> others = ALIASES.entrySet().stream()
                    .filter(e -> e.getValue() == s && !e.getKey().equals(Names.key(s.toString())))
                    .map(e -> SPELLED.getOrDefault(e.getKey(), e.getKey())).toList();
            out.append(out.length() == 0 ? "" : ", ").append(s)
                    .append(others.isEmpty() ? "" : " (" + String.join(", ", others) + ")");
        }
        return out.toString();
    }

    /** Each strategy's own name, then the aliases, in the order {@link #names} lists them. */
    private static Map<String, WeightInitStrategy> aliases() {
        Map<String, WeightInitStrategy> m = new LinkedHashMap<>();
        for (WeightInitStrategy s : values()) {
            m.put(Names.key(s.toString()), s);
        }
        m.put("zeros", ZERO);
        m.put("small", SMALL_RANDOM);
        m.put("glorot", XAVIER);
        m.put("glorotnormal", XAVIER);
        m.put("xaviernormal", XAVIER);
        m.put("kaiming", HE);
        m.put("henormal", HE);
        m.put("kaimingnormal", HE);
        m.put("relu", HE);
        m.put("lecunnormal", LECUN);
        m.put("glorotuniform", XAVIER_UNIFORM);
        m.put("kaiminguniform", HE_UNIFORM);
        m.put("reluuniform", HE_UNIFORM);
        m.put("one", ONES);
        return m;
    }

    /** How {@link #names} writes an alias that has words: as Keras does. */
    private static final Map<String, String> SPELLED = Map.of("glorotnormal", "glorot_normal", "xaviernormal",
            "xavier_normal", "henormal", "he_normal", "kaimingnormal", "kaiming_normal", "lecunnormal", "lecun_normal",
            "glorotuniform", "glorot_uniform", "kaiminguniform", "kaiming_uniform", "reluuniform", "relu_uniform");

    /** Lower case with underscores, e.g. "small_random". */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
