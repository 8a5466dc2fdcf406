package org.dlkit.gradcheck;

import org.dlkit.error.DlkitException;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

import java.util.Arrays;
import java.util.Locale;

/**
 * Small multi-layer perceptrons to gradient-check: {@code inputs → hidden… → outputs}, one hidden activation, and
 * the output activation that belongs to the loss (softmax for MCXENT, sigmoid for XENT, identity for MSE and L1).
 * Every DL4J default the course disagrees with is set explicitly: activation, weight init, updater (NoOp), seed,
 * and the data type (DOUBLE).
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

    public static final class Builder {
        private int inputs = 4;
        private int[] hidden = {16, 16};
        private int outputs = 3;
        private Activation activation = Activation.TANH;
        private LossFunction loss = LossFunction.MCXENT;
        private WeightInit weightInit = WeightInit.XAVIER;
        private double l1;
        private double l2;
        private long seed = 12345;

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
            this.activation = a;
            return this;
        }

        public Builder loss(LossFunction l) {
            this.loss = l;
            return this;
        }

        public Builder weightInit(WeightInit w) {
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

        /** An initialised network. */
        public MultiLayerNetwork build() {
            if (inputs < 1 || outputs < 1 || Arrays.stream(hidden).anyMatch(h -> h < 1)) {
                throw new DlkitException("layer sizes must be >= 1; got inputs " + inputs + ", hidden "
                        + Arrays.toString(hidden) + ", outputs " + outputs);
            }
            if (l1 < 0 || l2 < 0) {
                throw new DlkitException("l1 and l2 must be >= 0; got l1 " + l1 + ", l2 " + l2);
            }
            NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                    .seed(seed)
                    .dataType(DataType.DOUBLE)
                    .updater(new NoOp())
                    .weightInit(weightInit)
                    .activation(activation)
                    .l1(l1)
                    .l2(l2)
                    .list();
            int in = inputs;
            for (int width : hidden) {
                list.layer(new DenseLayer.Builder().nIn(in).nOut(width).activation(activation).build());
                in = width;
            }
            list.layer(new OutputLayer.Builder(loss).nIn(in).nOut(outputs).activation(outputActivation(loss)).build());
            MultiLayerNetwork net = new MultiLayerNetwork(list.build());
            net.init();
            return net;
        }
    }
}
