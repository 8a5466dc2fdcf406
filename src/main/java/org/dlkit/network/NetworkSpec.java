package org.dlkit.network;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

import java.util.Arrays;

/**
 * "Define the network" (course card 32): a stack of fully connected layers y = f(Wx + b) ending in an output layer, with
 * every choice DL4J would otherwise default spelled out: activation (DL4J: sigmoid), weight init (DL4J: Xavier),
 * updater (DL4J: SGD) and seed (DL4J: the clock).
 *
 * @param inputs           features per example
 * @param hidden           units per hidden layer
 * @param hiddenActivation activation of every hidden layer
 * @param hiddenInit       weight init of every hidden layer
 * @param outputs          output units (classes)
 * @param outputActivation activation of the output layer
 * @param outputInit       weight init of the output layer
 * @param loss             the loss the output layer minimises
 * @param updater          the optimiser
 * @param l2               L2 regularisation coefficient, 0 for none
 * @param seed             fixes initialisation (and everything else seeded from it)
 * @param dataType         parameter and activation precision
 */
public record NetworkSpec(int inputs, int[] hidden, Activation hiddenActivation, WeightInit hiddenInit,
                          int outputs, Activation outputActivation, WeightInit outputInit, LossFunction loss,
                          IUpdater updater, double l2, long seed, DataType dataType) {

    /** The DL4J configuration this spec describes. */
    public MultiLayerConfiguration toConfiguration() {
        NeuralNetConfiguration.Builder global = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(dataType)
                .updater(updater)
                .activation(hiddenActivation)
                .weightInit(hiddenInit);
        if (l2 > 0) {
            global.l2(l2);
        }
        NeuralNetConfiguration.ListBuilder layers = global.list();
        int in = inputs;
        for (int units : hidden) {
            layers.layer(new DenseLayer.Builder().nIn(in).nOut(units)
                    .activation(hiddenActivation).weightInit(hiddenInit).build());
            in = units;
        }
        layers.layer(new OutputLayer.Builder(loss).nIn(in).nOut(outputs)
                .activation(outputActivation).weightInit(outputInit).build());
        return layers.build();
    }

    @Override
    public String toString() {
        return inputs + "-" + Arrays.toString(hidden) + "-" + outputs + " " + hiddenActivation + "/" + outputActivation;
    }
}
