package org.dlkit.gradcheck;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The three-way check over every combination of hidden activation × output/loss × weight init × depth ×
 * mini-batch size × L2: 8 × 3 × 2 × 3 × 2 × 2 = 576 networks, all green.
 *
 * <p>ReLU-family cases stay away from the kink at 0: {@link CheckBatch#random} redraws the batch until every
 * pre-activation of a ReLU, Leaky ReLU or ELU layer has |z| ≥ {@value CheckBatch#KINK_MARGIN}, a hundred times
 * what a finite-difference step of 1e-6 can move it. The networks are small (3 inputs, hidden widths 5, 4, 6,
 * 3 outputs) so the whole suite stays within seconds; every parameter gets a finite difference.
 */
class GradientCheckSuiteTest {

    private static final Activation[] HIDDEN = {Activation.SIGMOID, Activation.TANH, Activation.RELU,
            Activation.LEAKYRELU, Activation.ELU, Activation.SOFTPLUS, Activation.SOFTSIGN, Activation.IDENTITY};
    private static final LossFunction[] LOSSES = {LossFunction.MCXENT, LossFunction.XENT, LossFunction.MSE};
    private static final WeightInit[] INITS = {WeightInit.XAVIER, WeightInit.RELU};
    private static final int[] WIDTHS = {5, 4, 6};

    static Stream<Arguments> networks() {
        List<Arguments> cases = new ArrayList<>();
        for (Activation a : HIDDEN) {
            for (LossFunction loss : LOSSES) {
                for (WeightInit init : INITS) {
                    for (int depth = 1; depth <= 3; depth++) {
                        for (int minibatch : new int[] {1, 5}) {
                            for (double l2 : new double[] {0, 0.05}) {
                                cases.add(Arguments.of(a, loss, init, depth, minibatch, l2, 1000L + cases.size()));
                            }
                        }
                    }
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2} hidden={3} batch={4} l2={5}")
    @MethodSource("networks")
    void autodiffDl4jAndFiniteDifferencesAgree(Activation activation, LossFunction loss, WeightInit init, int depth,
                                               int minibatch, double l2, long seed) {
        MultiLayerNetwork net = CheckNetwork.builder().inputs(3).hidden(Arrays.copyOf(WIDTHS, depth)).outputs(3)
                .activation(activation).loss(loss).weightInit(init).l2(l2).seed(seed).build();
        DataSet batch = CheckBatch.random(net, minibatch, seed);

        GradientCheckReport report = GradientAssertions.assertGradientsMatch(net, batch.getFeatures(),
                batch.getLabels());

        int params = (int) net.numParams();
        assertEquals(params, report.blocks().stream().mapToInt(GradientCheckReport.Block::finiteDifferences).sum(),
                "every parameter of a small network gets a finite difference");
        assertEquals(2 * (depth + 1), report.blocks().size());
        for (GradientCheckReport.Block b : report.blocks()) {
            assertTrue(b.autodiffVsDl4j().maxRelError() <= 1e-9, b.toString());
        }
    }
}
