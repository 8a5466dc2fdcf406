package org.dlkit.gradcheck;

import org.dlkit.activation.Activations;
import org.dlkit.error.DlkitException;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Features of large magnitude (×100, as raw, unstandardised columns have) give objectives in the hundreds or
 * thousands. A central difference of such an objective cannot resolve a gradient entry below its rounding noise,
 * about u·|f|/ε (u = 2.2e-16): it reads 0 or a few units of that noise. Such entries must not FAIL a consistent
 * network, while a planted backward bug must still fail.
 */
class LargeObjectiveTest {

    /** A consistent network on features ×100: the objective is large; every seed passes. */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void aConsistentNetworkOnLargeFeaturesPasses(long seed) {
        MultiLayerNetwork net = CheckNetwork.builder().inputs(9).hidden(6, 33).outputs(3)
                .activation(Activations.SOFTPLUS).loss(LossFunction.L2).l2(0.3).seed(seed).build();
        DataSet batch = CheckBatch.random(net, 9, seed);
        INDArray x = batch.getFeatures().mul(100);

        GradientCheckReport report = GradientCheck.of(net, x, batch.getLabels());

        assertTrue(Math.abs(report.autodiffObjective()) > 100, "the case is meant to have a large objective: "
                + report.autodiffObjective());
        assertTrue(report.passed(), report.toString());
        assertTrue(report.finiteDifferenceFloor() > GradientCheckOptions.defaults().minAbsError(), report.toString());
    }

    /** The same networks with a 10% error planted in the matmul backward: exactly the W blocks fail. */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void aPlantedMatmulBugStillFailsOnLargeFeatures(long seed) {
        MultiLayerNetwork net = CheckNetwork.builder().inputs(9).hidden(6, 33).outputs(3)
                .activation(Activations.SOFTPLUS).loss(LossFunction.L2).l2(0.3).seed(seed).build();
        DataSet batch = CheckBatch.random(net, 9, seed);
        Ops planted = Ops.ENGINE.withMatmul(GradientCheckTrustTest::wrongWeightGradient);

        GradientCheckReport report = GradientCheck.run(net, batch.getFeatures().mul(100), batch.getLabels(),
                GradientCheckOptions.defaults(), planted);

        assertEquals(List.of("0_W", "1_W", "2_W"), report.failedBlocks(), report.toString());
    }

    /**
     * Sigmoid + XENT on features ×20 through identity layers: some outputs σ(z) are within 1e-13 of 1, where DL4J's
     * ln(1 − p) loses digits and its score leaves the exact objective in the 5th digit. The objectives agree within
     * that rounding, and the report says so.
     */
    @org.junit.jupiter.api.Test
    void dl4jsXentRoundingNearSaturationIsNotAFalseObjectivesDiffer() {
        MultiLayerNetwork net = CheckNetwork.builder().inputs(6).hidden(7, 9).outputs(4)
                .activation(Activations.IDENTITY).loss(LossFunction.XENT).seed(2).build();
        DataSet batch = CheckBatch.random(net, 16, 2);

        GradientCheckReport report = GradientCheck.of(net, batch.getFeatures().mul(20), batch.getLabels());

        double diff = Math.abs(report.autodiffObjective() - report.dl4jScore());
        assertTrue(diff > 1e-9 * (Math.abs(report.autodiffObjective()) + Math.abs(report.dl4jScore())),
                "the case is meant to show DL4J's rounding: " + report);
        assertTrue(report.objectivesAgree(), report.toString());
        assertTrue(report.passed(), report.toString());
        assertTrue(report.toString().contains("agree within DL4J's XENT rounding"), report.toString());
    }

