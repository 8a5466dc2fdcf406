package org.dlkit.gradcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.dlkit.autodiff.Pointwise;
import org.dlkit.error.DlkitException;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationELU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.nd4j.linalg.ops.transforms.Transforms;

/** A user's own activation class, checked against the definition the user gives for it. */
class UserActivationTest {

    /** ELU as a user might subclass it, computing the same thing. */
    public static class MyElu extends ActivationELU {
    }

    /** ELU whose backprop returns 1.1 times the correct dL/dz: the planted bug. */
    public static class BuggyElu extends ActivationELU {
        @Override
        public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
            Pair<INDArray, INDArray> correct = super.backprop(in, epsilon);
            correct.getFirst().muli(1.1);
            return correct;
        }
    }

    @Test
    void aSubclassWithoutADefinitionIsRefusedInOneLine() {
        MultiLayerNetwork net = network(new MyElu());
        DataSet batch = CheckBatch.random(net, 5, 3, GradientCheckOptions.defaults()
                .withActivation(MyElu.class, Pointwise.elu(1.0)));
        DlkitException e = assertThrows(DlkitException.class,
                () -> GradientCheck.of(net, batch.getFeatures(), batch.getLabels()));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertTrue(e.getMessage().contains("MyElu"), e.getMessage());
        assertTrue(e.getMessage().contains("GradientCheckOptions.withActivation(MyElu.class"), e.getMessage());
    }

    /** 2·tanh(x) as a user writes a new activation: not a subclass of any DL4J activation. */
    public static class TwiceTanh extends BaseActivationFunction {
        @Override
        public INDArray getActivation(INDArray in, boolean training) {
            return Transforms.tanh(in, false).muli(2.0);
        }

        @Override
        public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
            INDArray t = Transforms.tanh(in, true);
            return new Pair<>(t.muli(t).rsubi(1.0).muli(2.0).muli(epsilon), null);
        }

        @Override
        public String toString() {
            return "twicetanh";
        }
    }

    @Test
    void anOwnActivationWithoutADefinitionIsRefusedNamingItsClassAndHowToDeclareIt() {
        MultiLayerNetwork net = network(new TwiceTanh());
        DataSet batch = CheckBatch.random(network(new MyElu()), 5, 3, GradientCheckOptions.defaults()
                .withActivation(MyElu.class, Pointwise.elu(1.0)));
        DlkitException e = assertThrows(DlkitException.class,
                () -> GradientCheck.of(net, batch.getFeatures(), batch.getLabels()));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertTrue(e.getMessage().contains("layer 0 (DenseLayer)"), e.getMessage());
        assertTrue(e.getMessage().contains(TwiceTanh.class.getName()), e.getMessage());
        assertTrue(e.getMessage().contains("GradientCheckOptions.withActivation(TwiceTanh.class"), e.getMessage());
    }

    @Test
    void anOwnActivationWithItsDefinitionPasses() {
        MultiLayerNetwork net = network(new TwiceTanh());
        GradientCheckOptions options = GradientCheckOptions.defaults()
                .withActivation(TwiceTanh.class, Pointwise.of("2 tanh", x -> 2 * Math.tanh(x), (x, y) -> 2 - y * y / 2));
        DataSet batch = CheckBatch.random(net, 5, 3, options);
        GradientCheckReport report = GradientCheck.of(net, batch.getFeatures(), batch.getLabels(), options);
        assertTrue(report.passed(), report.toString());
    }

    @Test
    void aCorrectUserActivationPassesAgainstItsDefinition() {
        MultiLayerNetwork net = network(new MyElu());
        GradientCheckOptions options = GradientCheckOptions.defaults().withActivation(MyElu.class, Pointwise.elu(1.0));
        DataSet batch = CheckBatch.random(net, 5, 3, options);
        GradientCheckReport report = GradientCheck.of(net, batch.getFeatures(), batch.getLabels(), options);
        assertTrue(report.passed(), report.toString());
    }

    @Test
    void aWrongBackpropIsCaughtOnDl4jsSide() {
        MultiLayerNetwork net = network(new BuggyElu());
        GradientCheckOptions options = GradientCheckOptions.defaults().withActivation(BuggyElu.class, Pointwise.elu(1.0));
        DataSet batch = CheckBatch.random(net, 5, 3, options);
        GradientCheckReport report = GradientCheck.of(net, batch.getFeatures(), batch.getLabels(), options);
        assertEquals(List.of("0_W", "0_b", "1_W", "1_b"), report.failedBlocks(), report.toString());
        for (GradientCheckReport.Block b : report.blocks()) {
            assertTrue(b.autodiffVsFiniteDifference().passed(), b.toString());
            if (!b.passed()) {
                assertFalse(b.dl4jVsFiniteDifference().passed(), b.toString());
                assertFalse(b.autodiffVsDl4j().passed(), b.toString());
            }
        }
    }

    @Test
    void aWrongDefinitionIsCaughtOnTheAutodiffSide() {
        MultiLayerNetwork net = network(new MyElu());
        DataSet batch = CheckBatch.random(net, 5, 3, GradientCheckOptions.defaults()
                .withActivation(MyElu.class, Pointwise.elu(1.0)));
        Pointwise wrong = Pointwise.of("elu with a wrong derivative", Pointwise.elu(1.0)::value,
                (x, y) -> x > 0 ? 1.0 : 1.2 * (y + 1.0));
        GradientCheckReport report = GradientCheck.of(net, batch.getFeatures(), batch.getLabels(),
                GradientCheckOptions.defaults().withActivation(MyElu.class, wrong));
        assertFalse(report.passed(), report.toString());
        for (GradientCheckReport.Block b : report.blocks()) {
            assertTrue(b.dl4jVsFiniteDifference().passed(), b.toString());
        }
    }

    private static MultiLayerNetwork network(IActivation hidden) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(7).dataType(DataType.DOUBLE).updater(new NoOp()).weightInit(WeightInit.XAVIER)
                .list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(6).activation(hidden).build())
                .layer(new DenseLayer.Builder().nIn(6).nOut(5).activation(hidden).build())
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).nIn(5).nOut(3).activation(Activation.SOFTMAX)
                        .build())
                .build());
        net.init();
        return net;
    }
}
