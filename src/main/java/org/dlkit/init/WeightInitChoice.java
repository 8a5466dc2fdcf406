package org.dlkit.init;

import org.deeplearning4j.nn.weights.IWeightInit;

/**
 * A layer's weight initialisation and the rule that chose it.
 *
 * @param strategy the strategy
 * @param reason   the rule, quoted, e.g. "He for the ReLU family: ... (ReLU)"
 */
public record WeightInitChoice(WeightInitStrategy strategy, String reason) {

    /** The DL4J weight init for a layer builder's {@code .weightInit(...)}. */
    public IWeightInit dl4j() {
        return strategy.dl4j();
    }

    /** e.g. "init: he, W ~ N(0, 2 / n_in) — He for the ReLU family: ...". */
    @Override
    public String toString() {
        return "init: " + strategy + ", " + strategy.formula() + " — " + reason;
    }
}
