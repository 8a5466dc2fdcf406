package org.dlkit.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dlkit.activation.ActivationRule;
import org.dlkit.network.NetworkSpec;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

class ValidationPassTest {

    /** The one-pass validation gives what {@code net.score(data, false)} and a prediction pass give, before and after training. */
    @Test
    void equalsScoreAndPredictionPasses() {
        for (int[] hidden : new int[][] {{16}, {12, 8}, {}}) {
            MultiLayerNetwork net = new MultiLayerNetwork(NetworkSpec.of(6, hidden, 3,
                    ActivationRule.ruleOfThumb(), null, new Sgd(0.5), 0, 3, DataType.FLOAT).toConfiguration());
            net.init();
            Nd4j.getRandom().setSeed(7);
            INDArray x = Nd4j.randn(DataType.FLOAT, 70, 6);
            INDArray y = Nd4j.zeros(DataType.FLOAT, 70, 3);
            for (int row = 0; row < 70; row++) {
                y.putScalar(row, x.getDouble(row, 0) > 0 ? 0 : x.getDouble(row, 1) > 0 ? 1 : 2, 1f);
            }
            DataSet data = new DataSet(x, y);
            for (int epoch = 0; epoch < 3; epoch++) {
                double[] measured = Trainer.validation(net, data);
                assertEquals(net.score(data, false), measured[0], 1e-6 * Math.abs(measured[0]),
                        "loss, hidden " + hidden.length + ", epoch " + epoch);
                assertEquals(Trainer.accuracy(net, data), measured[1], 1e-12,
                        "accuracy, hidden " + hidden.length + ", epoch " + epoch);
                net.fit(data);
            }
            assertTrue(Trainer.validation(net, data)[1] > 0.5, "the network learned something");
        }
    }

    @Test
    void noRowsNoMeasures() {
        MultiLayerNetwork net = new MultiLayerNetwork(NetworkSpec.of(6, new int[] {4}, 3,
                ActivationRule.ruleOfThumb(), null, new Sgd(0.5), 0, 3, DataType.FLOAT).toConfiguration());
        net.init();
        double[] measured = Trainer.validation(net, null);
        assertTrue(Double.isNaN(measured[0]) && Double.isNaN(measured[1]));
    }
}
