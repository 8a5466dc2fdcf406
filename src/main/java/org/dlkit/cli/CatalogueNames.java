package org.dlkit.cli;

import java.util.Arrays;
import java.util.Iterator;
import org.dlkit.activation.ActivationRule;
import org.dlkit.activation.Activations;
import org.dlkit.init.WeightInitStrategy;

/**
 * The names the activation catalogue and the weight-init strategies take, for picocli's
 * {@code ${COMPLETION-CANDIDATES}} in option descriptions, so that {@code --help} lists what the library accepts
 * rather than a copy that falls behind it.
 */
final class CatalogueNames {

    private CatalogueNames() {
    }

    /** Every catalogue key a hidden layer takes (all but prelu). */
    static final class HiddenActivations implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return ActivationRule.hiddenActivationNames().iterator();
        }
    }

    /** Every catalogue key. */
    static final class AllActivations implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Activations.keys().iterator();
        }
    }

    /** Every weight-init strategy's own name (each also has aliases such as he_normal or glorot_uniform). */
    static final class WeightInits implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(WeightInitStrategy.values()).map(WeightInitStrategy::toString).iterator();
        }
    }
}
