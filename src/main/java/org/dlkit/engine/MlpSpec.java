package org.dlkit.engine;

import java.util.List;

/**
 * A multi-layer perceptron as the engine trains it: dense layers y = f(X·W + b) (card 24), the last one the output
 * layer with its {@link OutputLoss}. Weights are row-major [nIn × nOut] (row i: the weights leaving input i).
 *
 * @param layers    first hidden layer to the output layer
 * @param loss      the output layer's activation and loss
 * @param l2        λ₂: the objective adds ½λ₂‖W‖² for every weight matrix (not the biases), as DL4J's l2
 * @param optimizer the update rule
 */
public record MlpSpec(List<Layer> layers, OutputLoss loss, double l2, Optimizer optimizer) {

    /**
     * One dense layer with its initial parameters.
     *
     * @param nIn        inputs
     * @param nOut       units
     * @param f          activation (for the output layer: the f of MSE; ignored for softmax and sigmoid outputs)
     * @param alpha      slope of Leaky ReLU, α of ELU
     * @param weights    initial W, row-major [nIn × nOut]
     * @param bias       initial b [nOut]
     */
    public record Layer(int nIn, int nOut, Nonlinearity f, double alpha, double[] weights, double[] bias) {
        public Layer {
            if (weights.length != nIn * nOut || bias.length != nOut) {
                throw new IllegalArgumentException("layer " + nIn + "x" + nOut + " got " + weights.length
                        + " weights and " + bias.length + " biases");
            }
        }
    }

    public MlpSpec {
        layers = List.copyOf(layers);
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("an MLP needs at least its output layer");
        }
        for (int i = 1; i < layers.size(); i++) {
            if (layers.get(i).nIn() != layers.get(i - 1).nOut()) {
                throw new IllegalArgumentException("layer " + i + " takes " + layers.get(i).nIn() + " inputs but layer "
                        + (i - 1) + " has " + layers.get(i - 1).nOut() + " units");
            }
        }
    }

    public int inputs() {
        return layers.get(0).nIn();
    }

    public int outputs() {
        return layers.get(layers.size() - 1).nOut();
    }

    /** "784-512-256-10". */
    public String shape() {
        StringBuilder s = new StringBuilder().append(inputs());
        layers.forEach(l -> s.append('-').append(l.nOut()));
        return s.toString();
    }
}
