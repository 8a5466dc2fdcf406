package org.dlkit.gradcheck;

import org.dlkit.error.DlkitException;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationELU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the three-way check promises beyond the suite: no side effects, DL4J's layout, its quirks, clear errors. */
class GradientCheckTest {

    private static NeuralNetConfiguration.Builder base(long seed) {
        return new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.DOUBLE).updater(new NoOp())
                .weightInit(WeightInit.XAVIER).activation(Activation.TANH);
    }

    private static MultiLayerNetwork init(NeuralNetConfiguration.ListBuilder list) {
        MultiLayerNetwork net = new MultiLayerNetwork(list.build());
        net.init();
        return net;
    }

    @Test
    void theUsersNetworkIsNeverChanged() {
        MultiLayerNetwork net = init(new NeuralNetConfiguration.Builder().seed(1).dataType(DataType.FLOAT)
                .updater(new Adam(0.01)).weightInit(WeightInit.XAVIER).activation(Activation.RELU).l2(0.01).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(8).build())
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).nIn(8).nOut(3).activation(Activation.SOFTMAX)
                        .build()));
        INDArray params = net.params().dup();
        String json = net.getLayerWiseConfigurations().toJson();
        DataSet batch = CheckBatch.random(net, 5, 1);

        GradientCheckReport report = GradientCheck.of(net, batch.getFeatures().castTo(DataType.FLOAT),
                batch.getLabels().castTo(DataType.FLOAT));

        assertTrue(report.passed(), report.toString()); // a float network is checked on a double copy
        assertArrayEquals(params.toDoubleVector(), net.params().toDoubleVector(), 0.0); // exactly, not INDArray.equals
        assertEquals(DataType.FLOAT, net.params().dataType());
        assertEquals(json, net.getLayerWiseConfigurations().toJson());
        LossMCXENT loss = (LossMCXENT) ((OutputLayer) net.getLayer(1).conf().getLayer()).getLossFn();
        assertEquals(1e-10, loss.getSoftmaxClipEps()); // clipping is turned off on the copy only
        assertTrue(report.notes().stream().anyMatch(n -> n.contains("clips softmax outputs")), report.notes()::toString);
    }

    /** DL4J's default data type is FLOAT: the report says that it judged a double copy, not float arithmetic. */
    @Test
    void aFloatNetworkIsReportedAsCheckedOnADoubleCopy() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.HALF, DataType.DOUBLE}) {
            MultiLayerNetwork net = init(new NeuralNetConfiguration.Builder().seed(1).dataType(type)
                    .weightInit(WeightInit.XAVIER).activation(Activation.TANH).list()
                    .layer(new DenseLayer.Builder().nIn(4).nOut(5).build())
                    .layer(new OutputLayer.Builder(LossFunction.MCXENT).nIn(5).nOut(3).activation(Activation.SOFTMAX)
                            .build()));
            DataSet batch = CheckBatch.random(net, 4, 2);
            GradientCheckReport report = GradientCheck.of(net, batch.getFeatures(), batch.getLabels());
            assertTrue(report.passed(), report.toString());
            boolean noted = report.toString().contains("note: the network's data type is " + type
                    + "; it is checked on a DOUBLE copy");
            assertEquals(type != DataType.DOUBLE, noted, report.toString());
        }
    }

    @Test
    void autodiffGradientUsesDl4jsKeysAndFlatLayout() {
        MultiLayerNetwork net = CheckNetwork.builder().inputs(3).hidden(4).outputs(2).loss(LossFunction.MSE).build();
        DataSet batch = CheckBatch.random(net, 6, 2);
        NetworkGradient autodiff = AutodiffNetwork.of(net).gradient(batch.getFeatures(), batch.getLabels());

        net.setInput(batch.getFeatures());
        net.setLabels(batch.getLabels());
        net.computeGradientAndScore();
        assertEquals(new java.util.ArrayList<>(net.paramTable().keySet()), autodiff.keys());
        double[] summed = net.gradient().gradient().toDoubleVector(); // backprop: gradient of the summed loss
        double[] mean = autodiff.flat();
        for (int i = 0; i < mean.length; i++) {
            assertEquals(summed[i] / 6, mean[i], 1e-15, "flat index " + i);
        }
        assertEquals(net.score(), autodiff.objective(), 1e-14);
        assertArrayEquals(Nd4j.toFlattened('f', net.getParam("0_W")).toDoubleVector(),
                java.util.Arrays.copyOf(net.params().toDoubleVector(), 12)); // W [nIn × nOut] column-major first
    }

    /** Card 24: the translated dense layers compute DL4J's output y = f(XW + b). */
    @Test
    void autodiffForwardPassEqualsDl4jOutput() {
        MultiLayerNetwork net = CheckNetwork.builder().inputs(3).hidden(5, 4).outputs(2).activation(Activation.SOFTPLUS)
                .loss(LossFunction.MSE).build();
        DataSet batch = CheckBatch.random(net, 4, 5);
        AutodiffNetwork.Graph graph = AutodiffNetwork.of(net).graph(AutodiffNetwork.matrix(batch.getFeatures(), "x"),
                AutodiffNetwork.matrix(batch.getLabels(), "y"));
        double[] dl4j = net.output(batch.getFeatures()).reshape(8).toDoubleVector();
        assertArrayEquals(dl4j, graph.prediction().value().toArray(), 1e-15);
    }

    /** DL4J M2.1 adds L1/L2 in the updater step, not in backprop; the check compares against that full gradient. */
    @Test
    void dl4jAddsL2InTheUpdaterStepAndTheCheckIncludesIt() {
        MultiLayerNetwork plain = CheckNetwork.builder().inputs(3).hidden(4).outputs(2).seed(9).build();
        MultiLayerNetwork l2 = CheckNetwork.builder().inputs(3).hidden(4).outputs(2).seed(9).l2(0.3).build();
        DataSet batch = CheckBatch.random(plain, 5, 9);
        for (MultiLayerNetwork net : new MultiLayerNetwork[] {plain, l2}) {
            net.setInput(batch.getFeatures());
            net.setLabels(batch.getLabels());
            net.computeGradientAndScore();
        }
        assertEquals(plain.gradient().gradient(), l2.gradient().gradient()); // backprop alone ignores L2
        assertTrue(l2.score() > plain.score()); // ... while the score includes ½λ‖W‖²

        NetworkGradient withUpdater = Dl4jCopy.of(l2, batch.getFeatures(), batch.getLabels()).gradient();
        double[] w = Nd4j.toFlattened('f', l2.getParam("0_W")).toDoubleVector();
        double[] raw = Nd4j.toFlattened('f', plain.gradient().gradientForVariable().get("0_W")).toDoubleVector();
        for (int i = 0; i < 12; i++) {
            assertEquals(raw[i] / 5 + 0.3 * w[i], withUpdater.block("0_W")[i], 1e-15);
        }
        assertTrue(GradientCheck.of(l2, batch.getFeatures(), batch.getLabels()).passed());
    }

    @Test
    void l1AndBiasRegularisationArePartOfTheObjective() {
        MultiLayerNetwork net = init(base(4).l1(0.02).l2(0.01).l1Bias(0.005).l2Bias(0.03).list()
                .layer(new DenseLayer.Builder().nIn(3).nOut(5).build())
                .layer(new OutputLayer.Builder(LossFunction.XENT).nIn(5).nOut(2).activation(Activation.SIGMOID)
                        .build()));
        DataSet batch = CheckBatch.random(net, 5, 4);
        GradientCheckReport report = GradientAssertions.assertGradientsMatch(net, batch.getFeatures(),
                batch.getLabels());
        assertEquals(report.dl4jScore(), report.autodiffObjective(), 1e-12);
    }

    /** MCXENT's clip would change the gradient once a softmax output falls below 1e-10; the copy turns it off. */
    @Test
    void extremeSoftmaxOutputsPassBecauseClippingIsOffOnTheCopy() {
        MultiLayerNetwork net = CheckNetwork.builder().inputs(3).hidden(4).outputs(3).seed(6).build();
        net.getParam("1_W").muli(40); // logits spread over ±100: probabilities far below 1e-10
        DataSet batch = CheckBatch.random(net, 5, 6);
        GradientCheckReport report = GradientCheck.of(net, batch.getFeatures(), batch.getLabels());
        assertTrue(report.passed(), report.toString());
        double minProbability = net.output(batch.getFeatures()).minNumber().doubleValue();
        assertTrue(minProbability < 1e-10, "outputs reach the clipping range: " + minProbability);
    }

    @Test
    void finiteDifferencesOfDl4jsScoreAgreeToo() {
        MultiLayerNetwork net = CheckNetwork.builder().inputs(3).hidden(4, 4).outputs(3).activation(Activation.SIGMOID)
                .l2(0.01).build();
        DataSet batch = CheckBatch.random(net, 5, 8);
        GradientCheckReport report = GradientCheck.of(net, batch.getFeatures(), batch.getLabels(),
                GradientCheckOptions.defaults().withFiniteDifferenceSource(FiniteDifferenceSource.DL4J_SCORE));
        assertTrue(report.passed(), report.toString());
        assertTrue(report.toString().contains("central differences of DL4J's score"));
    }

    @Test
    void largeNetworksGetASeededSubsetOfFiniteDifferences() {
        MultiLayerNetwork net = CheckNetwork.builder().inputs(30).hidden(40, 20).outputs(5).build(); // 2,185 params
        DataSet batch = CheckBatch.random(net, 3, 10);
        GradientCheckReport report = GradientCheck.of(net, batch.getFeatures(), batch.getLabels(),
                GradientCheckOptions.defaults().withFiniteDifferenceLimit(200));
        assertTrue(report.passed(), report.toString());
        int checked = report.blocks().stream().mapToInt(GradientCheckReport.Block::finiteDifferences).sum();
        assertTrue(checked >= 200 && checked <= 220, "checked " + checked);
        report.blocks().forEach(b -> assertTrue(b.finiteDifferences() >= Math.min(5, b.size()), b.toString()));

        int[] first = GradientCheck.chosen(1200, 2185, 200, new Random(1));
        assertArrayEquals(first, GradientCheck.chosen(1200, 2185, 200, new Random(1)));
        assertFalse(java.util.Arrays.equals(first, GradientCheck.chosen(1200, 2185, 200, new Random(2))));
        assertEquals(110, first.length);
        assertEquals(110, java.util.Arrays.stream(first).distinct().count());
    }

    @Test
    void lossLayerNetworksAreSupported() {
        MultiLayerNetwork net = init(base(11).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(3).activation(Activation.IDENTITY).build())
                .layer(new LossLayer.Builder(LossFunction.MCXENT).activation(Activation.SOFTMAX).build()));
        DataSet batch = CheckBatch.random(net, 5, 11);
        GradientAssertions.assertGradientsMatch(net, batch.getFeatures(), batch.getLabels());
    }

    /** Outputs and losses beyond the suite's three: each must pass the default check. */
    @ParameterizedTest(name = "{0} + {1}")
    @CsvSource({"SOFTMAX, NEGATIVELOGLIKELIHOOD", "SIGMOID, MSE", "TANH, L1", "IDENTITY, L2",
            "IDENTITY, MEAN_ABSOLUTE_ERROR", "SOFTMAX, MSE", "TANH, MSE",
            "LEAKYRELU, MSE", "SOFTPLUS, L1"})
    void otherOutputAndLossPairsPass(Activation output, LossFunction loss) {
        MultiLayerNetwork net = init(base(12).list()
                .layer(new DenseLayer.Builder().nIn(3).nOut(5).activation(Activation.ELU).build())
                .layer(new OutputLayer.Builder(loss).nIn(5).nOut(3).activation(output).build()));
        DataSet batch = CheckBatch.random(net, 5, 12);
        GradientAssertions.assertGradientsMatch(net, batch.getFeatures(), batch.getLabels());
    }

    /** A real DL4J M2.1 bug the check finds: ELU's backprop ignores α. */
    @Test
    void eluWithAlphaOtherThanOneExposesDl4jsBackprop() {
        MultiLayerNetwork net = init(base(13).list()
                .layer(new DenseLayer.Builder().nIn(3).nOut(5).activation(new ActivationELU(0.5)).build())
                .layer(new OutputLayer.Builder(LossFunction.MSE).nIn(5).nOut(2).activation(Activation.IDENTITY)
                        .build()));
        DataSet batch = CheckBatch.random(net, 5, 13);
        GradientCheckReport report = GradientCheck.of(net, batch.getFeatures(), batch.getLabels());
        GradientCheckReport.Block w = report.block("0_W");
        assertTrue(w.autodiffVsFiniteDifference().passed(), report.toString());
        assertFalse(w.dl4jVsFiniteDifference().passed(), report.toString());
        assertTrue(report.notes().stream().anyMatch(n -> n.contains("ignores alpha=0.5")));
    }

    @Test
    void leakyReluNoteAppearsOnlyWhenAlphaIsNotAFloat() {
        assertTrue(AutodiffNetwork.of(CheckNetwork.builder().activation(Activation.LEAKYRELU).build()).notes()
                .get(0).contains("float32"));
        MultiLayerNetwork quarter = init(base(14).list()
                .layer(new DenseLayer.Builder().nIn(3).nOut(4)
                        .activation(new org.nd4j.linalg.activations.impl.ActivationLReLU(0.25)).build())
                .layer(new OutputLayer.Builder(LossFunction.MSE).nIn(4).nOut(1).activation(Activation.IDENTITY)
                        .build()));
        assertTrue(AutodiffNetwork.of(quarter).notes().isEmpty());
    }

    @Test
    void assertionMessageIsTheReportTable() {
        MultiLayerNetwork net = CheckNetwork.builder().inputs(3).hidden(4).outputs(2).build();
        DataSet batch = CheckBatch.random(net, 3, 15);
        AssertionError error = assertThrows(AssertionError.class, () -> GradientAssertions.assertGradientsMatch(net,
                batch.getFeatures(), batch.getLabels(),
                GradientCheckOptions.defaults().withFiniteDifference(1e-2, 1e-14, 1e-30)));
        String message = error.getMessage();
        assertTrue(message.contains("autodiff~DL4J") && message.contains("0_W") && message.contains("FAILED"),
                message);
        assertTrue(message.contains("worst entries:"), message);
    }

    @Test
    void unsupportedLayersActivationsAndLossesAreNamed() {
        DlkitException layer = assertThrows(DlkitException.class, () -> AutodiffNetwork.of(init(base(16).list()
                .layer(new DenseLayer.Builder().nIn(3).nOut(4).build())
                .layer(new BatchNormalization.Builder().nIn(4).nOut(4).build())
                .layer(new OutputLayer.Builder(LossFunction.MSE).nIn(4).nOut(1).activation(Activation.IDENTITY).build()))));
        assertTrue(layer.getMessage().contains("BatchNormalization") && layer.getMessage().contains("supported: Dense"),
                layer.getMessage());

        DlkitException activation = assertThrows(DlkitException.class, () -> AutodiffNetwork.of(init(base(17).list()
                .layer(new DenseLayer.Builder().nIn(3).nOut(4).activation(Activation.CUBE).build())
                .layer(new OutputLayer.Builder(LossFunction.MSE).nIn(4).nOut(1).activation(Activation.IDENTITY).build()))));
        assertTrue(activation.getMessage().contains("cube") && activation.getMessage().contains("supported: sigmoid"),
                activation.getMessage());

        DlkitException loss = assertThrows(DlkitException.class, () -> AutodiffNetwork.of(init(base(18).list()
                .layer(new OutputLayer.Builder(LossFunction.HINGE).nIn(3).nOut(2).activation(Activation.IDENTITY).build()))));
        assertTrue(loss.getMessage().contains("LossHinge") && loss.getMessage().contains("supported: MCXENT"),
                loss.getMessage());

        DlkitException dropout = assertThrows(DlkitException.class, () -> AutodiffNetwork.of(init(base(19).list()
                .layer(new DenseLayer.Builder().nIn(3).nOut(4).dropOut(0.5).build())
                .layer(new OutputLayer.Builder(LossFunction.MSE).nIn(4).nOut(1).activation(Activation.IDENTITY).build()))));
        assertTrue(dropout.getMessage().contains("dropout (Dropout)"), dropout.getMessage());
        assertFalse(dropout.getMessage().contains("helper"), "DL4J's field dump, not a message: " + dropout.getMessage());
    }

    @Test
    void badOptionsAndShapesAreUserErrors() {
        assertThrows(DlkitException.class, () -> GradientCheckOptions.defaults().withFiniteDifference(0, 1e-3, 1e-8));
        assertThrows(DlkitException.class, () -> GradientCheckOptions.defaults().withFiniteDifferenceLimit(0));
        MultiLayerNetwork net = CheckNetwork.builder().inputs(3).hidden(4).outputs(2).build();
        DataSet batch = CheckBatch.random(net, 3, 20);
        DlkitException shape = assertThrows(DlkitException.class,
                () -> GradientCheck.of(net, batch.getLabels(), batch.getLabels()));
        assertTrue(shape.getMessage().contains("features must be a matrix with 3 columns"), shape.getMessage());
    }
}
