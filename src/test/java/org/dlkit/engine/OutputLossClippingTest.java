package org.dlkit.engine;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

import static org.dlkit.engine.GradientAgreement.maxRelative;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Confidently wrong outputs, where DL4J's losses clip probabilities (MCXENT to [1e-10, 1 − 1e-10], XENT to
 * [1e-5, 1 − 1e-5]): the engine's loss equals DL4J's score (capped, not the exact log-loss) and its gradient DL4J's
 * (for XENT the fading one), so a validation loss, and the early stopping that reads it, do not depend on the engine.
 * Scale 1 and 10 are inside the clip, 30 and 60 beyond it.
 */
class OutputLossClippingTest {

    @ParameterizedTest
    @CsvSource({"SOFTMAX, 1", "SOFTMAX, 10", "SOFTMAX, 30", "SOFTMAX, 60",
            "SIGMOID, 1", "SIGMOID, 10", "SIGMOID, 30", "SIGMOID, 60"})
    void lossAndGradientAreDl4jsAlsoWhereItClips(Activation out, double scale) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1).updater(new Sgd(0.1))
                .dataType(DataType.DOUBLE).list()
                .layer(new DenseLayer.Builder().nIn(2).nOut(2).activation(Activation.IDENTITY).build())
                .layer(new OutputLayer.Builder(out == Activation.SIGMOID ? LossFunction.XENT : LossFunction.MCXENT)
                        .nIn(2).nOut(2).activation(out).build())
                .build());
        net.init();
        // identity weights, zero biases: the output pre-activations are (scale, −scale), the label says (0, 1)
        net.setParams(Nd4j.create(new double[]{1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0}).reshape(1, 12));
        INDArray x = Nd4j.create(new double[][]{{scale, -scale}}), y = Nd4j.create(new double[][]{{0, 1}});
        net.setInput(x);
        net.setLabels(y);
        net.computeGradientAndScore();
        double[] dl4j = net.gradient().gradient().dup().data().asDouble();

        EngineNetwork engine = new EngineNetwork(Devices.cpu(), Dl4jMlp.of(net), 1);
        engine.load(x.data().asDouble(), y.data().asDouble(), 1);
        engine.forward(1, true);
        engine.backward(1);
        double loss = engine.takeLossSum();
        assertEquals(net.score(), loss, 1e-9 * net.score(), out + " at " + scale + ": loss");
        assertTrue(maxRelative(engine.flatGradient(), dl4j) <= 1e-6,
                out + " at " + scale + ": gradient " + maxRelative(engine.flatGradient(), dl4j));
        if (scale >= 30) {
            assertTrue(loss < 24, "the capped loss, not the exact " + 2 * scale);
        }
    }
}
