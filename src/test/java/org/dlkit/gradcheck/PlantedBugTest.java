package org.dlkit.gradcheck;

import org.dlkit.autodiff.Pointwise;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationELU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Proof that the check can fail: a copy of the ELU op whose derivative for x &lt; 0 is scaled by 1.1 is plugged into
 * the translation. Exactly the parameter blocks whose gradient flows through an ELU layer fail, and they fail where
 * the autodiff engine is involved (vs DL4J, vs finite differences) while DL4J vs finite differences still passes.
 */
class PlantedBugTest {

    /** ELU with the x &lt; 0 derivative α·eˣ = y + α multiplied by 1.1. */
    private static final ActivationTranslation BUGGY_ELU = new ActivationTranslation(a -> {
        if (!(a instanceof ActivationELU elu)) {
            return null;
        }
        Pointwise correct = Pointwise.elu(elu.getAlpha());
        return Pointwise.of("elu", correct::value, (x, y) -> x > 0 ? 1.0 : 1.1 * (y + elu.getAlpha()));
    });

    @Test
    void wrongEluDerivativeFailsEveryBlockBelowAnEluLayer() {
        MultiLayerNetwork net = network(Activation.ELU, Activation.ELU);
        GradientCheckReport report = check(net);
        assertEquals(List.of("0_W", "0_b", "1_W", "1_b"), report.failedBlocks(), report.toString());
        assertFailuresPointAtAutodiff(report);
    }

    @Test
    void wrongEluDerivativeInTheFirstLayerFailsOnlyItsBlocks() {
        MultiLayerNetwork net = network(Activation.ELU, Activation.TANH);
        GradientCheckReport report = check(net);
        assertEquals(List.of("0_W", "0_b"), report.failedBlocks(), report.toString());
        assertFailuresPointAtAutodiff(report);
    }

    @Test
    void theSameNetworksPassWithTheCorrectOp() {
        for (MultiLayerNetwork net : List.of(network(Activation.ELU, Activation.ELU),
                network(Activation.ELU, Activation.TANH))) {
            DataSet batch = CheckBatch.random(net, 5, 3);
            assertTrue(GradientCheck.of(net, batch.getFeatures(), batch.getLabels()).passed());
        }
    }

    /** Card 6 mistyped: σ' = y(1 + y) instead of y(1 − y). */
    private static final ActivationTranslation BUGGY_SIGMOID = new ActivationTranslation(a -> a instanceof ActivationSigmoid
            ? Pointwise.of("σ", Pointwise.SIGMOID::value, (x, y) -> y * (1 + y)) : null);

    @Test
    void wrongSigmoidDerivativeFailsOnOneRowWithL2AndManyClasses() {
        MultiLayerNetwork net = CheckNetwork.builder().inputs(1).hidden(4).outputs(12).activation(Activation.SIGMOID)
                .loss(LossFunction.MCXENT).l2(0.05).seed(11).build();
        DataSet batch = CheckBatch.random(net, 1, 11);
        GradientCheckReport wrong = GradientCheck.run(net, batch.getFeatures(), batch.getLabels(),
                GradientCheckOptions.defaults(), Ops.ENGINE.withActivations(BUGGY_SIGMOID));
        assertEquals(List.of("0_W", "0_b"), wrong.failedBlocks(), wrong.toString());
        assertFailuresPointAtAutodiff(wrong);
        assertTrue(GradientCheck.of(net, batch.getFeatures(), batch.getLabels()).passed(), "the correct op passes");
    }

    private static GradientCheckReport check(MultiLayerNetwork net) {
        DataSet batch = CheckBatch.random(net, 5, 3);
        return GradientCheck.run(net, batch.getFeatures(), batch.getLabels(), GradientCheckOptions.defaults(),
                Ops.ENGINE.withActivations(BUGGY_ELU));
    }

    private static void assertFailuresPointAtAutodiff(GradientCheckReport report) {
        for (GradientCheckReport.Block b : report.blocks()) {
            assertTrue(b.dl4jVsFiniteDifference().passed(), "DL4J is right: " + b);
            if (!b.passed()) {
                assertFalse(b.autodiffVsDl4j().passed(), b.toString());
                assertFalse(b.autodiffVsFiniteDifference().passed(), b.toString());
                assertFalse(b.worst().isEmpty());
                assertEquals(b.key(), b.worst().get(0).key());
            }
        }
        assertTrue(report.toString().contains("FAIL"));
    }

    /** 4 → 6 → 5 → 3 with the given hidden activations, softmax + MCXENT output. */
    private static MultiLayerNetwork network(Activation first, Activation second) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(7).dataType(DataType.DOUBLE).updater(new NoOp()).weightInit(WeightInit.XAVIER)
                .list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(6).activation(first).build())
                .layer(new DenseLayer.Builder().nIn(6).nOut(5).activation(second).build())
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).nIn(5).nOut(3).activation(Activation.SOFTMAX)
                        .build())
                .build());
        net.init();
        return net;
    }
}
