package org.dlkit.activation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.commons.math3.special.Erf;
import org.dlkit.error.DlkitException;
import org.dlkit.init.WeightInitStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationGELU;
import org.nd4j.linalg.activations.impl.ActivationRReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The names a Keras or PyTorch user types: those DL4J M2.1 computes are catalogue entries (the forward, derivative,
 * range and flag checks of {@link ActivationsTest} run over them too), the others are refused with their reason, and
 * where DL4J's function differs from Keras' of the same name the difference is measured and warned about.
 */
class KerasNamesTest {

    @ParameterizedTest
    @CsvSource({"gelu, gelu", "GELU, gelu", "mish, mish", "hard_sigmoid, hard_sigmoid", "hardsigmoid, hard_sigmoid",
            "Hardsigmoid, hard_sigmoid", "hard_tanh, hard_tanh", "Hardtanh, hard_tanh", "relu6, relu6",
            "ReLU6, relu6"})
    void kerasAndPyTorchNamesFindTheirEntry(String typed, String key) {
        assertEquals(key, Activations.get(typed).key());
        assertSame(Activations.get(key), ActivationRule.get(typed).hidden(0, 1).activation());
    }

    @Test
    void dl4jClassesMapToTheNewEntries() {
        assertSame(Activations.GELU, Activations.of(Activation.GELU.getActivationFunction(), "layer 0"));
        assertSame(Activations.MISH, Activations.of(Activation.MISH.getActivationFunction(), "layer 0"));
        assertSame(Activations.HARD_SIGMOID, Activations.of(Activation.HARDSIGMOID.getActivationFunction(), "layer 0"));
        assertSame(Activations.HARD_TANH, Activations.of(Activation.HARDTANH.getActivationFunction(), "layer 0"));
        assertSame(Activations.RELU6, Activations.of(Activation.RELU6.getActivationFunction(), "layer 0"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"rrelu", "RReLU", "exponential", "hard_silu", "hard_swish", "log_softmax"})
    void namesDl4jCannotServeAreRefusedWithTheirReason(String typed) {
        DlkitException e = assertThrows(DlkitException.class, () -> Activations.get(typed));
        assertTrue(e.getMessage().startsWith("activation '" + typed + "' is refused: "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        // the policy lookup (--activation, .activation(String)) keeps the reason instead of "unknown activation rule"
        DlkitException rule = assertThrows(DlkitException.class, () -> ActivationRule.get(typed));
        assertEquals(e.getMessage(), rule.getMessage());
    }

    /**
     * DL4J M2.1's RReLU at inference gives the constant (l + u)/2 for every negative input instead of x·(l + u)/2,
     * and its training pass draws a new slope per call: the two reasons it is refused.
     */
    @Test
    void rreluIsRefusedBecauseDl4jsIsRandomAndWrongAtInference() {
        ActivationRReLU rrelu = new ActivationRReLU();
        INDArray x = Nd4j.create(new double[] {-3, -0.5}, new long[] {1, 2}, DataType.DOUBLE);
        INDArray test = rrelu.getActivation(x.dup(), false);
        assertEquals(test.getDouble(0, 0), test.getDouble(0, 1), 1e-12, "the same output for −3 and −0.5");
        assertEquals((rrelu.getL() + rrelu.getU()) / 2, test.getDouble(0, 0), 1e-6);
        Nd4j.getRandom().setSeed(1);
        INDArray first = rrelu.getActivation(x.dup(), true);
        INDArray second = rrelu.getActivation(x.dup(), true);
        assertFalse(first.equals(second), "a new random slope per training pass");

        DlkitException e = assertThrows(DlkitException.class, () -> Activations.of(rrelu, "layer 1 (DenseLayer)"));
        assertTrue(e.getMessage().startsWith("layer 1 (DenseLayer): activation ") && e.getMessage().contains("RReLU"),
                e.getMessage());
    }

    /** DL4J's "precise" GELU is neither x·Φ(x) nor its tanh form, and its backprop is not its forward's slope. */
    @Test
    void preciseGeluIsRefusedBecauseItComputesNeitherFormNorItsOwnSlope() {
        IActivation precise = new ActivationGELU(true);
        double[] grid = ActivationsTest.symmetricGrid(6, 601);
        INDArray x = Nd4j.create(grid, new long[] {1, grid.length}, DataType.DOUBLE);
        INDArray y = precise.getActivation(x.dup(), false);
        INDArray slope = precise.backprop(x.dup(), Nd4j.ones(DataType.DOUBLE, 1, grid.length)).getFirst();
        double h = 1e-6;
        INDArray up = precise.getActivation(x.add(h), false);
        INDArray down = precise.getActivation(x.sub(h), false);
        double offExact = 0, offTanh = 0, offSlope = 0;
        for (int i = 0; i < grid.length; i++) {
            offExact = Math.max(offExact, Math.abs(y.getDouble(0, i) - exactGelu(grid[i])));
            offTanh = Math.max(offTanh, Math.abs(y.getDouble(0, i) - tanhGelu(grid[i])));
            double numeric = (up.getDouble(0, i) - down.getDouble(0, i)) / (2 * h);
            offSlope = Math.max(offSlope, ActivationsTest.relError(numeric, slope.getDouble(0, i)));
        }
        assertTrue(offExact > 0.03 && offTanh > 0.03, "precise GELU off x·Φ(x) by " + offExact + ", off tanh form by "
                + offTanh);
        assertTrue(offSlope > 1e-5, "precise GELU backprop vs its own slope: " + offSlope);
        DlkitException e = assertThrows(DlkitException.class, () -> Activations.of(precise, "layer 0"));
        assertTrue(e.getMessage().contains("precise GELU"), e.getMessage());
    }

    /**
     * DL4J's GELU is x·σ(1.702x): within 0.021 of Keras' exact x·Φ(x) (0.030 in slope), but not equal to it; the rule
     * warns.
     */
    @Test
    void geluIsTheSigmoidApproximationAndTheRuleWarnsAKerasUser() {
        double worst = 0, worstSlope = 0;
        for (double x : ActivationsTest.symmetricGrid(8, 16_001)) {
            worst = Math.max(worst, Math.abs(Activations.GELU.value(x) - exactGelu(x)));
            // (x·Φ(x))' = Φ(x) + x·φ(x)
            double exactSlope = 0.5 * (1 + Erf.erf(x / Math.sqrt(2))) + x * Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI);
            worstSlope = Math.max(worstSlope, Math.abs(Activations.GELU.derivative(x) - exactSlope));
            assertEquals(x / (1 + Math.exp(-1.702 * x)), Activations.GELU.value(x), 1e-7);
        }
        assertTrue(worst > 0.019 && worst < 0.021, "max |GELU − x·Φ(x)| = " + worst);
        assertTrue(worstSlope > 0.028 && worstSlope < 0.030, "max |GELU' − (x·Φ(x))'| = " + worstSlope);
        List<String> warnings = ActivationRule.get("gelu").warnings(2);
        assertTrue(warnings.stream().anyMatch(w -> w.contains("x·σ(1.702x)") && w.contains("Keras")), warnings.toString());
    }

    /** DL4J's hard sigmoid has slope 0.2 (Keras 2); Keras 3 and PyTorch use 1/6: 1.0 against 0.917 at x = 2.5. */
    @Test
    void hardSigmoidHasKeras2sSlopeAndTheRuleWarns() {
        assertEquals(1.0, Activations.HARD_SIGMOID.value(2.5), 1e-7);
        assertEquals(0.5, Activations.HARD_SIGMOID.value(0), 0);
        assertEquals(0.2, Activations.HARD_SIGMOID.derivative(1), 1e-8);
        assertEquals(0.0, Activations.HARD_SIGMOID.derivative(2.6));
        double keras3 = Math.max(0, Math.min(1, 2.5 / 6 + 0.5));
        assertEquals(0.0833, Activations.HARD_SIGMOID.value(2.5) - keras3, 1e-4);
        assertTrue(ActivationRule.get("hard_sigmoid").warnings(1).stream().anyMatch(w -> w.contains("x/6")));
        assertTrue(ActivationRule.get("hard_tanh").warnings(1).isEmpty(), "hard tanh is the same everywhere");
    }

    /** ReLU6 is ReLU capped at 6; hard tanh is tanh's piecewise-linear stand-in: both pass no gradient when clipped. */
    @Test
    void clippedFunctionsPassNoGradientWhereTheyClip() {
        assertEquals(6.0, Activations.RELU6.value(100));
        assertEquals(0.0, Activations.RELU6.derivative(7));
        assertEquals(1.0, Activations.RELU6.derivative(3));
        assertEquals(0.0, Activations.RELU6.derivative(-1));
        assertEquals(-1.0, Activations.HARD_TANH.value(-5));
        assertEquals(0.0, Activations.HARD_TANH.derivative(1.5));
        assertEquals(1.0, Activations.HARD_TANH.derivative(0.3));
    }

    /** He for the functions that are (nearly) zero for x &lt; 0, Xavier for the sigmoid-shaped ones. */
    @Test
    void initFollowsTheShapeOfTheNewFunctions() {
        for (ActivationFunction f : List.of(Activations.GELU, Activations.MISH, Activations.RELU6)) {
            assertEquals(WeightInitStrategy.HE, WeightInitStrategy.forActivation(f).strategy(), f.toString());
        }
        for (ActivationFunction f : List.of(Activations.HARD_SIGMOID, Activations.HARD_TANH)) {
            assertEquals(WeightInitStrategy.XAVIER, WeightInitStrategy.forActivation(f).strategy(), f.toString());
        }
    }

    /** x·Φ(x), Keras' gelu (approximate=False) and PyTorch's nn.GELU(). */
    static double exactGelu(double x) {
        return 0.5 * x * (1 + Erf.erf(x / Math.sqrt(2)));
    }

    /** Keras' gelu(approximate=True), PyTorch's nn.GELU(approximate="tanh"). */
    static double tanhGelu(double x) {
        return 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));
    }
}
