package org.dlkit.activation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.dlkit.error.DlkitException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationPReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Every catalogue entry against central finite differences and against DL4J's own forward and backprop. */
class ActivationsTest {

    static final double TOLERANCE = 1e-6;
    static final double H = 1e-5;

    static Stream<ActivationFunction> functions() {
        return Activations.all().stream();
    }

    static Stream<ElementWise> elementWise() {
        return Stream.concat(functions().filter(ActivationFunction::elementWise).map(ElementWise.class::cast),
                Stream.of(Activations.leakyRelu(0.2), Activations.prelu(0.05)));
    }

    /** DL4J's relative error |a − b| / (|a| + |b|), 0 when both are 0. */
    static double relError(double a, double b) {
        double denominator = Math.abs(a) + Math.abs(b);
        return denominator == 0 ? 0 : Math.abs(a - b) / denominator;
    }

    static void assertClose(double expected, double actual, String what) {
        assertTrue(relError(expected, actual) <= TOLERANCE,
                what + ": expected " + expected + ", got " + actual + " (rel. error " + relError(expected, actual) + ")");
    }

    /** Uniform in (−6, 6), away from the kink at 0 so that a central difference does not straddle it. */
    static double[] inputs(Random random, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            do {
                x[i] = 12 * random.nextDouble() - 6;
            } while (Math.abs(x[i]) < 10 * H);
        }
        return x;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("elementWise")
    void derivativeMatchesCentralFiniteDifference(ElementWise f) {
        for (double x : inputs(new Random(1), 500)) {
            if (nearAKink(f, x)) {
                continue;   // a central difference across a kink measures no derivative
            }
            double numeric = (f.value(x + H) - f.value(x - H)) / (2 * H);
            assertClose(numeric, f.derivative(x), f + "'(" + x + ")");
        }
    }

    /** Within 10 steps of one of {@code f}'s kinks (0 for the ReLU family, ±2.5 for the hard sigmoid, ...). */
    static boolean nearAKink(ElementWise f, double x) {
        for (double kink : f.op().kinks()) {
            if (Math.abs(x - kink) < 10 * H) {
                return true;
            }
        }
        return false;
    }

