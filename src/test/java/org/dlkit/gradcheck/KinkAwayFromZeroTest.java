package org.dlkit.gradcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dlkit.activation.Activations;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * The clipped activations have kinks away from 0 (hard sigmoid at ±2.5, hard tanh at ±1, ReLU6 at 0 and 6): a user's
 * batch whose pre-activation sits on one is a consistent network, so the check must not FAIL it; the finite
 * difference that straddles the kink is reported "at a kink" and left out, and random batches keep away from them.
 */
class KinkAwayFromZeroTest {

    @ParameterizedTest(name = "{0} at {1}")
    @CsvSource({"hard_sigmoid, 2.5", "hard_sigmoid, -2.5", "hard_tanh, 1", "hard_tanh, -1", "relu6, 6"})
    void aPreActivationOnAKinkIsReportedNotFailed(String activation, double kink) {
        MultiLayerNetwork net = CheckNetwork.builder().inputs(1).hidden(3).outputs(2)
                .activation(Activations.get(activation)).loss(LossFunction.MCXENT).seed(3).build();
        // one row whose input puts unit 0 of layer 0 on the kink: z = x·W[0,0] + b[0] = kink
        double w = net.getParam("0_W").getDouble(0, 0), b = net.getParam("0_b").getDouble(0);
        INDArray x = Nd4j.create(new double[][] {{(kink - b) / w}});
        INDArray y = Nd4j.create(new double[][] {{1, 0}});
        assertEquals(kink, x.getDouble(0, 0) * w + b, 1e-12);

        GradientCheckReport report = GradientCheck.of(net, x, y);

        assertTrue(report.passed(), report.toString());
        assertTrue(report.kinkDistance() < 1e-9, "distance to the kink " + report.kinkDistance());
        assertFalse(report.kinkEntries().isEmpty(), "the straddling finite difference is listed: " + report);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"hard_sigmoid", "hard_tanh", "relu6"})
    void randomBatchesKeepAwayFromEveryKink(String activation) {
        MultiLayerNetwork net = CheckNetwork.builder().inputs(3).hidden(8, 8).outputs(3)
                .activation(Activations.get(activation)).loss(LossFunction.MCXENT).seed(5).build();
        DataSet batch = CheckBatch.random(net, 16, 5);
        GradientCheckReport report = GradientCheck.of(net, batch.getFeatures(), batch.getLabels());
        assertTrue(report.passed(), report.toString());
        assertTrue(report.kinkDistance() >= CheckBatch.KINK_MARGIN, "closest kink " + report.kinkDistance());
        assertEquals(DataType.DOUBLE, batch.getFeatures().dataType());
    }
}
