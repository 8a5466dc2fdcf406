package org.dlkit.network;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.dlkit.activation.ActivationChoice;
import org.dlkit.activation.ActivationFunction;
import org.dlkit.activation.ActivationPlan;
import org.dlkit.activation.ActivationRule;
import org.dlkit.activation.Task;
import org.dlkit.activation.OutputChoice;
import org.dlkit.error.DlkitException;
import org.dlkit.init.WeightInitChoice;
import org.dlkit.init.WeightInitStrategy;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.IUpdater;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * "Define the network" (course card 32): fully connected layers y = f(Wx + b) (card 24) ending in an output layer, each
 * with the activation and weight init the rules chose and the reason for it, and every choice DL4J would otherwise
 * default spelled out: activation (DL4J: sigmoid), weight init (DL4J: Xavier), updater (DL4J: SGD), seed (DL4J: the
 * clock).
 *
 * @param inputs   features per example
 * @param hidden   the hidden layers, first to last
 * @param output   the output layer
 * @param updater  the optimiser
 * @param l2       L2 regularisation coefficient of the weights, ½λ₂‖W‖², 0 for none
 * @param l1       L1 regularisation coefficient of the weights, λ₁‖W‖₁, 0 for none
 * @param seed     fixes initialisation (and everything else seeded from it)
 * @param dataType parameter and activation precision
 * @param warnings what the rules say against the choices made (empty when nothing is discouraged)
 */
public record NetworkSpec(int inputs, List<Hidden> hidden, Output output, IUpdater updater, double l2, double l1,
                          long seed, DataType dataType, List<String> warnings) {

    /** A hidden {@code DenseLayer}: its units, activation and weight init, each with its reason. */
    public record Hidden(int units, ActivationChoice activation, WeightInitChoice init) { }

    /** The {@code OutputLayer}: one unit per class, its activation and loss, and its weight init. */
    public record Output(int units, OutputChoice activation, WeightInitChoice init) { }

    public NetworkSpec {
        hidden = List.copyOf(hidden);
        warnings = List.copyOf(warnings);
        if (!(l1 >= 0 && l2 >= 0) || Double.isInfinite(l1) || Double.isInfinite(l2)) {
            throw new DlkitException("l1 and l2 must be finite and >= 0; got l1 " + l1 + ", l2 " + l2);
        }
        if (inputs < 1 || output.units() < 1 || hidden.stream().anyMatch(h -> h.units() < 1)) {
            throw new DlkitException("layer sizes must be >= 1; got inputs " + inputs + ", hidden "
                    + hidden.stream().map(Hidden::units).toList() + ", outputs " + output.units());
        }
    }

    /** A spec without L1 regularisation. */
    public NetworkSpec(int inputs, List<Hidden> hidden, Output output, IUpdater updater, double l2, long seed,
                       DataType dataType, List<String> warnings) {
        this(inputs, hidden, output, updater, l2, 0, seed, dataType, warnings);
    }

    /**
     * The spec a rule chooses: each hidden layer's activation from {@code rule}, its weight init from the activation
     * (He for the ReLU family, Xavier for tanh/sigmoid, LeCun for SELU) unless {@code init} overrides it, and the
     * output layer and loss for {@code classes} classes (softmax + MCXENT). Warnings collect what the rules discourage.
     */
    public static NetworkSpec of(int inputs, int[] units, int classes, ActivationRule rule, WeightInitStrategy init,
                                 IUpdater updater, double l2, long seed, DataType dataType) {
        ActivationPlan plan = rule.plan(classes == 2 ? Task.BINARY : Task.MULTI_CLASS, units.length);
        List<Hidden> hidden = new ArrayList<>();
        for (int i = 0; i < units.length; i++) {
            ActivationChoice activation = plan.hidden().get(i);
            hidden.add(new Hidden(units[i], activation,
                    init != null ? init.chosen() : WeightInitStrategy.forActivation(activation.activation())));
        }
        Output output = new Output(classes, plan.output(), WeightInitStrategy.forActivation(plan.output().activation()));
        List<String> warnings = new ArrayList<>(plan.warnings());
        if (init != null && units.length > 0) {   // without hidden layers the override is not used
            warnings.addAll(initWarnings(init, plan.hidden().get(0).activation()));
        }
        return new NetworkSpec(inputs, hidden, output, updater, l2, seed, dataType, warnings);
    }

    /**
     * What card 31 says against initialising {@code activation}'s layers with {@code init}: zero, ones and small
     * random init fail ({@link WeightInitStrategy#fails()}); another strategy than the one the rules choose for the activation (or its uniform variant) is named
     * with the rule's reason.
     */
    private static List<String> initWarnings(WeightInitStrategy init, ActivationFunction activation) {
        if (init.fails()) {
            return List.of("weight init " + init + ": " + init.reason() + " (card 31)");
        }
        WeightInitChoice rule = WeightInitStrategy.forActivation(activation);
        return rule.strategy() == init.normal() ? List.of() : List.of("weight init " + init + " with "
                + activation.displayName() + ": the rules choose " + rule.strategy() + " — " + rule.reason()
                + " (card 31)");
    }

    /** The DL4J configuration this spec describes. */
    public MultiLayerConfiguration toConfiguration() {
        NeuralNetConfiguration.Builder global = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(dataType)
                .updater(updater)
                .activation(hidden.isEmpty() ? output.activation().dl4j() : hidden.get(0).activation().dl4j())
                .weightInit(hidden.isEmpty() ? output.init().dl4j() : hidden.get(0).init().dl4j());
        if (l2 > 0) {
            global.l2(l2);
        }
        if (l1 > 0) {
            global.l1(l1);
        }
        NeuralNetConfiguration.ListBuilder layers = global.list();
        int in = inputs;
        for (Hidden h : hidden) {
            layers.layer(new DenseLayer.Builder().nIn(in).nOut(h.units())
                    .activation(h.activation().dl4j()).weightInit(h.init().dl4j()).build());
            in = h.units();
        }
        layers.layer(new OutputLayer.Builder(output.activation().loss()).nIn(in).nOut(output.units())
                .activation(output.activation().dl4j()).weightInit(output.init().dl4j()).build());
        return layers.build();
    }

    /** Units per hidden layer. */
    public int[] hiddenUnits() {
        return hidden.stream().mapToInt(Hidden::units).toArray();
    }

    /** One line per layer with its choices and their reasons. */
    public List<String> layerLines() {
        List<String> lines = new ArrayList<>();
        int in = inputs;
        for (int i = 0; i < hidden.size(); i++) {
            Hidden h = hidden.get(i);
            lines.add(String.format(Locale.ROOT, "layer %d  dense %d -> %d", i, in, h.units()));
            lines.add("  " + h.activation());
            lines.add("  " + h.init());
            in = h.units();
        }
        lines.add(String.format(Locale.ROOT, "layer %d  output %d -> %d", hidden.size(), in, output.units()));
        lines.add("  " + output.activation());
        lines.add("  " + output.init());
        return lines;
    }

    /** "4 inputs -> hidden [32] (ReLU) -> 3 outputs (softmax + MCXENT)". */
    @Override
    public String toString() {
        String activations = hidden.stream().map(h -> h.activation().activation().displayName()).distinct()
                .reduce((a, b) -> a + "/" + b).orElse("none");
        return String.format(Locale.ROOT, "%d inputs -> hidden %s (%s) -> %d outputs (%s + %s)", inputs,
                Arrays.toString(hiddenUnits()), activations, output.units(),
                output.activation().activation().displayName(), output.activation().loss());
    }
}