    /**
     * The same network on other rows ×20: some σ(z) round to exactly 1, so DL4J's XENT score (clipping off, as in any
     * gradient check) is infinite; refused in one line, not reported as "objectives differ".
     */
    @org.junit.jupiter.api.Test
    void anOverflowingDl4jScoreIsOneClearLine() {
        MultiLayerNetwork net = CheckNetwork.builder().inputs(6).hidden(7, 9).outputs(4)
                .activation(Activations.IDENTITY).loss(LossFunction.XENT).seed(1).build();
        DataSet batch = CheckBatch.random(net, 16, 1);

        DlkitException e = assertThrows(DlkitException.class,
                () -> GradientCheck.of(net, batch.getFeatures().mul(20), batch.getLabels()));

        assertTrue(e.getMessage().startsWith("DL4J's score on this batch is not finite (autodiff "), e.getMessage());
        assertTrue(e.getMessage().contains("standardised features"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    /** DL4J's swish backprop overflows at |z| ≈ 1e3 while its score is finite: FAILED, and the reason says so. */
    @org.junit.jupiter.api.Test
    void aNonFiniteDl4jGradientIsNamedAsSuch() {
        MultiLayerNetwork net = CheckNetwork.builder().inputs(4).hidden(6).outputs(1)
                .activation(Activations.SWISH).loss(LossFunction.MSE).seed(3).build();
        DataSet batch = CheckBatch.random(net, 5, 3);

        GradientCheckReport report = GradientCheck.of(net, batch.getFeatures().mul(1000), batch.getLabels());

        assertFalse(report.passed(), report.toString());
        assertTrue(report.failureReason().contains("DL4J's gradient is NaN or infinite in 0_W"), report.toString());
    }

    /**
     * At eps 1e-14 a central difference of an objective near 1 resolves nothing below about 0.2: the check cannot
     * fail on those entries through finite differences, and the report says how many there were.
     */
    @org.junit.jupiter.api.Test
    void entriesBelowTheRoundingFloorAreCountedAndNamed() {
        MultiLayerNetwork net = CheckNetwork.builder().inputs(3).hidden(4).outputs(2).build();
        DataSet batch = CheckBatch.random(net, 5, 1);
        GradientCheckReport tiny = GradientCheck.of(net, batch.getFeatures(), batch.getLabels(),
                GradientCheckOptions.defaults().withFiniteDifference(1e-14, 1e-3, 1e-8));
        assertTrue(tiny.belowRoundingFloor() > 0, tiny.toString());
        assertTrue(tiny.toString().contains("which central differences of this objective cannot resolve at eps 1e-14"),
                tiny.toString());
        GradientCheckReport usual = GradientCheck.of(net, batch.getFeatures(), batch.getLabels());
        assertEquals(0, usual.belowRoundingFloor(), usual.toString());
    }

    /**
     * Softmax + MCXENT with label rows that do not sum to 1: DL4J's backprop computes p − y, the gradient only for
     * rows summing to 1, so DL4J disagrees with finite differences of its own score while the engine agrees; the
     * report notes why. One-hot labels get no such note.
     */
    @org.junit.jupiter.api.Test
    void labelRowsNotSummingToOneAreNotedAsDl4jsAssumption() {
        MultiLayerNetwork net = CheckNetwork.builder().inputs(3).hidden(4).outputs(2).build();
        DataSet batch = CheckBatch.random(net, 5, 1);
        INDArray soft = batch.getLabels().mul(0.7);
        GradientCheckReport report = GradientCheck.of(net, batch.getFeatures(), soft,
                GradientCheckOptions.defaults().withFiniteDifferenceSource(FiniteDifferenceSource.DL4J_SCORE));
        assertTrue(report.notes().stream().anyMatch(n -> n.startsWith("labels row 0 sums to 0.7")), report.toString());
        assertFalse(report.passed());
        for (GradientCheckReport.Block b : report.blocks()) {
            assertTrue(b.autodiffVsFiniteDifference().passed(), "the engine agrees with DL4J's own score: " + b);
        }
        GradientCheckReport oneHot = GradientCheck.of(net, batch.getFeatures(), batch.getLabels());
        assertTrue(oneHot.notes().stream().noneMatch(n -> n.startsWith("labels row")), oneHot.toString());
    }

    /**
     * SELU layers [46, 7, 39, 53] with an L2 loss on one row of features of magnitude 1,000 (seed 145 of a sweep):
     * activations in the thousands, and the entry 2_W[6,34] = −2.8e-4 is formed by cancellation, so autodiff and
     * DL4J differ there by 1.7e-12 (relative 3e-9) from rounding alone, 26 units of u times the block's largest
     * entry. Consistent: passes; the analytic floor follows the block's scale.
     */
    @org.junit.jupiter.api.Test
    void analyticRoundingOnLargeActivationsIsNotAFalseAlarm() {
        java.util.Random r = new java.util.Random(145 * 1000L + "selu".hashCode());
        int[] hidden = new int[1 + r.nextInt(4)];
        for (int i = 0; i < hidden.length; i++) {
            hidden[i] = 1 + r.nextInt(r.nextBoolean() ? 8 : 64);
        }
        assertEquals("[46, 7, 39, 53]", java.util.Arrays.toString(hidden), "the draw replays the sweep");
        r.nextInt(7);                                     // the loss: L2
        int inputs = 1 + r.nextInt(10), outputs = 1 + r.nextInt(5);
        double l2 = r.nextBoolean() ? 0 : 0.01 + r.nextDouble();
        r.nextInt(4);                                     // no L1
        r.nextInt(3);                                     // one row
        r.nextInt(5);                                     // scale 1000
        r.nextInt(3);                                     // double
        MultiLayerNetwork net = CheckNetwork.builder().inputs(inputs).hidden(hidden).outputs(outputs)
                .activation(Activations.SELU).loss(LossFunction.L2).l2(l2).seed(145).build();
        double[][] x = new double[1][inputs], y = new double[1][outputs];
        java.util.Arrays.setAll(x[0], j -> 1000 * r.nextGaussian());
        java.util.Arrays.setAll(y[0], j -> r.nextGaussian());

        GradientCheckReport report = GradientCheck.of(net, org.nd4j.linalg.factory.Nd4j.create(x),
                org.nd4j.linalg.factory.Nd4j.create(y));

        assertTrue(report.passed(), report.toString());
        assertTrue(report.block("2_W").autodiffVsDl4j().maxAbsError() > 1e-12, "the case shows rounding above the "
                + "fixed floor: " + report.block("2_W"));
    }
}
