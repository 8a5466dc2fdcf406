package org.dlkit.engine;

import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dlkit.error.DlkitException;
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
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A DL4J {@link MultiLayerNetwork} as an {@link MlpSpec} with its current (seeded, initialised) parameters, and the
 * trained parameters written back, so the DL4J network stays the source of truth for saving and evaluation.
 *
 * <p>Supported: {@code DenseLayer}s then one {@code OutputLayer}; activations identity, sigmoid, tanh, ReLU,
 * Leaky ReLU, ELU, softplus, softsign, SELU, swish, GELU (DL4J's sigmoid form, not "precise"), mish, hard sigmoid,
 * hard tanh, ReLU6 (the element-wise functions of the activation catalogue); outputs softmax + MCXENT, sigmoid +
 * XENT, or any of those with MSE; updaters SGD and Adam (constant learning rate); L2 on the weights. Anything else
 * is refused naming the part.
 */
public final class Dl4jMlp {

    static final String SUPPORTED = "dense layers with identity, sigmoid, tanh, relu, leakyrelu, elu, softplus, "
            + "softsign, selu, swish, gelu (not precise), mish, hardsigmoid, hardtanh or relu6; an output layer with "
            + "softmax + MCXENT, sigmoid + XENT or MSE; SGD or Adam; L2";

    private Dl4jMlp() {
    }

    /** The engine's description of {@code net}, with a copy of its parameters. */
    public static MlpSpec of(MultiLayerNetwork net) {
        if (net.params() == null) {
            throw new IllegalStateException("the network is not initialised");
        }
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
        int count = conf.getConfs().size();
        List<MlpSpec.Layer> layers = new ArrayList<>();
        OutputLoss loss = null;
        Double l2 = null;
        IUpdater updater = null;
        for (int i = 0; i < count; i++) {
            Layer layer = conf.getConf(i).getLayer();
            boolean last = i == count - 1;
            String where = "layer " + i + " (" + layer.getClass().getSimpleName() + ")";
            if (last ? layer.getClass() != OutputLayer.class : layer.getClass() != DenseLayer.class) {
                throw unsupported(where, last ? "as the output layer" : "as a hidden layer");
            }
            BaseLayer base = (BaseLayer) layer;
            if (base.getIDropout() != null) {
                throw unsupported(where, "dropout");
            }
            if (base.getGradientNormalization() != null && base.getGradientNormalization() != GradientNormalization.None) {
                throw unsupported(where, "gradient normalisation " + base.getGradientNormalization());
            }
            if (layer instanceof DenseLayer d && (d.isHasLayerNorm() || !d.hasBias())
                    || layer instanceof OutputLayer o && !o.hasBias()) {
                throw unsupported(where, "layer norm or a layer without bias");
            }
            double layerL2 = l2(base.getRegularization(), where);
            if (base.getRegularizationBias() != null && !base.getRegularizationBias().isEmpty()) {
                throw unsupported(where, "regularisation of the biases " + base.getRegularizationBias());
            }
            if (l2 != null && l2 != layerL2) {
                throw unsupported(where, "a different L2 per layer");
            }
            l2 = layerL2;
            IUpdater u = base.getIUpdater();
            if (updater != null && !updater.equals(u) || base.getBiasUpdater() != null && !u.equals(base.getBiasUpdater())) {
                throw unsupported(where, "a different updater per layer or for the biases");
            }
            updater = u;
            IActivation activation = base.getActivationFn();
            Nonlinearity f;
            double alpha = 0;
            if (last) {
                loss = loss(((OutputLayer) layer).getLossFn(), activation, where);
                f = loss == OutputLoss.MSE ? nonlinearity(activation, where) : Nonlinearity.IDENTITY;
            } else {
                f = nonlinearity(activation, where);
            }
            if (activation instanceof ActivationLReLU leaky) {
                alpha = leaky.getAlpha();
            } else if (activation instanceof ActivationELU elu) {
                alpha = elu.getAlpha();
            }
            FeedForwardLayer ff = (FeedForwardLayer) layer;
            int nIn = (int) ff.getNIn(), nOut = (int) ff.getNOut();
            layers.add(new MlpSpec.Layer(nIn, nOut, f, alpha, doubles(net.getParam(i + "_W")),
                    doubles(net.getParam(i + "_b"))));
        }
        return new MlpSpec(layers, loss, l2, optimizer(updater));
    }

    /** A parameter's values, row-major (a [nIn, nOut] weight matrix row by row). */
    static double[] doubles(INDArray a) {
        return a.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }

    private static double l2(List<Regularization> regs, String where) {
        double l2 = 0;
        for (Regularization r : regs == null ? List.<Regularization>of() : regs) {
            if (!(r instanceof L2Regularization l)) {
                throw unsupported(where, "regularisation " + r);
            }
            l2 += l.getL2().valueAt(0, 0);
        }
        return l2;
    }

    static Optimizer optimizer(IUpdater u) {
        if (u instanceof Adam a && a.getLearningRateSchedule() == null) {
            return Optimizer.adam(a.getLearningRate(), a.getBeta1(), a.getBeta2(), a.getEpsilon());
        }
        if (u instanceof Sgd s && s.getLearningRateSchedule() == null) {
            return Optimizer.sgd(s.getLearningRate());
        }
        throw new Unsupported("updater " + u + " is not supported by dlkit's engine");
    }

    static OutputLoss loss(ILossFunction fn, IActivation activation, String where) {
        if (fn.getClass() == LossMCXENT.class && ((LossMCXENT) fn).getWeights() == null
                && activation instanceof ActivationSoftmax) {
            return OutputLoss.SOFTMAX_MCXENT;
        }
        if (fn.getClass() == LossBinaryXENT.class && ((LossBinaryXENT) fn).getWeights() == null
                && activation instanceof ActivationSigmoid) {
            return OutputLoss.SIGMOID_XENT;
        }
        if (fn.getClass() == LossMSE.class && ((LossMSE) fn).getWeights() == null
                && !(activation instanceof ActivationSoftmax)) {
            return OutputLoss.MSE;
        }
        throw unsupported(where, "loss " + fn + " with activation " + activation);
    }

    /** By exact class: a subclass may compute something else, so it is refused rather than taken for its parent. */
    static Nonlinearity nonlinearity(IActivation a, String where) {
        Nonlinearity f = BY_CLASS.get(a.getClass());
        if (f == Nonlinearity.RELU && !plainRelu((ActivationReLU) a)) {
            throw unsupported(where, "activation " + a + " (with max, threshold or negative slope)");
        }
        if (f == Nonlinearity.GELU && ((ActivationGELU) a).isPrecise()) {
            throw unsupported(where, "activation " + a + " (precise)");
        }
        if (f == null) {
            throw unsupported(where, "activation " + a);
        }
        return f;
    }

    /**
     * DL4J's own activation classes → the engine's function, the classes the activation catalogue builds: ReLU only
     * without max, threshold or slope (ReLU6 is {@code ActivationReLU6}, which has no parameters; an
     * {@code ActivationReLU} with max 6 is refused as the catalogue refuses it), GELU only not "precise".
     */
    private static final Map<Class<?>, Nonlinearity> BY_CLASS = Map.ofEntries(
            Map.entry(ActivationIdentity.class, Nonlinearity.IDENTITY),
            Map.entry(ActivationSigmoid.class, Nonlinearity.SIGMOID),
            Map.entry(ActivationTanH.class, Nonlinearity.TANH),
            Map.entry(ActivationReLU.class, Nonlinearity.RELU),
            Map.entry(ActivationLReLU.class, Nonlinearity.LEAKY_RELU),
            Map.entry(ActivationELU.class, Nonlinearity.ELU),
            Map.entry(ActivationSoftPlus.class, Nonlinearity.SOFTPLUS),
            Map.entry(ActivationSoftSign.class, Nonlinearity.SOFTSIGN),
            Map.entry(ActivationSELU.class, Nonlinearity.SELU),
            Map.entry(ActivationSwish.class, Nonlinearity.SWISH),
            Map.entry(ActivationGELU.class, Nonlinearity.GELU),
            Map.entry(ActivationMish.class, Nonlinearity.MISH),
            Map.entry(ActivationHardSigmoid.class, Nonlinearity.HARD_SIGMOID),
            Map.entry(ActivationHardTanH.class, Nonlinearity.HARD_TANH),
            Map.entry(ActivationReLU6.class, Nonlinearity.RELU6));

    private static boolean plainRelu(ActivationReLU r) {
        return r.getMax() == null && r.getThreshold() == null && r.getNegativeSlope() == null;
    }

    private static Unsupported unsupported(String where, String what) {
        return new Unsupported(where + ": " + what + " is not supported by dlkit's engine");
    }

    /** A network dlkit's engine does not train: {@link #part()} names what, the message adds what it does train. */
    static final class Unsupported extends DlkitException {

        private final String part;

        Unsupported(String part) {
            super(part + "; supported: " + SUPPORTED);
            this.part = part;
        }

        /** "layer 1 (BatchNormalization): as a hidden layer is not supported by dlkit's engine". */
        String part() {
            return part;
        }
    }
}
