package org.dlkit.engine;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.dlkit.error.DlkitException;
import org.dlkit.gradcheck.AutodiffNetwork;
import org.dlkit.gradcheck.NetworkGradient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationGELU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.dlkit.engine.GradientAgreement.maxRelative;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The engine's CPU device against DL4J's backprop and the scalar autodiff engine, in double. */
class EngineGradientTest {

    static MultiLayerNetwork net(Activation hidden, Activation out, LossFunction loss, IUpdater updater, double l2,
                                 int outputs) {
        return net(hidden.getActivationFunction(), out.getActivationFunction(), loss, updater, l2, outputs);
    }

    static MultiLayerNetwork net(IActivation hidden, IActivation out, LossFunction loss, IUpdater updater, double l2,
                                 int outputs) {
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder().seed(7).dataType(DataType.DOUBLE)
                .updater(updater).weightInit(WeightInit.XAVIER).l2(l2).list()
                .layer(new DenseLayer.Builder().nIn(5).nOut(7).activation(hidden).build())
                .layer(new DenseLayer.Builder().nIn(7).nOut(6).activation(hidden).build())
                .layer(new OutputLayer.Builder(loss).nIn(6).nOut(outputs).activation(out).build());
        MultiLayerConfiguration conf = b.build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    static DataSet batch(int rows, int outputs, long seed, boolean oneHot) {
        Random r = new Random(seed);
        INDArray x = Nd4j.zeros(DataType.DOUBLE, rows, 5), y = Nd4j.zeros(DataType.DOUBLE, rows, outputs);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < 5; j++) {
                x.putScalar(i, j, r.nextGaussian());
            }
            if (oneHot) {
                y.putScalar(i, r.nextInt(outputs), 1);
            } else {
                for (int j = 0; j < outputs; j++) {
                    y.putScalar(i, j, r.nextDouble());
                }
            }
        }
        return new DataSet(x, y);
    }

    private static void assertAgrees(Activation hidden, Activation out, LossFunction loss, double l2, int outputs,
                                     boolean oneHot) {
        MultiLayerNetwork net = net(hidden, out, loss, new Sgd(0.1), l2, outputs);
        DataSet data = batch(9, outputs, 3, oneHot);
        EngineNetwork engine = new EngineNetwork(Devices.cpu(), Dl4jMlp.of(net), 9);
        engine.load(data.getFeatures().data().asDouble(), data.getLabels().data().asDouble(), 9);
        engine.forward(9, true);
        engine.backward(9);
        double[] mine = engine.flatGradient();

        NetworkGradient autodiff = AutodiffNetwork.of(net).gradient(data.getFeatures(), data.getLabels());
        double[] dl4j = dl4jGradient(net, data, l2);
        double[] autodiffFlat = autodiff.flat();
        String what = hidden + "/" + out + "/" + loss;
        assertTrue(maxRelative(mine, autodiffFlat) <= 1e-9, what + " vs autodiff: " + maxRelative(mine, autodiffFlat));
        assertTrue(maxRelative(mine, dl4j) <= 1e-9, what + " vs DL4J: " + maxRelative(mine, dl4j));
        assertEquals(autodiff.objective(), engine.takeLossSum() / 9 + engine.l2Penalty(), 1e-12 * (1 + autodiff.objective()));
    }

    /** DL4J's gradient of the objective (mean loss + ½λ₂‖W‖²) on {@code data}, flat in its layout. */
    static double[] dl4jGradient(MultiLayerNetwork net, DataSet data, double l2) {
        net.setInput(data.getFeatures());
        net.setLabels(data.getLabels());
        net.computeGradientAndScore();
        double[] dl4j = net.gradient().gradient().dup().data().asDouble();
        // DL4J: summed-loss gradient; the objective's is its mean plus l2 * W (weights only)
        long rows = data.getFeatures().rows();
        for (int i = 0; i < dl4j.length; i++) {
            dl4j[i] /= rows;
        }
        addL2(net, net.params().data().asDouble(), dl4j, l2);
        return dl4j;
    }

    /** Adds l2 * W to the weight blocks of a flat DL4J gradient. */
    private static void addL2(MultiLayerNetwork net, double[] params, double[] grad, double l2) {
        int at = 0;
        for (int i = 0; i < net.getnLayers(); i++) {
            long w = net.getParam(i + "_W").length(), b = net.getParam(i + "_b").length();
            for (int k = 0; k < w; k++, at++) {
                grad[at] += l2 * params[at];
            }
            at += b;
        }
    }

    @Test
    void reluSoftmaxWithL2MatchesDl4jAndAutodiff() {
        assertAgrees(Activation.RELU, Activation.SOFTMAX, LossFunction.MCXENT, 0.01, 4, true);
    }

    /** The fixture the GPU check compares the CUDA device with; written where bin/cuda-check prepare takes it. */
    static final Path FIXTURE = Path.of("target/engine-fixture/gradients.bin");

    @Test
    void writesTheGradientFixtureForTheGpuCheck() throws Exception {
        MultiLayerNetwork net = net(Activation.TANH, Activation.SOFTMAX, LossFunction.MCXENT, new Sgd(0.1), 0.01, 4);
        DataSet data = batch(9, 4, 5, true);
        double[] dl4j = dl4jGradient(net, data, 0.01);
        GradientFixture fixture = new GradientFixture(Dl4jMlp.of(net), 9, data.getFeatures().data().asDouble(),
                data.getLabels().data().asDouble(), dl4j,
                AutodiffNetwork.of(net).gradient(data.getFeatures(), data.getLabels()).flat());
        fixture.write(FIXTURE);
        GradientFixture back = GradientFixture.read(FIXTURE);
        EngineNetwork engine = new EngineNetwork(Devices.cpu(), back.spec(), 9);
        engine.load(back.features(), back.labels(), 9);
        engine.forward(9, true);
        engine.backward(9);
        assertTrue(maxRelative(engine.flatGradient(), back.dl4j()) <= 1e-9);
        assertTrue(maxRelative(back.autodiff(), back.dl4j()) <= 1e-9);
    }

    @Test
    void tanhSigmoidXentMatches() {
        assertAgrees(Activation.TANH, Activation.SIGMOID, LossFunction.XENT, 0, 3, false);
    }

    @Test
    void eluIdentityMseMatches() {
        assertAgrees(Activation.ELU, Activation.IDENTITY, LossFunction.MSE, 0.001, 2, false);
    }

    /** DL4J's activation for each of the engine's functions: the class the activation catalogue builds. */
    static Stream<Activation> elementWise() {
        return Stream.of(Activation.IDENTITY, Activation.SIGMOID, Activation.TANH, Activation.RELU,
                Activation.LEAKYRELU, Activation.ELU, Activation.SOFTPLUS, Activation.SOFTSIGN, Activation.SELU,
                Activation.SWISH, Activation.GELU, Activation.MISH, Activation.HARDSIGMOID, Activation.HARDTANH,
                Activation.RELU6);
    }

    @Test
    void theTestedActivationsAreEveryEngineFunction() {
        Set<Nonlinearity> mapped = elementWise().map(a -> Dl4jMlp.of(net(a, Activation.SOFTMAX, LossFunction.MCXENT,
                new Sgd(0.1), 0, 3)).layers().get(0).f()).collect(Collectors.toSet());
        assertEquals(EnumSet.allOf(Nonlinearity.class), mapped);
    }

    /** Each function in the hidden layers (softmax + MCXENT, L2) and as MSE's output, against DL4J and autodiff. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("elementWise")
    void everyActivationMatchesDl4jAndAutodiff(Activation f) {
        assertAgrees(f, Activation.SOFTMAX, LossFunction.MCXENT, 0.01, 4, true);
        assertAgrees(Activation.TANH, f, LossFunction.MSE, 0, 3, false);
    }

    @Test
    void adamStepsTrackDl4jsParameters() {
        MultiLayerNetwork net = net(Activation.RELU, Activation.SOFTMAX, LossFunction.MCXENT, new Adam(0.01), 0.001, 4);
        EngineNetwork engine = new EngineNetwork(Devices.cpu(), Dl4jMlp.of(net), 9);
        for (int step = 0; step < 5; step++) {
            DataSet data = batch(9, 4, 10 + step, true);
            engine.load(data.getFeatures().data().asDouble(), data.getLabels().data().asDouble(), 9);
            engine.trainStep(9);
            net.fit(data);
        }
        MultiLayerNetwork copy = net.clone();
        copyInto(engine, copy);
        double rel = maxRelative(copy.params().data().asDouble(), net.params().data().asDouble());
        assertTrue(rel <= 1e-9, "parameters after 5 Adam steps differ by " + rel);
    }

    @Test
    void refusesWhatItDoesNotSupportNamingThePart() {
        MultiLayerNetwork net = net(Activation.RELU, Activation.SOFTMAX, LossFunction.MCXENT, new Nesterovs(0.1), 0, 3);
        DlkitException e = assertThrows(DlkitException.class, () -> Dl4jMlp.of(net));
        assertTrue(e.getMessage().contains("Nesterovs") && e.getMessage().contains("supported: "), e.getMessage());
        MultiLayerNetwork cube = net(Activation.CUBE, Activation.SOFTMAX, LossFunction.MCXENT, new Sgd(0.1), 0, 3);
        DlkitException c = assertThrows(DlkitException.class, () -> Dl4jMlp.of(cube));
        assertTrue(c.getMessage().startsWith("layer 0 (DenseLayer): activation"), c.getMessage());
    }

    /** Variants the catalogue does not build either: DL4J's "precise" GELU, and ReLU capped at 6 by its max. */
    @Test
    void refusesParameterisedVariantsOfSupportedFunctions() {
        Map<IActivation, String> variants = Map.of(new ActivationGELU(true), "(precise) is not supported",
                new ActivationReLU(6.0, 0.0, 0.0), "(with max, threshold or negative slope) is not supported");
        variants.forEach((variant, why) -> {
            MultiLayerNetwork net = net(variant, Activation.SOFTMAX.getActivationFunction(), LossFunction.MCXENT,
                    new Sgd(0.1), 0, 3);
            DlkitException e = assertThrows(DlkitException.class, () -> Dl4jMlp.of(net));
            assertTrue(e.getMessage().startsWith("layer 0 (DenseLayer): activation " + variant + " " + why),
                    e.getMessage());
        });
    }

    /** The engine's parameters into {@code net} in the network's own data type (double here: the 1e-9 check). */
    private static void copyInto(EngineNetwork engine, MultiLayerNetwork net) {
        for (int i = 0; i < engine.layers(); i++) {
            MlpSpec.Layer l = engine.spec().layers().get(i);
            DataType type = net.getParam(i + "_W").dataType();
            net.setParam(i + "_W", Nd4j.create(engine.weights(i), new long[] {l.nIn(), l.nOut()}, 'c').castTo(type));
            net.setParam(i + "_b", Nd4j.create(engine.bias(i), new long[] {1, l.nOut()}, 'c').castTo(type));
        }
    }
}
