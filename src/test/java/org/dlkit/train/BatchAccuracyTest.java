package org.dlkit.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dlkit.activation.ActivationRule;
import org.dlkit.network.NetworkSpec;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

class BatchAccuracyTest {

    /** The accuracy taken from the training pass equals predicting each batch with the parameters before its step. */
    @Test
    void equalsEachBatchPredictedBeforeItsUpdate() {
        MultiLayerNetwork net = new MultiLayerNetwork(NetworkSpec.of(6, new int[] {16}, 3,
                ActivationRule.ruleOfThumb(), null, new Sgd(0.5), 0, 3, DataType.FLOAT).toConfiguration());
        net.init();
        assertTrue(BatchAccuracy.applies(net));
        BatchAccuracy accuracy = new BatchAccuracy();
        net.setListeners(accuracy);
        Nd4j.getRandom().setSeed(5);
        INDArray x = Nd4j.randn(DataType.FLOAT, 90, 6);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 90, 3);
        for (int row = 0; row < 90; row++) {
            y.putScalar(row, x.getDouble(row, 0) > 0 ? 0 : x.getDouble(row, 1) > 0 ? 1 : 2, 1f);
        }
        List<DataSet> batches = new DataSet(x, y).batchBy(20);
        long correct = 0;
        for (int epoch = 0; epoch < 3; epoch++) {
            accuracy.reset();
            correct = 0;
            for (DataSet batch : batches) {
                correct += net.output(batch.getFeatures(), false).argMax(1).eq(batch.getLabels().argMax(1))
                        .castTo(DataType.INT).sumNumber().longValue();
                net.fit(batch);
            }
            assertEquals(correct / 90.0, accuracy.accuracy(), 1e-12, "epoch " + epoch);
        }
        assertTrue(correct > 30, "the network learned something: " + correct + " of 90");
    }

    @Test
    void noStepNoAccuracy() {
        assertTrue(Double.isNaN(new BatchAccuracy().accuracy()));
    }
}
