package org.dlkit.engine;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The engine's parameters reach DL4J's layout (W column-major, then b, per layer) and come back unchanged. */
class Dl4jStateTest {

    /** Layer sizes that are not multiples of the transposition's tile, and wider than tall and the other way. */
    private static MultiLayerNetwork network(DataType type) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3).dataType(type)
                .updater(new Adam(1e-3)).list()
                .layer(new DenseLayer.Builder().nIn(37).nOut(70).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nIn(70).nOut(33).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(33).nOut(4)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        return net;
    }

    @Test
    void parametersWrittenIntoDl4jAreTheEnginesAndLoadBackUnchanged() {
        for (DataType type : List.of(DataType.FLOAT, DataType.DOUBLE)) {
            MultiLayerNetwork net = network(type);
            try (Device device = Devices.cpuFloat(1)) {
                EngineNetwork engine = new EngineNetwork(device, Dl4jMlp.of(net), 8);
                Random random = new Random(5);
                for (int i = 0; i < engine.layers(); i++) {
                    MlpSpec.Layer l = engine.spec().layers().get(i);
                    double[] w = random.doubles(l.nIn() * l.nOut(), -1, 1).map(x -> (float) x).toArray();
                    double[] b = random.doubles(l.nOut(), -1, 1).map(x -> (float) x).toArray();
                    engine.setParameters(i, w, b);
                }
                Dl4jState.storeParameters(engine, net);
                for (int i = 0; i < engine.layers(); i++) {
                    MlpSpec.Layer l = engine.spec().layers().get(i);
                    INDArray w = net.getLayer(i).getParam("W");
                    double[] expected = engine.weights(i);
                    for (int r = 0; r < l.nIn(); r++) {
                        for (int c = 0; c < l.nOut(); c++) {
                            assertEquals(expected[r * l.nOut() + c], w.getDouble(r, c), 0, type + " layer " + i);
                        }
                    }
                    assertArrayEquals(engine.bias(i), net.getLayer(i).getParam("b").toDoubleVector(), 0);
                }
                EngineNetwork back = new EngineNetwork(device, Dl4jMlp.of(net), 8);
                Dl4jState.load(net, back);
                for (int i = 0; i < engine.layers(); i++) {
                    assertArrayEquals(engine.weights(i), back.weights(i), 0, type + " layer " + i);
                    assertArrayEquals(engine.bias(i), back.bias(i), 0);
                }
            }
        }
    }
}
