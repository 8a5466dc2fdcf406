package org.dlkit.supervise;

import org.dlkit.activation.ActivationFunction;
import org.dlkit.activation.Activations;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which catalogue entries' units the diagnostics count as dead or saturated, and the derivative read from y. */
class UnitKindTest {

    private static UnitKind kind(ActivationFunction f) {
        return UnitKind.of(f.dl4j());
    }

    @Test
    void everyCatalogueEntryIsMeasuredForWhatItCanSuffer() {
        Set<String> die = Set.of("relu", "relu6");
        Set<String> saturate = Set.of("sigmoid", "tanh", "softsign", "hard_sigmoid", "hard_tanh");
        for (ActivationFunction f : Activations.all()) {
            if (f.key().equals("prelu")) {
                continue;   // its DL4J activation is Leaky ReLU's, at a fixed slope
            }
            UnitKind k = kind(f);
            assertEquals(f.displayName(), k.displayName);
            assertEquals(die.contains(f.key()), k.dies(), f.key() + " dies");
            assertEquals(saturate.contains(f.key()), k.saturates(), f.key() + " saturates");
        }
    }

    @Test
    void derivativeShareReadFromTheOutput() {
        assertEquals(1.0, kind(Activations.SIGMOID).derivativeShare(0.5), 1e-12);
        assertEquals(4 * 0.99 * 0.01, kind(Activations.SIGMOID).derivativeShare(0.99), 1e-12);
        assertTrue(kind(Activations.SOFTSIGN).derivativeShare(0.8) < 0.05);
        assertTrue(kind(Activations.SOFTSIGN).derivativeShare(0.7) > 0.05);
        UnitKind hardTanh = kind(Activations.HARD_TANH);
        assertEquals(0.0, hardTanh.derivativeShare(1.0));
        assertEquals(0.0, hardTanh.derivativeShare(-1.0));
        assertEquals(1.0, hardTanh.derivativeShare(0.999));
        UnitKind hardSigmoid = kind(Activations.HARD_SIGMOID);
        assertEquals(0.0, hardSigmoid.derivativeShare(0.0));
        assertEquals(1.0, hardSigmoid.derivativeShare(0.3));
        assertEquals(1.0, kind(Activations.GELU).derivativeShare(-0.1), "not measured");
    }

    @Test
    void deadOutputsNameWhereTheUnitIsStuck() {
        assertEquals("no positive output", kind(Activations.RELU).deadOutputs());
        assertEquals("no output other than 0 or 6, where the gradient is 0,", kind(Activations.RELU6).deadOutputs());
        assertTrue(kind(Activations.RELU6).flat(6.0) && kind(Activations.RELU6).flat(0.0));
        assertFalse(kind(Activations.RELU6).flat(5.9));
    }

    @Test
    void onlyActivationsThatShrinkTheGradientGetTheUseReluAdvice() {
        assertTrue(kind(Activations.SIGMOID).shrinksGradient());
        assertTrue(kind(Activations.HARD_SIGMOID).shrinksGradient());
        assertFalse(kind(Activations.RELU6).shrinksGradient());
        assertFalse(kind(Activations.HARD_TANH).shrinksGradient());
        assertFalse(UnitKind.OTHER.shrinksGradient() || UnitKind.OTHER.dies() || UnitKind.OTHER.saturates());
    }
}
