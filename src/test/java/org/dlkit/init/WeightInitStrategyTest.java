package org.dlkit.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dlkit.error.DlkitException;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.weights.WeightInitVarScalingNormalFanIn;
import org.dlkit.activation.Activations;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class WeightInitStrategyTest {

    @Test
    void chosenFromTheActivation() {
        for (String relu : new String[] {"relu", "leaky_relu", "prelu", "elu", "softplus", "swish"}) {
            assertEquals(WeightInitStrategy.HE, WeightInitStrategy.forActivation(Activations.get(relu)).strategy(), relu);
        }
        for (String linearNearZero : new String[] {"tanh", "sigmoid", "softmax", "softsign", "identity"}) {
            assertEquals(WeightInitStrategy.XAVIER,
                    WeightInitStrategy.forActivation(Activations.get(linearNearZero)).strategy(), linearNearZero);
        }
        WeightInitChoice selu = WeightInitStrategy.forActivation(Activations.SELU);
        assertEquals(WeightInitStrategy.LECUN, selu.strategy());
        assertTrue(selu.toString().startsWith("init: lecun, W ~ N(0, 1 / n_in) — LeCun for SELU"), selu.toString());
        assertTrue(WeightInitStrategy.forActivation(Activations.RELU).reason().contains("ReLU zeroes half"));
    }

    /** Each strategy's DL4J weight init draws W with the variance its formula states (a 500 × 300 layer). */
    @Test
    void dl4jInitialisersFollowTheFormulas() {
        int nIn = 500;
        int nOut = 300;
        assertVariance(WeightInitStrategy.ZERO, nIn, nOut, 0.0);
        assertVariance(WeightInitStrategy.SMALL_RANDOM, nIn, nOut, 0.01 * 0.01);
        assertVariance(WeightInitStrategy.XAVIER, nIn, nOut, 2.0 / (nIn + nOut));
        assertVariance(WeightInitStrategy.HE, nIn, nOut, 2.0 / nIn);
        assertVariance(WeightInitStrategy.LECUN, nIn, nOut, 1.0 / nIn);
        assertVariance(WeightInitStrategy.XAVIER_UNIFORM, nIn, nOut, 2.0 / (nIn + nOut));
        assertVariance(WeightInitStrategy.HE_UNIFORM, nIn, nOut, 2.0 / nIn);
        assertBound(WeightInitStrategy.XAVIER_UNIFORM, nIn, nOut, Math.sqrt(6.0 / (nIn + nOut)));
        assertBound(WeightInitStrategy.HE_UNIFORM, nIn, nOut, Math.sqrt(6.0 / nIn));
    }

    /**
     * Keras' names with Keras' variances: lecun_uniform 1/n_in (not DL4J's LECUN_UNIFORM, 3/n_in), random_normal
     * 0.05², random_uniform 0.05²/3, truncated_normal 0.05² cut at two standard deviations (≈ 0.774·0.05²), ones 0.
     */
    @Test
    void kerasNamedInitialisersHaveKerasVariances() {
        int nIn = 500;
        int nOut = 300;
        assertVariance(WeightInitStrategy.get("lecun_uniform"), nIn, nOut, 1.0 / nIn);
        assertBound(WeightInitStrategy.LECUN_UNIFORM, nIn, nOut, Math.sqrt(3.0 / nIn));
        assertVariance(WeightInitStrategy.get("random_normal"), nIn, nOut, 0.05 * 0.05);
        assertVariance(WeightInitStrategy.get("random_uniform"), nIn, nOut, 0.05 * 0.05 / 3);
        assertBound(WeightInitStrategy.RANDOM_UNIFORM, nIn, nOut, 0.05);
        // truncation at ±2σ keeps 1 − 4φ(2)/(2Φ(2) − 1) = 0.7737 of the variance
        double phi2 = Math.exp(-2) / Math.sqrt(2 * Math.PI);
        double kept = 1 - 4 * phi2 / (1 - 2 * 0.022750131948179195);
        assertVariance(WeightInitStrategy.get("truncated_normal"), nIn, nOut, kept * 0.05 * 0.05);
        assertBound(WeightInitStrategy.TRUNCATED_NORMAL, nIn, nOut, 0.1);
        Nd4j.getRandom().setSeed(7);
        INDArray ones = WeightInitStrategy.get("ones").dl4j().init(nIn, nOut, new long[] {nIn, nOut}, 'f',
                Nd4j.create(DataType.DOUBLE, 1, (long) nIn * nOut));
        assertEquals(1.0, ones.minNumber().doubleValue());
        assertEquals(1.0, ones.maxNumber().doubleValue());
    }

    /** The DL4J facts the refusals and the LECUN_UNIFORM choice state, measured on a 500 × 300 layer. */
    @Test
    void dl4jsOwnInitsHaveTheVariancesTheMessagesState() {
        int nIn = 500;
        // LECUN_UNIFORM draws three times LeCun's variance: why dlkit uses variance scaling with scale 1/√3 instead
        assertEquals(3.0 / nIn, variance(WeightInit.LECUN_UNIFORM.getWeightInitFunction(), nIn), 0.06 / nIn);
        assertEquals(1.0 / nIn, variance(WeightInit.NORMAL.getWeightInitFunction(), nIn), 0.02 / nIn);
        assertEquals(1.0 / (3 * nIn), variance(WeightInit.UNIFORM.getWeightInitFunction(), nIn), 0.02 / (3 * nIn));
        // variance scaling truncates at two standard deviations without correcting them: 0.76/n_in, not Keras' 1/n_in
        assertEquals(0.76 / nIn, variance(new WeightInitVarScalingNormalFanIn(), nIn), 0.02 / nIn);
    }

    private static double variance(IWeightInit init, int nIn) {
        Nd4j.getRandom().setSeed(7);
        return init.init(nIn, 300, new long[] {nIn, 300}, 'f', Nd4j.create(DataType.DOUBLE, 1, nIn * 300L))
                .varNumber().doubleValue();
    }

    /** Zero and ones never break the symmetry, small random collapses: they fail, and the others do not. */
    @Test
    void theFailingStrategiesAreNamed() {
        for (WeightInitStrategy s : WeightInitStrategy.values()) {
            boolean expected = s == WeightInitStrategy.ZERO || s == WeightInitStrategy.ONES
                    || s == WeightInitStrategy.SMALL_RANDOM;
            assertEquals(expected, s.fails(), s.toString());
        }
        assertTrue(WeightInitStrategy.ONES.reason().contains("symmetry"));
    }

    /** A uniform strategy's draws lie within ±a and reach close to it (150,000 draws). */
    private static void assertBound(WeightInitStrategy s, int nIn, int nOut, double a) {
        Nd4j.getRandom().setSeed(7);
        INDArray view = Nd4j.create(DataType.DOUBLE, 1, (long) nIn * nOut);
        INDArray w = s.dl4j().init(nIn, nOut, new long[] {nIn, nOut}, 'f', view);
        double largest = w.amaxNumber().doubleValue();
        assertTrue(largest <= a && largest > 0.999 * a, s + ": largest |w| " + largest + " against a = " + a);
    }

    private static void assertVariance(WeightInitStrategy s, int nIn, int nOut, double expected) {
        Nd4j.getRandom().setSeed(7);
        INDArray view = Nd4j.create(DataType.DOUBLE, 1, (long) nIn * nOut);
        INDArray w = s.dl4j().init(nIn, nOut, new long[] {nIn, nOut}, 'f', view);
        assertEquals(0.0, w.meanNumber().doubleValue(), 1e-3, s + " mean");
        double variance = w.varNumber().doubleValue();
        // 150,000 draws: the sample variance is within 2% of the true one
        assertEquals(expected, variance, 0.02 * expected, s + " variance");
    }

    @Test
    void lookupByName() {
        assertEquals(WeightInitStrategy.XAVIER, WeightInitStrategy.get("Glorot"));
        assertEquals(WeightInitStrategy.XAVIER, WeightInitStrategy.get("xavier"));
        assertEquals(WeightInitStrategy.HE, WeightInitStrategy.get("kaiming"));
        assertEquals(WeightInitStrategy.HE, WeightInitStrategy.get("HE"));
        assertEquals(WeightInitStrategy.SMALL_RANDOM, WeightInitStrategy.get("small-random"));
        assertEquals(WeightInitStrategy.SMALL_RANDOM, WeightInitStrategy.get("small_random"));
        assertEquals(WeightInitStrategy.ZERO, WeightInitStrategy.get("zeros"));
        assertEquals(WeightInitStrategy.LECUN, WeightInitStrategy.get("lecun"));
        // Keras' and PyTorch's names
        assertEquals(WeightInitStrategy.XAVIER_UNIFORM, WeightInitStrategy.get("glorot_uniform"));
        assertEquals(WeightInitStrategy.XAVIER_UNIFORM, WeightInitStrategy.get("xavier_uniform"));
        assertEquals(WeightInitStrategy.XAVIER, WeightInitStrategy.get("glorot_normal"));
        assertEquals(WeightInitStrategy.HE_UNIFORM, WeightInitStrategy.get("he_uniform"));
        assertEquals(WeightInitStrategy.HE_UNIFORM, WeightInitStrategy.get("kaiming_uniform"));
        assertEquals(WeightInitStrategy.HE, WeightInitStrategy.get("he_normal"));
        assertEquals(WeightInitStrategy.LECUN, WeightInitStrategy.get("lecun_normal"));
        assertEquals(WeightInitStrategy.ZERO, WeightInitStrategy.get("Zeros"));
        assertEquals(WeightInitStrategy.ONES, WeightInitStrategy.get("one"));
        assertEquals(WeightInitStrategy.LECUN_UNIFORM, WeightInitStrategy.get("LecunUniform"));
        assertEquals(WeightInitStrategy.RANDOM_NORMAL, WeightInitStrategy.get("RandomNormal"));
        assertEquals(WeightInitStrategy.TRUNCATED_NORMAL, WeightInitStrategy.get("truncated-normal"));
        for (String refused : new String[] {"xavier_legacy", "sigmoid_uniform", "", null}) {
            DlkitException e = assertThrows(DlkitException.class, () -> WeightInitStrategy.get(refused), refused);
            assertTrue(e.getMessage().contains("'" + refused + "'") && e.getMessage().contains("small_random")
                    && e.getMessage().contains("glorot_uniform") && e.getMessage().contains("he_normal"),
                    e.getMessage());
        }
        // every name the message offers is accepted
        String offered = assertThrows(DlkitException.class, () -> WeightInitStrategy.get("x")).getMessage();
        for (String name : offered.substring(offered.indexOf("expected one of ") + 16).split("[,()]")) {
            if (!name.isBlank()) {
                WeightInitStrategy.get(name);
            }
        }
    }

    /** Names dlkit refuses are refused with their reason, in one line, not as unknown. */
    @Test
    void refusedNamesSayWhy() {
        for (String name : new String[] {"orthogonal", "variance_scaling", "VarianceScaling", "normal", "uniform",
                "constant", "identity"}) {
            DlkitException e = assertThrows(DlkitException.class, () -> WeightInitStrategy.get(name), name);
            assertTrue(e.getMessage().startsWith("weight init '" + name + "' is refused: "), e.getMessage());
            assertTrue(!e.getMessage().contains("\n"), e.getMessage());
        }
        assertTrue(assertThrows(DlkitException.class, () -> WeightInitStrategy.get("variance_scaling")).getMessage()
                .contains("lecun_normal"));
    }

    @Test
    void theUniformVariantsHaveTheVarianceOfTheirNormalOnes() {
        assertEquals(WeightInitStrategy.XAVIER, WeightInitStrategy.XAVIER_UNIFORM.normal());
        assertEquals(WeightInitStrategy.HE, WeightInitStrategy.HE_UNIFORM.normal());
        assertEquals(WeightInitStrategy.LECUN, WeightInitStrategy.LECUN_UNIFORM.normal());
        for (WeightInitStrategy s : WeightInitStrategy.COURSE) {
            assertEquals(s, s.normal());
        }
    }

    /** DL4J's init back to the strategy: each one's own, none for an init dlkit does not offer or for null. */
    @Test
    void theStrategyOfADl4jInit() {
        for (WeightInitStrategy s : WeightInitStrategy.values()) {
            assertEquals(java.util.Optional.of(s), WeightInitStrategy.of(s.dl4j()), s.toString());
        }
        assertTrue(WeightInitStrategy.of(WeightInit.LECUN_UNIFORM.getWeightInitFunction())
                .isEmpty());
        assertTrue(WeightInitStrategy.of(null).isEmpty());
    }

    @Test
    void explicitOverrideKeepsTheWarningReason() {
        WeightInitChoice zero = WeightInitStrategy.ZERO.chosen();
        assertEquals(WeightInitStrategy.ZERO, zero.strategy());
        assertTrue(zero.reason().startsWith("your choice: fails"), zero.reason());
    }
}
