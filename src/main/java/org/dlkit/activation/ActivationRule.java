package org.dlkit.activation;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.dlkit.error.DlkitException;
import org.dlkit.error.Names;
import org.dlkit.text.SettingNames;
import org.nd4j.linalg.activations.impl.ActivationELU;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * Card 23's rule of thumb as code: which activation each layer gets, and why.
 *
 * <p>"Classifiers: ReLU + softmax. Sigmoid and tanh are sometimes avoided because of vanishing gradients; ReLU is
 * mostly used today. Start with ReLU; if you don't get optimal results, go for Leaky ReLU or ELU."
 *
 * <ul>
 *   <li>{@link #ruleOfThumb()} (the default): ReLU in every hidden layer;</li>
 *   <li>{@link #leakyRelu()}: the fallback when ReLUs die;</li>
 *   <li>{@link #elu()}: the other fallback, benefits of both at the cost of e^x;</li>
 *   <li>{@link #explicit(ActivationFunction)}: the user's choice, allowed even where the rules discourage it
 *       (sigmoid or tanh in a deep stack), with a warning that says why.</li>
 * </ul>
 *
 * The output layer follows from the task under every policy: softmax + MCXENT for classes (binary included: two
 * outputs), sigmoid + XENT for independent labels, identity + MSE for regression.
 *
 * <pre>
 *   ActivationPlan plan = ActivationRule.ruleOfThumb().plan(Task.MULTI_CLASS, 2);
 *   plan.hidden().get(0);   // hidden: ReLU — start with ReLU: cheap, converges fast, no saturation for x > 0; ...
 *   plan.output();          // output: softmax + MCXENT — multi-class, outputs sum to 1
 * </pre>
 */
public final class ActivationRule {

    /** From this many hidden layers on, a stack counts as deep: saturating activations then lose the gradient. */
    public static final int DEEP = 3;

    private final String name;
    private final ActivationFunction hidden;
    /** The reason, with the settings it names written as {@link #names} writes them. */
    private final Function<SettingNames, String> reason;
    private final boolean explicit;
    private final SettingNames names;

    private ActivationRule(String name, ActivationFunction hidden, Function<SettingNames, String> reason,
                           boolean explicit, SettingNames names) {
        this.name = name;
        this.hidden = hidden;
        this.reason = reason;
        this.explicit = explicit;
        this.names = names;
    }

    private ActivationRule(String name, ActivationFunction hidden, String reason, boolean explicit) {
        this(name, hidden, names -> reason, explicit, SettingNames.JAVA);
    }

    /** The default: ReLU hidden layers. */
    public static ActivationRule ruleOfThumb() {
        return new ActivationRule("rule-of-thumb", Activations.RELU,
                names -> "start with ReLU: cheap, converges fast, no saturation for x > 0; if units die or results "
                        + "stay poor, go for Leaky ReLU or ELU (" + names.set(SettingNames.Setting.ACTIVATION,
                        "leaky-relu") + " or " + names.set(SettingNames.Setting.ACTIVATION, "elu") + ")",
                false, SettingNames.JAVA);
    }

    /**
     * This rule with its reasons naming settings as {@code names} does: the CLI's flags
     * ({@code --activation leaky-relu}) or, the default, the {@code Classifier.Builder} methods
     * ({@code activation("leaky-relu")}).
     */
    public ActivationRule namingSettings(SettingNames names) {
        return new ActivationRule(name, hidden, reason, explicit, names);
    }

    /** Leaky ReLU hidden layers (a = 0.01): what to try when ReLU units die. */
    public static ActivationRule leakyRelu() {
        return new ActivationRule("leaky-relu", Activations.LEAKY_RELU,
                "the fallback when ReLUs die: the small slope a = " + Activations.DEFAULT_LEAKY_SLOPE
                        + " for x < 0 keeps a gradient, so units don't die", false);
    }

    /** ELU hidden layers: the other fallback. */
    public static ActivationRule elu() {
        return new ActivationRule("elu", Activations.ELU,
                "the other fallback: benefits of ReLU and Leaky ReLU (no dead units, outputs closer to zero mean), "
                        + "costs e^x", false);
    }

    /**
     * The user's own hidden activation; discouraged choices are kept and reported by {@link #warnings}.
     *
     * @throws DlkitException for PReLU: its slope a is learned per unit, which an activation of a DL4J dense layer
     *                        cannot do (the layer would train Leaky ReLU at a fixed a under PReLU's name)
     */
    public static ActivationRule explicit(ActivationFunction hidden) {
        if (hidden == null) {
            throw new DlkitException("activation: expected a catalogue function such as Activations.TANH, got null");
        }
        if (hidden.key().equals(Activations.PRELU.key())) {
            throw new DlkitException("activation PReLU learns its slope a per unit, which the activation of a dense "
                    + "layer cannot: use leaky_relu (a fixed slope a, Activations.leakyRelu(a)), or DL4J's "
                    + "PReLULayer after an identity DenseLayer in your own MultiLayerConfiguration");
        }
        return new ActivationRule("explicit", hidden, "your choice", true);
    }

    /** The names {@link #get} takes for an activation: the catalogue's keys but PReLU's (see {@link #explicit}). */
    public static List<String> hiddenActivationNames() {
        return Activations.keys().stream().filter(k -> !k.equals(Activations.PRELU.key())).toList();
    }

    /**
     * A policy by name: "rule-of-thumb" (or "default"), "leaky-relu", "elu"; any other name is looked up in the
     * catalogue as the user's explicit choice ("sigmoid" gives {@code explicit(Activations.SIGMOID)}).
     *
     * @throws DlkitException naming the valid names when the name is neither a policy nor an activation
     */
    public static ActivationRule get(String name) {
        String n = name == null ? "" : Names.key(name);
        switch (n) {
            case "ruleofthumb", "default" -> {
                return ruleOfThumb();
            }
            case "leakyrelu" -> {
                return leakyRelu();
            }
            case "elu" -> {
                return elu();
            }
            default -> {
                ActivationFunction f;
                try {
                    f = Activations.get(name);
                } catch (DlkitException e) {
                    if (Refused.byName(name).isPresent()) {
                        throw e;
                    }
                    throw new DlkitException("unknown activation rule '" + name
                            + "': expected rule-of-thumb, leaky-relu, elu or an activation, one of "
                            + String.join(", ", hiddenActivationNames()));
                }
                return explicit(f);
            }
        }
    }

    /** The policy's name: rule-of-thumb, leaky-relu, elu or explicit. */
    public String name() {
        return name;
    }

    /**
     * The activation of hidden layer {@code layer} (0 = first) in a stack of {@code hiddenLayers}.
     *
     * @throws IllegalArgumentException when the position is outside the stack
     */
    public ActivationChoice hidden(int layer, int hiddenLayers) {
        if (layer < 0 || layer >= hiddenLayers) {
            throw new IllegalArgumentException("hidden layer " + layer + " of " + hiddenLayers);
        }
        return new ActivationChoice(hidden, reason.apply(names));
    }

    /** The output activation and loss for the task, the same under every policy. */
    public OutputChoice output(Task task) {
        return switch (task) {
            case BINARY -> new OutputChoice(task, Activations.SOFTMAX, LossFunction.MCXENT,
                    "binary is two classes: softmax over 2 outputs (a sigmoid of the logit difference), outputs "
                            + "sum to 1");
            case MULTI_CLASS -> new OutputChoice(task, Activations.SOFTMAX, LossFunction.MCXENT,
                    "multi-class, outputs sum to 1");
            case MULTI_LABEL -> new OutputChoice(task, Activations.SIGMOID, LossFunction.XENT,
                    "multi-label: each label is its own yes/no, a sigmoid per output in (0, 1), not summing to 1");
            case REGRESSION -> new OutputChoice(task, Activations.IDENTITY, LossFunction.MSE,
                    "regression: real-valued outputs, no squashing");
        };
    }

    /**
     * What the rules say against this policy's hidden activation in a stack of {@code hiddenLayers}; empty when
     * nothing is discouraged. Only an explicit choice can be discouraged.
     */
    public List<String> warnings(int hiddenLayers) {
        List<String> warnings = new ArrayList<>();
        if (!explicit || hiddenLayers == 0) {
            return warnings;
        }
        String where = hidden.displayName() + " in " + hiddenLayers + " hidden layer" + (hiddenLayers == 1 ? "" : "s");
        if (shrinksGradient(hidden) && hiddenLayers >= DEEP) {
            warnings.add(where + ": the rules discourage saturating activations in a deep stack (" + DEEP
                    + "+ hidden layers): " + hidden.displayName() + " saturates for large |x| and kills gradients, "
                    + "so the first layers stop learning (vanishing gradients)"
                    + (hidden.zeroCentred() ? "" : "; it is also not zero-centred")
                    + "; start with ReLU, or Leaky ReLU / ELU (cards 10 and 23)");
        }
        if (!hidden.elementWise()) {
            warnings.add(where + ": " + hidden.displayName() + " divides by the sum of the layer's outputs; it is "
                    + "meant for a classifier's output layer: ReLU hidden + softmax out (card 23)");
        }
        if (hidden.dl4j() instanceof ActivationELU elu && elu.getAlpha() != Activations.DEFAULT_ELU_ALPHA) {
            warnings.add(where + ": ELU with α = " + elu.getAlpha() + ": DL4J 1.0.0-M2.1's ELU backprop ignores α "
                    + "and differentiates with α = 1, so where DL4J's fit loop trains (updaters other than adam and "
                    + "sgd, or engine DL4J) the gradient for x < 0 is off by the factor 1/α; dlkit's engine uses α");
        }
        if (!hidden.kerasDifference().isEmpty()) {
            warnings.add(where + ": " + hidden.kerasDifference());
        }
        if (hidden.key().equals(Activations.IDENTITY.key())) {
            warnings.add(where + ": identity adds no non-linearity, so the stack computes one linear function "
                    + "y = Wx + b whatever its depth; start with ReLU (cards 23 and 24)");
        }
        return warnings;
    }

    /**
     * Whether the rules discourage {@code f} in a deep stack: an element-wise function that saturates on both sides
     * and whose derivative stays below 1 but at isolated points ({@link ActivationFunction#passesGradient()}), so
     * that the gradient shrinks at every layer it crosses: sigmoid, tanh, softsign, hard sigmoid. ReLU6 and hard
     * tanh, flat beyond their kinks but with f' = 1 between them, pass the gradient through active units as ReLU
     * does; their flat parts are caught while training (dead and saturated units, {@code org.dlkit.supervise}).
     */
    public static boolean shrinksGradient(ActivationFunction f) {
        return f.elementWise() && f.saturation() == Saturation.BOTH_SIDES && !f.passesGradient();
    }

    /** Every layer's choice for a task and a stack of {@code hiddenLayers} (0 or more), with the warnings. */
    public ActivationPlan plan(Task task, int hiddenLayers) {
        if (hiddenLayers < 0) {
            throw new DlkitException("the number of hidden layers must be 0 or more, got " + hiddenLayers);
        }
        List<ActivationChoice> choices = new ArrayList<>();
        for (int i = 0; i < hiddenLayers; i++) {
            choices.add(hidden(i, hiddenLayers));
        }
        return new ActivationPlan(name, task, choices, output(task), warnings(hiddenLayers));
    }

    @Override
    public String toString() {
        return name + " (hidden: " + hidden.displayName() + ")";
    }
}
