package org.dlkit.activation;

import org.dlkit.autodiff.Pointwise;
import org.dlkit.error.DlkitException;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationELU;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DL4J activation → catalogue entry, by exact class and with its parameters; the maths is the engine's. */
class Dl4jMappingTest {

    @Test
    void catalogueEntriesUseTheEnginesDefinitions() {
        assertSame(Pointwise.SIGMOID, Activations.SIGMOID.op());
        assertSame(Pointwise.SOFTPLUS, Activations.SOFTPLUS.op());
        assertSame(Pointwise.TANH, Activations.TANH.op());
        // softplus' is the sigmoid: one sigmoid formula serves both
        for (double x : new double[] {-30, -1.5, 0, 2.5, 40}) {
            assertEquals(Pointwise.sigmoid(x), Activations.SOFTPLUS.derivative(x), 1e-15);
        }
    }

    @Test
    void parametersComeFromTheDl4jObject() {
        ElementWise elu = (ElementWise) Activations.of(new ActivationELU(0.5), "layer 0");
        assertEquals(0.5 * Math.exp(-1), elu.derivative(-1), 1e-15);
        assertEquals(0.5 * Math.expm1(-2), elu.value(-2), 1e-15);
        ElementWise leaky = (ElementWise) Activations.of(new ActivationLReLU(0.2), "layer 0");
        assertEquals(0.2, leaky.derivative(-3));
        assertSame(Activations.SIGMOID, Activations.of(Activation.SIGMOID.getActivationFunction(), "layer 0"));
    }

    /** Every entry's DL4J activation maps back to it (PReLU at a fixed a is Leaky ReLU), and the refusal names it. */
    @Test
    void everyEntryRoundTripsThroughDl4jAndTheRefusalListsIt() {
        String refusal = assertThrows(DlkitException.class,
                () -> Activations.of(Activation.CUBE.getActivationFunction(), "layer 0")).getMessage();
        for (ActivationFunction f : Activations.all()) {
            ActivationFunction back = Activations.of(f.dl4j(), "layer 0");
            assertEquals(f == Activations.PRELU ? "leaky_relu" : f.key(), back.key(), f.toString());
            String dl4jName = f.dl4j().toString().replaceAll("\\(.*", "");
            assertTrue(refusal.contains(dl4jName), dl4jName + " in: " + refusal);
        }
    }

    @Test
    void subclassesAndUnsupportedSettingsAreRefusedInOneLine() {
        DlkitException sub = assertThrows(DlkitException.class,
                () -> Activations.of(new ActivationSigmoid() { }, "layer 1 (DenseLayer)"));
        assertTrue(sub.getMessage().startsWith("layer 1 (DenseLayer): activation ")
                && sub.getMessage().contains("a subclass of DL4J's ActivationSigmoid"), sub.getMessage());
        DlkitException capped = assertThrows(DlkitException.class,
                () -> Activations.of(new ActivationReLU(6.0, 0.0, 0.0), "layer 0"));
        assertTrue(capped.getMessage().contains("max, threshold or negative slope"), capped.getMessage());
        DlkitException slope = assertThrows(DlkitException.class,
                () -> Activations.of(new ActivationLReLU(1.5), "layer 0"));
        assertTrue(slope.getMessage().contains("slope outside [0, 1)"), slope.getMessage());
        for (DlkitException e : new DlkitException[] {sub, capped, slope}) {
            assertTrue(!e.getMessage().contains("\n"), e.getMessage());
        }
    }
}
