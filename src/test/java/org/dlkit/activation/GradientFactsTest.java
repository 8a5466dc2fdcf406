package org.dlkit.activation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Where each catalogue entry's derivative is 0 or below 1 (flat outputs, dying units, gradient passed undiminished),
 * as read from its definition, for every entry; and the deep-stack warning that follows from it.
 */
class GradientFactsTest {

    private record Facts(double[] flat, boolean dies, boolean passes) {
    }

    private static final Map<String, Facts> EXPECTED = Map.ofEntries(
            Map.entry("sigmoid", new Facts(new double[0], false, false)),
            Map.entry("tanh", new Facts(new double[0], false, false)),
            Map.entry("relu", new Facts(new double[] {0}, true, true)),
            Map.entry("leaky_relu", new Facts(new double[0], false, true)),
            Map.entry("prelu", new Facts(new double[0], false, true)),
            Map.entry("elu", new Facts(new double[0], false, true)),
            Map.entry("softmax", new Facts(new double[0], false, false)),
            Map.entry("identity", new Facts(new double[0], false, true)),
            Map.entry("softplus", new Facts(new double[0], false, false)),
            Map.entry("softsign", new Facts(new double[0], false, false)),
            Map.entry("selu", new Facts(new double[0], false, true)),
            Map.entry("swish", new Facts(new double[0], false, true)),
            Map.entry("gelu", new Facts(new double[0], false, true)),
            Map.entry("mish", new Facts(new double[0], false, true)),
            Map.entry("hard_sigmoid", new Facts(new double[] {0, 1}, false, false)),
            Map.entry("hard_tanh", new Facts(new double[] {-1, 1}, false, true)),
            Map.entry("relu6", new Facts(new double[] {0, 6}, true, true)));

    static List<ActivationFunction> functions() {
        return Activations.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void factsOfEveryEntry(ActivationFunction f) {
        Facts expected = EXPECTED.get(f.key());
        assertTrue(expected != null, "no expected facts for " + f.key());
        assertArrayEquals(expected.flat(), f.flatOutputs(), f.key() + " flat outputs " + Arrays.toString(f.flatOutputs()));
        assertEquals(expected.dies(), f.canDie(), f.key() + " can die");
        assertEquals(expected.passes(), f.passesGradient(), f.key() + " passes the gradient");
    }

    /**
     * The facts hold on the function itself: f' = 0 wherever f gives a flat output, on a grid over [−20, 20], but
     * at the kinks, where DL4J's derivative is the hard functions' slope.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void derivativeIsZeroAtEveryFlatOutput(ActivationFunction f) {
        if (!(f instanceof ElementWise e)) {
            return;
        }
        int flatSeen = 0;
        for (int i = -2000; i <= 2000; i++) {
            double x = i / 100.0;
            double y = e.value(x);
            boolean kink = Arrays.stream(e.op().kinks()).anyMatch(k -> k == x);
            if (!kink && Arrays.stream(f.flatOutputs()).anyMatch(v -> v == y)) {
                flatSeen++;
                assertEquals(0.0, e.derivative(x), f.key() + "'(" + x + ") at flat output " + y);
            }
        }
        assertEquals(f.flatOutputs().length > 0, flatSeen > 0, f.key());
    }

    @Test
    void leakyReluWithSlopeZeroIsReluAndDies() {
        assertTrue(Activations.leakyRelu(0).canDie());
        assertFalse(Activations.leakyRelu(0.2).canDie());
        assertArrayEquals(new double[] {0}, Activations.leakyRelu(0).flatOutputs());
    }

    /** ReLU6 and hard tanh pass the gradient as ReLU does: no deep-stack warning; sigmoid-like functions get one. */
    @Test
    void deepStackWarningOnlyForFunctionsThatShrinkTheGradient() {
        for (ActivationFunction f : List.of(Activations.RELU6, Activations.HARD_TANH, Activations.RELU,
                Activations.GELU)) {
            List<String> w = ActivationRule.explicit(f).warnings(ActivationRule.DEEP + 2);
            assertFalse(w.stream().anyMatch(s -> s.contains("deep stack")), f.key() + ": " + w);
        }
        for (ActivationFunction f : List.of(Activations.SIGMOID, Activations.TANH, Activations.SOFTSIGN,
                Activations.HARD_SIGMOID)) {
            List<String> w = ActivationRule.explicit(f).warnings(ActivationRule.DEEP);
            assertTrue(w.stream().anyMatch(s -> s.contains("deep stack")), f.key() + ": " + w);
            assertTrue(ActivationRule.explicit(f).warnings(ActivationRule.DEEP - 1).stream()
                    .noneMatch(s -> s.contains("deep stack")), f.key());
        }
    }
}
