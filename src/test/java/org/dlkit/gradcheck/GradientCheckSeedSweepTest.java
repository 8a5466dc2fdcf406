package org.dlkit.gradcheck;

import org.dlkit.activation.ActivationFunction;
import org.dlkit.activation.Activations;
import org.dlkit.error.DlkitException;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The check as a user runs it, on networks and batches drawn from 50 seeds: every element-wise catalogue activation
 * (ReLU family included, on the user's own rows, so pre-activations may sit near a kink), 1–4 hidden layers of 1–64
 * units, every supported loss, L2 on or off, L1 sometimes, float or double networks, features of scale 1 to 100,
 * mini-batches of 1 to 16 rows. A consistent network never FAILs: it passes, or, where a forward pass overflows in
 * double precision, is refused in one line; the only FAIL allowed is DL4J's own backprop returning NaN. Every fifth
 * seed also plants a 10% error in the matmul backward, which must fail, on weight blocks only.
 */
class GradientCheckSeedSweepTest {

    private static final List<ActivationFunction> ACTIVATIONS = Activations.all().stream()
            .filter(ActivationFunction::elementWise).toList();
    private static final LossFunction[] LOSSES = {LossFunction.MCXENT, LossFunction.XENT, LossFunction.MSE,
            LossFunction.L2, LossFunction.L1, LossFunction.MEAN_ABSOLUTE_ERROR, LossFunction.NEGATIVELOGLIKELIHOOD};
    private static final double[] SCALES = {1, 1, 3, 10, 100};
    private static final GradientCheckOptions OPTIONS = GradientCheckOptions.defaults().withFiniteDifferenceLimit(300);

    static LongStream seeds() {
        return LongStream.range(0, 50);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aConsistentNetworkNeverFails(long seed) {
        Random r = new Random(seed);
        ActivationFunction activation = ACTIVATIONS.get((int) (seed % ACTIVATIONS.size()));
        int[] hidden = new int[1 + r.nextInt(4)];
        Arrays.setAll(hidden, i -> 1 + r.nextInt(r.nextBoolean() ? 8 : 64));
        LossFunction loss = LOSSES[r.nextInt(LOSSES.length)];
        boolean classes = loss == LossFunction.MCXENT || loss == LossFunction.NEGATIVELOGLIKELIHOOD;
        int inputs = 1 + r.nextInt(10), outputs = (classes ? 2 : 1) + r.nextInt(4);
        int rows = r.nextInt(3) == 0 ? 1 : 1 + r.nextInt(16);
        double scale = SCALES[r.nextInt(SCALES.length)];
        MultiLayerNetwork net = CheckNetwork.builder().inputs(inputs).hidden(hidden).outputs(outputs)
                .activation(activation).loss(loss).l2(r.nextBoolean() ? 0 : r.nextDouble())
                .l1(r.nextInt(4) == 0 ? 0.01 : 0).seed(seed).build();
        boolean single = r.nextInt(3) == 0;
        if (single) {
            net = net.convertDataType(DataType.FLOAT);
        }
        INDArray x = Nd4j.create(features(r, rows, inputs, scale)), y = Nd4j.create(labels(r, rows, outputs, loss));
        String what = activation.key() + " " + Arrays.toString(hidden) + " " + loss + " rows " + rows + " scale "
                + scale + (single ? " float" : "");

        GradientCheckReport report;
        try {
            report = GradientCheck.of(net, single ? x.castTo(DataType.FLOAT) : x, single ? y.castTo(DataType.FLOAT) : y,
                    OPTIONS);
        } catch (DlkitException refused) {
            assertTrue(refused.getMessage().contains("on this batch is not finite"), what + ": " + refused.getMessage());
            assertFalse(refused.getMessage().contains("\n"), refused.getMessage());
            return;
        }
        assertTrue(report.passed() || report.failureReason().contains("DL4J's gradient is NaN or infinite"),
                what + "\n" + report);

        if (seed % 5 == 0 && report.passed()) {
            GradientCheckReport planted = GradientCheck.run(net, x, y, OPTIONS,
                    Ops.of(OPTIONS).withMatmul(GradientCheckTrustTest::wrongWeightGradient));
            assertFalse(planted.passed(), what + ": the planted matmul bug passed\n" + planted);
            assertTrue(planted.failedBlocks().stream().allMatch(k -> k.endsWith("_W")), what + "\n" + planted);
        }
    }

    private static double[][] features(Random r, int rows, int cols, double scale) {
        double[][] m = new double[rows][cols];
        for (double[] row : m) {
            Arrays.setAll(row, j -> scale * r.nextGaussian());
        }
        return m;
    }

    private static double[][] labels(Random r, int rows, int cols, LossFunction loss) {
        double[][] m = new double[rows][cols];
        for (double[] row : m) {
            switch (loss) {
                case MCXENT, NEGATIVELOGLIKELIHOOD -> row[r.nextInt(cols)] = 1;
                case XENT -> Arrays.setAll(row, j -> r.nextInt(2));
                default -> Arrays.setAll(row, j -> r.nextGaussian());
            }
        }
        return m;
    }
}
