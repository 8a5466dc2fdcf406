package org.dlkit.gradcheck;

import org.dlkit.activation.ActivationChoice;
import org.dlkit.activation.ActivationFunction;
import org.dlkit.activation.Activations;
import org.dlkit.activation.OutputChoice;
import org.dlkit.activation.Task;
import org.dlkit.data.FeatureTransform;
import org.dlkit.data.LabelledData;
import org.dlkit.error.DlkitException;
import org.dlkit.init.WeightInitChoice;
import org.dlkit.init.WeightInitStrategy;
import org.dlkit.network.NetworkSpec;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Small multi-layer perceptrons to gradient-check: {@code inputs → hidden… → outputs}, one hidden activation, and
 * the output activation that belongs to the loss (softmax for MCXENT, sigmoid for XENT, identity for MSE and L1).
 * Built through {@link NetworkSpec}, like every MLP of dlkit, with every DL4J default the course disagrees with set
 * explicitly: activation, weight init, updater (NoOp), seed, and the data type (DOUBLE).
 *
 * <pre>{@code
 * MultiLayerNetwork net = CheckNetwork.builder().inputs(4).hidden(16, 16).outputs(3)
 *         .activation(Activation.TANH).loss(LossFunction.MCXENT).weightInit(WeightInit.XAVIER).seed(42).build();
 * }</pre>
 */
public final class CheckNetwork {

    private CheckNetwork() {
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The output activation that goes with a loss. */
    public static Activation outputActivation(LossFunction loss) {
        return switch (loss) {
            case MCXENT, NEGATIVELOGLIKELIHOOD -> Activation.SOFTMAX;
            case XENT -> Activation.SIGMOID;
            case MSE, L1, L2, MEAN_ABSOLUTE_ERROR -> Activation.IDENTITY;
            default -> throw new DlkitException("loss " + loss.name().toLowerCase(Locale.ROOT)
                    + " is not supported; supported: mcxent, negativeloglikelihood, xent, mse, l2, l1, mean_absolute_error");
        };
    }

    /** The task a loss is for, as {@link OutputChoice} records it. */
    private static Task task(LossFunction loss) {
        return switch (outputActivation(loss)) {
            case SOFTMAX -> Task.MULTI_CLASS;
            case SIGMOID -> Task.MULTI_LABEL;
            default -> Task.REGRESSION;
        };
    }

    /**
     * The strategy DL4J's {@code WeightInit} names (XAVIER, RELU for He, LECUN_NORMAL, ZERO, XAVIER_UNIFORM, RELU_UNIFORM).
     *
     * @throws DlkitException for the others
     */
    static WeightInitStrategy strategy(WeightInit init) {
        for (WeightInitStrategy s : WeightInitStrategy.values()) {
            if (s.dl4jCode().equals("WeightInit." + init.name())) {
                return s;
            }
        }
        throw new DlkitException("weight init " + init.name().toLowerCase(Locale.ROOT) + " is not supported here;"
                + " supported: " + Arrays.stream(WeightInitStrategy.values()).map(WeightInitStrategy::dl4jCode)
                .filter(code -> code.startsWith("WeightInit.")).map(code -> code.substring("WeightInit.".length())
                        .toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
    }

    public static final class Builder {
        private int inputs = 4;
        private int[] hidden = {16, 16};
        private int outputs = 3;
        private ActivationFunction activation = Activations.TANH;
        private LossFunction loss = LossFunction.MCXENT;
        private WeightInitStrategy weightInit = WeightInitStrategy.XAVIER;
        private double l1;
        private double l2;
        private long seed = 12345;
        private LabelledData fitting;

        private Builder() {
        }

        public Builder inputs(int n) {
            this.inputs = n;
            return this;
        }

        /** Hidden layer widths; none for a single output layer. */
        public Builder hidden(int... widths) {
            this.hidden = widths.clone();
            return this;
        }

        public Builder outputs(int n) {
            this.outputs = n;
            return this;
        }

        /** The activation of every hidden layer. */
        public Builder activation(Activation a) {
            this.activation = Activations.of(a.getActivationFunction(), "hidden activation");
            return this;
        }

        /** The activation of every hidden layer, from dlkit's catalogue ({@code Activations.get("leaky_relu")}). */
        public Builder activation(ActivationFunction f) {
            this.activation = f;
            return this;
        }

        public Builder loss(LossFunction l) {
            this.loss = l;
            return this;
        }

        /** DL4J's name of the weight init: XAVIER, RELU (He), LECUN_NORMAL or ZERO. */
        public Builder weightInit(WeightInit w) {
            this.weightInit = strategy(w);
            return this;
        }

        public Builder weightInit(WeightInitStrategy w) {
            this.weightInit = w;
            return this;
        }

        /** L1 penalty λ₁‖W‖₁ on the weights (0: off). */
        public Builder l1(double lambda) {
            this.l1 = lambda;
            return this;
        }

        /** L2 penalty ½λ₂‖W‖² on the weights (0: off). */
        public Builder l2(double lambda) {
            this.l2 = lambda;
            return this;
        }

        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        /**
         * Sizes the network for rows of {@code data}: as many inputs as it has features and, for a classification
         * loss (MCXENT), as many outputs as it has classes. Overrides {@link #inputs} and {@link #outputs}.
         */
        public Builder fitting(LabelledData data) {
            this.fitting = data;
            return this;
        }

        /** The network's spec: the layers with their activation, weight init and the reason for each. */
        public NetworkSpec spec() {
            int inputs = fitting == null ? this.inputs
                    : FeatureTransform.fit(fitting, warning -> { }).outputNames().size();
            boolean classes = loss == LossFunction.MCXENT || loss == LossFunction.NEGATIVELOGLIKELIHOOD;
            int outputs = fitting != null && classes ? fitting.numClasses() : this.outputs;
            WeightInitChoice init = weightInit.chosen();
            List<NetworkSpec.Hidden> layers = new ArrayList<>();
            for (int width : hidden) {
                layers.add(new NetworkSpec.Hidden(width, new ActivationChoice(activation, "the activation under check"), init));
            }
            ActivationFunction out = Activations.of(outputActivation(loss).getActivationFunction(), "output activation");
            OutputChoice output = new OutputChoice(task(loss), out, loss, "the output activation that goes with "
                    + loss.name().toLowerCase(Locale.ROOT));
            if (Arrays.stream(hidden).anyMatch(h -> h < 1) || inputs < 1 || outputs < 1) {
                throw new DlkitException("layer sizes must be >= 1; got inputs " + inputs + ", hidden "
                        + Arrays.toString(hidden) + ", outputs " + outputs);
            }
            return new NetworkSpec(inputs, layers, new NetworkSpec.Output(outputs, output, init), new NoOp(), l2, l1,
                    seed, DataType.DOUBLE, List.of());
        }

        /** An initialised network. */
        public MultiLayerNetwork build() {
            MultiLayerNetwork net = new MultiLayerNetwork(spec().toConfiguration());
            net.init();
            return net;
        }
    }
}
