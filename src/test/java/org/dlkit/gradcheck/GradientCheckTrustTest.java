package org.dlkit.gradcheck;

import org.dlkit.autodiff.Node;
import org.dlkit.autodiff.Pointwise;
import org.dlkit.error.DlkitException;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.constraint.MaxNormConstraint;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.weightnoise.DropConnect;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No false alarms and no false passes: consistent networks that the check once reported FAILED now pass or are
 * refused in one line that says why; bugs planted in the engine's forward pass, matmul, bias and loss backward make
 * the report fail for the right reason.
 */
class GradientCheckTrustTest {

    /** 2·tanh(x) with its correct derivative 2(1 − tanh²x): consistent, but not DL4J's ActivationTanH. */
    static final class DoubleTanh extends ActivationTanH {
        @Override
        public INDArray getActivation(INDArray in, boolean training) {
            return in.assign(Transforms.tanh(in, true).muli(2));
        }

        @Override
        public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
            INDArray t = Transforms.tanh(in, true);
            INDArray dLdz = t.muli(t).rsubi(1).muli(2).muli(epsilon);
            return new Pair<>(dLdz, null);
        }
    }

    private static NeuralNetConfiguration.Builder base() {
        return new NeuralNetConfiguration.Builder().seed(7).dataType(DataType.DOUBLE).updater(new NoOp())
                .weightInit(WeightInit.XAVIER);
    }

    private static MultiLayerNetwork net(NeuralNetConfiguration.Builder b, IActivation hidden) {
        MultiLayerNetwork net = new MultiLayerNetwork(b.list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(6).activation(hidden).build())
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).nIn(6).nOut(3).activation(Activation.SOFTMAX)
                        .build())
                .build());
        net.init();
        return net;
    }

    private static MultiLayerNetwork tanhNet() {
        return net(base(), Activation.TANH.getActivationFunction());
    }

    private static DataSet batch(MultiLayerNetwork net) {
        return CheckBatch.random(net, 5, 3);
    }

    private static GradientCheckReport check(MultiLayerNetwork net) {
        DataSet b = batch(net);
        return GradientCheck.of(net, b.getFeatures(), b.getLabels());
    }

    private static DlkitException refused(MultiLayerNetwork net, INDArray x, INDArray y) {
        DlkitException e = assertThrows(DlkitException.class, () -> GradientCheck.of(net, x, y));
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e;
    }

    private static DlkitException refused(MultiLayerNetwork net) {
        DataSet b = batch(tanhNet());
        return refused(net, b.getFeatures(), b.getLabels());
    }

    // ----- consistent networks: pass, or a one-line refusal -----

    @Test
    void aSubclassOfASupportedActivationIsRefusedNotTakenForItsParent() {
        DlkitException e = refused(net(base(), new DoubleTanh()));
        assertTrue(e.getMessage().contains("DoubleTanh") && e.getMessage().contains("subclass of DL4J's ActivationTanH"),
                e.getMessage());
        assertTrue(e.getMessage().startsWith("layer 0 (DenseLayer)"), e.getMessage());
    }

    @Test
    void miniBatchFalseIsCheckedAsTheSummedObjective() {
        MultiLayerNetwork sum = net(base().miniBatch(false), Activation.TANH.getActivationFunction());
        DataSet b = batch(sum);
        GradientCheckReport report = GradientCheck.of(sum, b.getFeatures(), b.getLabels());
        assertTrue(report.passed(), report.toString());
        assertFalse(report.meanOverBatch());
        GradientCheckReport mean = GradientCheck.of(tanhNet(), b.getFeatures(), b.getLabels());
        assertEquals(5 * mean.dl4jScore(), report.dl4jScore(), 1e-12);
        // with penalties too: they are added once, not per example
        MultiLayerNetwork penalised = net(base().miniBatch(false).l2(0.05).l1(0.01),
                Activation.LEAKYRELU.getActivationFunction());
        GradientCheckReport withPenalties = GradientCheck.of(penalised, b.getFeatures(), b.getLabels());
        assertTrue(withPenalties.passed(), withPenalties.toString());
        assertTrue(report.toString().contains("summed loss"), report.toString());
    }

    @ParameterizedTest
    @EnumSource(value = GradientNormalization.class, names = "None", mode = EnumSource.Mode.EXCLUDE)
    void gradientNormalisationIsNamedAsAnUpdaterStepAndDoesNotFailTheCheck(GradientNormalization gn) {
        MultiLayerNetwork net = net(base().gradientNormalization(gn).gradientNormalizationThreshold(0.1),
                Activation.TANH.getActivationFunction());
        GradientCheckReport report = check(net);
        assertTrue(report.passed(), report.toString());
        assertTrue(report.notes().stream().anyMatch(n -> n.contains(gn.toString()) && n.contains("updater step")),
                report.notes()::toString);
        assertEquals(gn, ((DenseLayer) net.getLayer(0).conf().getLayer()).getGradientNormalization(),
                "the user's network keeps its setting");
    }

    @Test
    void anEmptyBatchIsOneClearLine() {
        DlkitException e = refused(tanhNet(), Nd4j.zeros(DataType.DOUBLE, 0, 4), Nd4j.zeros(DataType.DOUBLE, 0, 3));
        assertTrue(e.getMessage().contains("0 rows"), e.getMessage());
    }

    @Test
    void anUninitialisedNetworkIsOneClearLine() {
        MultiLayerNetwork uninitialised = new MultiLayerNetwork(tanhNet().getLayerWiseConfigurations());
        DlkitException e = refused(uninitialised);
        assertTrue(e.getMessage().contains("net.init()"), e.getMessage());
    }

    @Test
    void nonFiniteFeaturesLabelsAndParametersAreOneClearLineEach() {
        MultiLayerNetwork net = tanhNet();
        DataSet b = batch(net);
        INDArray nan = b.getFeatures().dup();
        nan.putScalar(1, 2, Double.NaN);
        assertTrue(refused(net, nan, b.getLabels()).getMessage().contains("features row 1, column 2 is NaN"));
        INDArray inf = b.getLabels().dup();
        inf.putScalar(0, 0, Double.POSITIVE_INFINITY);
        assertTrue(refused(net, b.getFeatures(), inf).getMessage().contains("labels row 0, column 0 is Infinity"));
        MultiLayerNetwork diverged = tanhNet();
        diverged.params().putScalar(3, Double.NaN);
        assertTrue(refused(diverged).getMessage().contains("flat index 3 is NaN"));
    }

    @Test
    void finiteDifferencesAcrossAReluKinkAreNamedAndLeftOutOfTheVerdict() {
        MultiLayerNetwork net = net(base(), Activation.RELU.getActivationFunction());
        net.getLayer(0).setParam("b", Nd4j.zeros(DataType.DOUBLE, 1, 6));
        INDArray zeros = Nd4j.zeros(DataType.DOUBLE, 5, 4); // every pre-activation of layer 0 is exactly 0
        GradientCheckReport report = GradientCheck.of(net, zeros, batch(net).getLabels());
        assertEquals(0.0, report.kinkDistance());
        assertFalse(report.kinkEntries().isEmpty(), report.toString());
        assertTrue(report.kinkEntries().stream().allMatch(e -> e.key().equals("0_b")), report.toString());
        assertTrue(report.passed(), report.toString());
        assertTrue(report.toString().contains("at a kink") && report.toString().contains("closest kink: |z| = 0.0e+00"),
                report.toString());
        assertTrue(report.blocks().stream().allMatch(b -> b.autodiffVsDl4j().passed()));
    }

    @Test
    void aRandomBatchStaysAwayFromKinksAndSaysHowFar() {
        MultiLayerNetwork net = net(base(), Activation.LEAKYRELU.getActivationFunction());
        GradientCheckReport report = check(net);
        assertTrue(report.kinkDistance() >= CheckBatch.KINK_MARGIN, report.toString());
        assertTrue(report.kinkEntries().isEmpty());
        assertTrue(report.passed(), report.toString());
        assertEquals(Double.POSITIVE_INFINITY, check(tanhNet()).kinkDistance());
    }

    @Test
    void otherSettingsAreCheckedOrRefusedInOneLineNamingThePart() {
        // checked: another updater, a float network, constraints (they act after the update)
        assertTrue(check(net(base().updater(new Adam(0.1)), Activation.SIGMOID.getActivationFunction())).passed());
        assertTrue(check(net(base().dataType(DataType.FLOAT), Activation.SOFTSIGN.getActivationFunction())).passed());
        GradientCheckReport constrained = check(net(base().constrainWeights(new MaxNormConstraint(0.5, 1)),
                Activation.TANH.getActivationFunction()));
        assertTrue(constrained.passed(), constrained.toString());
        assertTrue(constrained.notes().stream().anyMatch(n -> n.contains("constraints")));
        // refused: anything random in the forward pass, weight decay, an activation outside the catalogue
        assertTrue(refused(net(base().dropOut(0.5), Activation.TANH.getActivationFunction())).getMessage()
                .contains("dropout"));
        assertTrue(refused(net(base().weightNoise(new DropConnect(0.5)), Activation.TANH.getActivationFunction()))
                .getMessage().contains("weight noise"));
        assertTrue(refused(net(base().weightDecay(0.01), Activation.TANH.getActivationFunction())).getMessage()
                .contains("weight decay"));
        assertTrue(refused(net(base(), Activation.CUBE.getActivationFunction())).getMessage().contains("cube"));
    }

    // ----- planted bugs: the report fails, for the right reason -----

    private static GradientCheckReport planted(Ops ops) {
        MultiLayerNetwork net = CheckNetwork.builder().inputs(4).hidden(6, 5).outputs(3).activation(Activation.TANH)
                .loss(LossFunction.MCXENT).seed(11).build();
        DataSet b = batch(net);
        return GradientCheck.run(net, b.getFeatures(), b.getLabels(), GradientCheckOptions.defaults(), ops);
    }

    /** Keeps the forward value of {@code n} but scales the gradient through it by 0.9: n + 0.1·const(n) − 0.1·n. */
    private static Node gradientScaled(Node n, Node withGradient) {
        return n.add(Node.constant(withGradient.value(), "const").scale(0.1)).sub(withGradient.scale(0.1));
    }

    /**
     * A matmul with a backward bug in W only: the forward value X·W, but W gets 0.9 of its gradient (X keeps all of
     * its own): X·W + 0.1·X·const(W) − 0.1·X·W. Planted by the other gradient-check tests too.
     */
    static Node wrongWeightGradient(Node x, Node w) {
        Node z = x.matmul(w);
        return z.add(x.matmul(Node.constant(w.value(), "W")).scale(0.1)).sub(z.scale(0.1));
    }

    @Test
    void aForwardPassBugShowsAsObjectivesDiffer() {
        Pointwise wrongTanh = Pointwise.of("tanh", x -> 1.01 * Math.tanh(x), (x, y) -> 1.01 * (1 - Math.pow(y / 1.01, 2)));
        GradientCheckReport report = planted(Ops.ENGINE.withActivations(new ActivationTranslation(a -> wrongTanh)));
        assertFalse(report.passed());
        assertFalse(report.objectivesAgree(), report.toString());
        assertTrue(report.failureReason().startsWith("objectives differ"), report.failureReason());
        // the autodiff engine is consistent with its own (wrong) forward pass: the bug is in the forward pass
        assertTrue(report.blocks().stream().allMatch(b -> b.autodiffVsFiniteDifference().passed()), report.toString());
        assertTrue(report.blocks().stream().anyMatch(b -> !b.autodiffVsDl4j().passed()));
    }

    @Test
    void aMatmulBackwardBugFailsExactlyTheWeightBlocks() {
        GradientCheckReport report = planted(Ops.ENGINE.withMatmul(GradientCheckTrustTest::wrongWeightGradient));
        assertTrue(report.objectivesAgree(), report.toString());
        assertEquals(List.of("0_W", "1_W", "2_W"), report.failedBlocks(), report.toString());
        assertAutodiffIsToBlame(report);
    }

    @Test
    void aBiasBackwardBugFailsExactlyTheBiasBlocks() {
        GradientCheckReport report = planted(Ops.ENGINE.withAddBias((z, b) -> z.addRowVector(b)
                .addRowVector(Node.constant(b.value(), "b").scale(0.1)).addRowVector(b.scale(-0.1))));
        assertTrue(report.objectivesAgree(), report.toString());
        assertEquals(List.of("0_b", "1_b", "2_b"), report.failedBlocks(), report.toString());
        assertAutodiffIsToBlame(report);
    }

    @Test
    void aLossBackwardBugFailsEveryBlock() {
        GradientCheckReport report = planted(Ops.ENGINE.withLoss(loss -> gradientScaled(loss, loss)));
        assertTrue(report.objectivesAgree(), report.toString());
        assertEquals(List.of("0_W", "0_b", "1_W", "1_b", "2_W", "2_b"), report.failedBlocks(), report.toString());
        assertAutodiffIsToBlame(report);
    }

    /**
     * A translation that forgets the L2 term: DL4J's score and gradient include ½λ‖W‖², the engine's do not. The
     * objectives differ, and exactly the weight blocks (the penalised ones) fail, with DL4J agreeing with finite
     * differences of its own score.
     */
    @Test
    void aMissingL2TermFailsExactlyThePenalisedBlocks() {
        MultiLayerNetwork net = CheckNetwork.builder().inputs(4).hidden(5, 4).outputs(3).l2(0.3).seed(11).build();
        DataSet batch = CheckBatch.random(net, 5, 11);
        GradientCheckOptions dl4jScore = GradientCheckOptions.defaults()
                .withFiniteDifferenceSource(FiniteDifferenceSource.DL4J_SCORE);
        GradientCheckReport report = GradientCheck.run(net, batch.getFeatures(), batch.getLabels(), dl4jScore,
                Ops.ENGINE.withPenalty((objective, penalty) -> objective));
        assertFalse(report.objectivesAgree(), report.toString());
        assertEquals(List.of("0_W", "1_W", "2_W"), report.failedBlocks(), report.toString());
        for (GradientCheckReport.Block b : report.blocks()) {
            assertTrue(b.dl4jVsFiniteDifference().passed(), "DL4J agrees with finite differences of its score: " + b);
        }
    }

    @Test
    void withoutPlantedBugsTheSameNetworkPasses() {
        assertTrue(planted(Ops.ENGINE).passed());
    }

    private static void assertAutodiffIsToBlame(GradientCheckReport report) {
        for (GradientCheckReport.Block b : report.blocks()) {
            assertTrue(b.dl4jVsFiniteDifference().passed(), "DL4J agrees with finite differences: " + b);
            assertEquals(b.passed(), b.autodiffVsDl4j().passed(), b.toString());
            assertEquals(b.passed(), b.autodiffVsFiniteDifference().passed(), b.toString());
        }
    }
}