    @Test
    void softmaxVectorJacobianProductMatchesFiniteDifference() {
        Random random = new Random(2);
        for (int trial = 0; trial < 50; trial++) {
            // logits within ±2: far-apart logits make some gradients tiny, below what a difference quotient resolves
            double[] z = scale(inputs(random, 5), 1 / 3.0);
            double[] g = inputs(random, 5);
            double[] analytic = Activations.SOFTMAX.backward(z, g);
            for (int j = 0; j < z.length; j++) {
                // d/dz_j of L(z) = g · softmax(z)
                double[] plus = z.clone();
                double[] minus = z.clone();
                plus[j] += H;
                minus[j] -= H;
                double numeric = (dot(g, Activations.SOFTMAX.forward(plus))
                        - dot(g, Activations.SOFTMAX.forward(minus))) / (2 * H);
                assertClose(numeric, analytic[j], "dL/dz_" + j);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void forwardAndBackwardMatchDl4j(ActivationFunction f) {
        checkAgainstDl4j(f);
    }

    @Test
    void parameterisedSlopesMatchDl4j() {
        checkAgainstDl4j(Activations.leakyRelu(0.2));
        checkAgainstDl4j(Activations.prelu(0.05));
    }

    /** Random DOUBLE inputs and upstream gradients, a batch of 8 rows of 20: DL4J works on a whole mini-batch. */
    static void checkAgainstDl4j(ActivationFunction f) {
        Random random = new Random(3);
        int rows = 8;
        int cols = 20;
        double[][] z = new double[rows][];
        double[][] g = new double[rows][];
        for (int r = 0; r < rows; r++) {
            z[r] = inputs(random, cols);
            g[r] = inputs(random, cols);
        }
        INDArray in = Nd4j.create(z);
        INDArray upstream = Nd4j.create(g);
        assertEquals(DataType.DOUBLE, in.dataType());
        IActivation dl4j = f.dl4j();
        INDArray dl4jOut = dl4j.getActivation(in.dup(), false);
        INDArray dl4jGrad = dl4j.backprop(in.dup(), upstream.dup()).getFirst();
        for (int r = 0; r < rows; r++) {
            double[] out = f.forward(z[r]);
            double[] grad = f.backward(z[r], g[r]);
            for (int c = 0; c < cols; c++) {
                assertClose(dl4jOut.getDouble(r, c), out[c], f + "(" + z[r][c] + ") vs DL4J " + dl4j);
                assertClose(dl4jGrad.getDouble(r, c), grad[c], f + " backprop at " + z[r][c] + " vs DL4J " + dl4j);
            }
        }
    }

    /** The learnable form: DL4J's PReLU with one alpha per unit, as a PReLULayer applies it. */
    @Test
    void preluMatchesDl4jPReLUWithOneSlopePerUnit() {
        double a = 0.05;
        Random random = new Random(5);
        double[][] z = {inputs(random, 20), inputs(random, 20), inputs(random, 20)};
        double[][] g = {inputs(random, 20), inputs(random, 20), inputs(random, 20)};
        IActivation dl4j = new ActivationPReLU(Nd4j.valueArrayOf(new long[] {20}, a, DataType.DOUBLE), null);
        INDArray out = dl4j.getActivation(Nd4j.create(z), false);
        INDArray grad = dl4j.backprop(Nd4j.create(z), Nd4j.create(g)).getFirst();
        ElementWise prelu = Activations.prelu(a);
        for (int r = 0; r < z.length; r++) {
            for (int c = 0; c < 20; c++) {
                assertClose(out.getDouble(r, c), prelu.value(z[r][c]), "PReLU(" + z[r][c] + ")");
                assertClose(grad.getDouble(r, c), prelu.derivative(z[r][c]) * g[r][c], "PReLU backprop");
            }
        }
    }

    @Test
    void softmaxRowsSumToOne() {
        Random random = new Random(4);
        for (int trial = 0; trial < 100; trial++) {
            double[] z = inputs(random, 1 + random.nextInt(10));
            z[0] *= 100; // large logits must not overflow
            double[] s = Activations.SOFTMAX.forward(z);
            double sum = 0;
            for (double v : s) {
                assertTrue(v >= 0 && v <= 1, "softmax output " + v);
                sum += v;
            }
            assertEquals(1.0, sum, 1e-12);
        }
    }

    /** tanh is zero-centred: over inputs symmetric around 0 its outputs average 0; sigmoid's average 1/2. */
    @Test
    void tanhIsZeroCentredAndSigmoidIsNot() {
        double[] symmetric = symmetricGrid(5, 1001);
        assertEquals(0.0, mean(Activations.TANH.forward(symmetric)), 1e-12);
        assertEquals(0.5, mean(Activations.SIGMOID.forward(symmetric)), 1e-12);
    }

    /** The zeroCentred flag agrees with the mean over symmetric inputs, for every element-wise function. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("elementWise")
    void zeroCentredFlagMatchesMeanOverSymmetricInputs(ElementWise f) {
        double m = mean(f.forward(symmetricGrid(5, 1001)));
        if (f.zeroCentred()) {
            assertEquals(0.0, m, 1e-12, f + " mean");
        } else {
            assertTrue(m > 0.01, f + " is flagged not zero-centred but its mean is " + m);
        }
    }

    /** The saturation flag agrees with the derivative far from 0 (at ±30), relative to its largest value. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("elementWise")
    void saturationFlagMatchesDerivativeFarFromZero(ElementWise f) {
        double peak = 0;
        for (double x : symmetricGrid(5, 1001)) {
            peak = Math.max(peak, Math.abs(f.derivative(x)));
        }
        boolean left = Math.abs(f.derivative(-30)) < 0.01 * peak;
        boolean right = Math.abs(f.derivative(30)) < 0.01 * peak;
        Saturation observed = left && right ? Saturation.BOTH_SIDES : left ? Saturation.NEGATIVE_SIDE : Saturation.NONE;
        assertEquals(f.saturation(), observed, f.toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void outputsStayInTheStatedRange(ActivationFunction f) {
        // out to ±40; element-wise functions also on a fine grid (step 1e-4) that comes close to a minimum (mish's)
        double[] coarse = symmetricGrid(40, 801);
        for (double[] grid : f.elementWise() ? List.of(coarse, symmetricGrid(10, 200_001)) : List.of(coarse)) {
            for (double y : f.forward(grid)) {
                assertTrue(f.range().contains(y), f + " output " + y + " outside " + f.range());
            }
        }
    }

    /** Card 6 and card 10: σ' = y(1 − y) peaks at 1/4 and is nearly 0 for large |x| (kills gradients). */
    @Test
    void sigmoidGradientIsAtMostAQuarterAndVanishes() {
        assertEquals(0.25, Activations.SIGMOID.derivative(0), 0);
        double y = Activations.SIGMOID.value(1.3);
        assertEquals(y * (1 - y), Activations.SIGMOID.derivative(1.3), 1e-15);
        assertTrue(Activations.SIGMOID.derivative(10) < 1e-4);
        assertTrue(Activations.SIGMOID.derivative(-10) < 1e-4);
    }

    /** Card 12: tanh is steeper than the sigmoid at 0 (1 against 1/4), yet it saturates as well, so gradients vanish. */
    @Test
    void tanhIsSteeperThanSigmoidButStillSaturates() {
        assertEquals(1.0, Activations.TANH.derivative(0), 0);
        assertEquals(0.25, Activations.SIGMOID.derivative(0), 0);
        for (double x : new double[] {-10, 10}) {
            assertTrue(Activations.TANH.derivative(x) < 1e-7, "tanh'(" + x + ") = " + Activations.TANH.derivative(x));
        }
        assertEquals(Saturation.BOTH_SIDES, Activations.TANH.saturation());
    }

    /**
     * Card 20: ELU keeps a gradient α·e^x &gt; 0 for x &lt; 0 (no dead units, unlike ReLU), its mean output over
     * unit-normal inputs is closer to 0 than ReLU's (≈ 0.16 against ≈ 0.40), and it costs an e^x where ReLU compares.
     */
    @Test
    void eluKeepsAGradientForNegativeInputsAndAMeanCloserToZeroThanRelu() {
        for (double x : new double[] {-1e-3, -1, -5, -20}) {
            assertTrue(Activations.ELU.derivative(x) > 0 && Activations.RELU.derivative(x) == 0, "x = " + x);
        }
        Random random = new Random(3);
        double[] normal = new double[100_000];
        for (int i = 0; i < normal.length; i++) {
            normal[i] = random.nextGaussian();
        }
        double elu = mean(Activations.ELU.forward(normal));
        double relu = mean(Activations.RELU.forward(normal));
        assertTrue(Math.abs(elu) < 0.5 * Math.abs(relu), "mean ELU " + elu + ", mean ReLU " + relu);
        assertEquals(Cost.HIGH, Activations.ELU.cost());
        assertEquals(Cost.LOW, Activations.RELU.cost());
    }

    /** ReLU's gradient is exactly 0 for every negative input (a unit stuck there is dead); Leaky ReLU's is a. */
    @Test
    void reluGradientIsZeroForNegativeInputsButLeakyIsNot() {
        for (double x : new double[] {-1e-3, -1, -100}) {
            assertEquals(0.0, Activations.RELU.derivative(x));
            assertEquals(0.01, Activations.LEAKY_RELU.derivative(x));
            assertEquals(0.2, Activations.leakyRelu(0.2).derivative(x));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"leakyrelu", "leaky_relu", "Leaky ReLU", "LEAKY-RELU", "lrelu", "LReLU", "leaky"})
    void leakyReluIsFoundUnderItsUsualNames(String name) {
        assertSame(Activations.LEAKY_RELU, Activations.get(name));
    }

    @Test
    void everyKeyLooksUpItsOwnFunction() {
        for (ActivationFunction f : Activations.all()) {
            assertSame(f, Activations.get(f.key()));
            assertSame(f, Activations.get(f.key().toUpperCase()));
        }
        assertSame(Activations.SIGMOID, Activations.get("logistic"));
        assertSame(Activations.IDENTITY, Activations.get("linear"));
        assertSame(Activations.SWISH, Activations.get("SiLU"));
    }

    @Test
    void unknownNameListsTheValidOnes() {
        DlkitException e = assertThrows(DlkitException.class, () -> Activations.get("relu7"));
        assertTrue(e.getMessage().contains("'relu7'"), e.getMessage());
        for (String key : Activations.keys()) {
            assertTrue(e.getMessage().contains(key), e.getMessage());
        }
        assertThrows(DlkitException.class, () -> Activations.get(null));
        assertThrows(DlkitException.class, () -> Activations.leakyRelu(-0.1));
        assertThrows(DlkitException.class, () -> Activations.leakyRelu(1.0));
    }

    static double[] symmetricGrid(double half, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = -half + 2 * half * i / (n - 1);
        }
        // exact symmetry: x[n-1-i] = -x[i]
        for (int i = 0; i < n / 2; i++) {
            x[n - 1 - i] = -x[i];
        }
        return x;
    }

    static double mean(double[] v) {
        double sum = 0;
        for (double d : v) {
            sum += d;
        }
        return sum / v.length;
    }

    static double[] scale(double[] v, double factor) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = factor * v[i];
        }
        return out;
    }

    static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
