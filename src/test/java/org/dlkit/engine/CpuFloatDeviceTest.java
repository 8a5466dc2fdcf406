package org.dlkit.engine;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

import java.util.Random;

import static org.dlkit.engine.GradientAgreement.scaledMaxError;
import static org.dlkit.engine.GradientAgreement.widen;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The float CPU device against the double {@link CpuDevice} and DL4J's backprop. Float keeps about 7 significant
 * digits; every comparison is the largest error relative to the largest value ({@link GradientAgreement#scaledMaxError}),
 * within {@value #FLOAT} for a gradient or an operation and {@value #STEPS_FLOAT} after several optimiser steps.
 */
class CpuFloatDeviceTest {

    /** Largest error of one float gradient or operation, relative to the largest value. */
    static final double FLOAT = 1e-5;
    /** The same after ten optimiser steps. */
    static final double STEPS_FLOAT = 1e-5;

    /** The gradient of one batch on {@code device} for the first {@code rows} of a network holding {@code maxBatch}. */
    static double[] gradient(Device device, MlpSpec spec, int maxBatch, double[] x, double[] y, int rows, double[] loss) {
        EngineNetwork net = new EngineNetwork(device, spec, maxBatch);
        net.load(x, y, rows);
        net.forward(rows, true);
        net.backward(rows);
        loss[0] = net.takeLossSum();
        return net.flatGradient();
    }

    private static void assertAgrees(Activation hidden, Activation out, LossFunction loss, double l2, int outputs,
                                     boolean oneHot) {
        MultiLayerNetwork net = EngineGradientTest.net(hidden, out, loss, new Sgd(0.1), l2, outputs);
        DataSet data = EngineGradientTest.batch(9, outputs, 3, oneHot);
        double[] x = data.getFeatures().data().asDouble(), y = data.getLabels().data().asDouble();
        MlpSpec spec = Dl4jMlp.of(net);
        double[] floatLoss = new double[1], doubleLoss = new double[1];
        double[] single = gradient(Devices.cpuFloat(), spec, 9, x, y, 9, floatLoss);
        double[] reference = gradient(Devices.cpu(), spec, 9, x, y, 9, doubleLoss);
        double[] dl4j = EngineGradientTest.dl4jGradient(net, data, l2);
        String what = hidden + "/" + out + "/" + loss;
        assertTrue(scaledMaxError(single, reference) <= FLOAT, what + " vs double: " + scaledMaxError(single, reference));
        assertTrue(scaledMaxError(single, dl4j) <= FLOAT, what + " vs DL4J: " + scaledMaxError(single, dl4j));
        assertEquals(doubleLoss[0], floatLoss[0], FLOAT * doubleLoss[0], what + " loss");
    }

    @Test
    void reluSoftmaxWithL2AgreesWithDoubleAndDl4j() {
        assertAgrees(Activation.RELU, Activation.SOFTMAX, LossFunction.MCXENT, 0.01, 4, true);
    }

    @Test
    void tanhSigmoidXentAgrees() {
        assertAgrees(Activation.TANH, Activation.SIGMOID, LossFunction.XENT, 0, 3, false);
    }

    @Test
    void eluIdentityMseAgrees() {
        assertAgrees(Activation.ELU, Activation.IDENTITY, LossFunction.MSE, 0.001, 2, false);
    }

    /** Each engine function in the hidden layers and as MSE's output, against the double device and DL4J. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.dlkit.engine.EngineGradientTest#elementWise")
    void everyActivationAgrees(Activation f) {
        assertAgrees(f, Activation.SOFTMAX, LossFunction.MCXENT, 0.01, 4, true);
        assertAgrees(Activation.TANH, f, LossFunction.MSE, 0, 3, false);
    }

    @Test
    void aMnistSizedGradientAgreesWithDouble() {
        MlpSpec spec = EngineBench.mlp(new int[]{784, 96, 32, 10}, Nonlinearity.RELU, Optimizer.sgd(0.1), 1e-3, 3);
        float[][] xy = EngineBench.syntheticBatch(50, 784, 10, new Random(4));
        double[] x = widen(xy[0]), y = widen(xy[1]);
        double[] l1 = new double[1], l2 = new double[1];
        double[] single = gradient(Devices.cpuFloat(), spec, 50, x, y, 50, l1);
        double[] reference = gradient(Devices.cpu(), spec, 50, x, y, 50, l2);
        assertTrue(scaledMaxError(single, reference) <= FLOAT, "vs double: " + scaledMaxError(single, reference));
        assertEquals(l2[0], l1[0], FLOAT * l2[0]);
    }

    /** A last batch of 9 rows in a network of 16, after a full batch left other values in the unused rows. */
    @Test
    void aPartialLastBatchUsesOnlyItsRows() {
        MlpSpec spec = EngineBench.mlp(new int[]{30, 20, 12, 5}, Nonlinearity.TANH, Optimizer.sgd(0.1), 1e-3, 8);
        Random r = new Random(9);
        float[][] full = EngineBench.syntheticBatch(16, 30, 5, r), part = EngineBench.syntheticBatch(9, 30, 5, r);
        EngineNetwork net = new EngineNetwork(Devices.cpuFloat(), spec, 16);
        net.load(full[0], full[1], 16);
        net.forward(16, true);
        net.backward(16);
        net.takeLossSum();
        net.load(part[0], part[1], 9);
        net.forward(9, true);
        net.backward(9);
        double[] loss = new double[1];
        double[] reference = gradient(Devices.cpu(), spec, 9, widen(part[0]), widen(part[1]), 9, loss);
        assertTrue(scaledMaxError(net.flatGradient(), reference) <= FLOAT);
        assertEquals(loss[0], net.takeLossSum(), FLOAT * loss[0]);
        assertEquals(9 * 5, net.outputs(9).length);
    }

    /** Every element-wise operation against the double device on the same (float-exact) inputs. */
    @Test
    void everyElementwiseOperationMatchesTheDoubleDevice() {
        try (Device f = Devices.cpuFloat(); Device d = Devices.cpu()) {
            Random r = new Random(2);
            double[] z = exact(7 * 13, r), b = exact(13, r), g = exact(7 * 13, r), y = new double[7 * 13];
            for (int row = 0; row < 7; row++) {
                y[row * 13 + r.nextInt(13)] = 1;
            }
            for (Nonlinearity fn : Nonlinearity.values()) {
                double[][] fa = activations(f, fn, z, b, g), da = activations(d, fn, z, b, g);
                for (int i = 0; i < fa.length; i++) {
                    assertTrue(scaledMaxError(fa[i], da[i]) <= FLOAT, fn + " result " + i + ": "
                            + scaledMaxError(fa[i], da[i]));
                }
            }
            for (OutputLoss loss : OutputLoss.values()) {
                double[][] fo = output(f, loss, z, y), dout = output(d, loss, z, y);
                for (int i = 0; i < fo.length; i++) {
                    assertTrue(scaledMaxError(fo[i], dout[i]) <= FLOAT, loss + " result " + i);
                }
            }
            assertTrue(scaledMaxError(columnSums(f, z), columnSums(d, z)) <= FLOAT);
        }
    }

    /** Ten SGD and ten Adam steps with L2 on 1003 parameters (not a multiple of any vector width). */
    @Test
    void sgdAndAdamStepsMatchTheDoubleDevice() {
        for (boolean adam : new boolean[]{false, true}) {
            double[][] single = steps(Devices.cpuFloat(), adam), reference = steps(Devices.cpu(), adam);
            for (int i = 0; i < single.length; i++) {
                double e = scaledMaxError(single[i], reference[i]);
                assertTrue(e <= STEPS_FLOAT, (adam ? "Adam" : "SGD") + " state " + i + " differs by " + e);
            }
        }
    }

    /**
     * Adam's state of a parameter whose gradient stays 0 decays to exactly 0 instead of lingering as a subnormal float
     * (which made the loop 10× slower): subnormal in at most two steps on the way, 0 long before 1200 steps, while v,
     * still above {@link FloatLoops#FLUSH_BELOW}, decays as in double.
     */
    @Test
    void adamsStateOfADeadUnitFlushesToZeroNotToSubnormals() {
        try (Device device = Devices.cpuFloat(); Device reference = Devices.cpu()) {
            double[][] single = deadUnit(device), exact = deadUnit(reference);
            assertTrue(single[2][0] <= 2, "an entry of m was subnormal in " + single[2][0] + " steps");
            assertTrue(exact[2][0] > 100, "in double m passes below 2^-126 too, and stays there: " + exact[2][0]);
            for (double x : single[0]) {
                assertEquals(0, x, "m after 1200 steps: 0.9^1200 of it is far below " + FloatLoops.FLUSH_BELOW);
            }
            // 1200 products with the float 0.999 (itself 1.3e-8 off): about 1.7e-5 apart
            assertTrue(scaledMaxError(single[1], exact[1]) <= 1e-4, "v " + scaledMaxError(single[1], exact[1]));
        }
    }

    /** m, v and the most steps any one entry of m was subnormal, after 1 step with a gradient and 1199 without. */
    private static double[][] deadUnit(Device device) {
        int n = 64;
        Matrix theta = device.allocate(1, n), g = device.allocate(1, n), m = device.allocate(1, n),
                v = device.allocate(1, n);
        device.upload(exact(n, new Random(3)), g);
        Optimizer o = Optimizer.adam(1e-3, 0.9, 0.999, 1e-8);
        device.adam(theta, g, m, v, o.adamRate(1), o.beta1(), o.beta2(), o.epsilon(), 0);
        device.fill(g, 0);
        int[] subnormalSteps = new int[n];
        for (int t = 2; t <= 1200; t++) {
            device.adam(theta, g, m, v, o.adamRate(t), o.beta1(), o.beta2(), o.epsilon(), 0);
            double[] ms = device.download(m);
            for (int i = 0; i < n; i++) {
                subnormalSteps[i] += ms[i] != 0 && Math.abs(ms[i]) < Float.MIN_NORMAL ? 1 : 0;
            }
        }
        return new double[][]{device.download(m), device.download(v), {java.util.Arrays.stream(subnormalSteps).max()
                .orElse(0)}};
    }

    @Test
    void saysWhichBlasRunsAndRefusesUseAfterClose() {
        Device device = Devices.cpuFloat();
        assertTrue(device.description().contains("OpenBLAS"), device.description());
        assertTrue(!device.doublePrecision());
        Matrix m = device.allocate(2, 3);
        device.fill(m, 1);
        Matrix square = device.allocate(2, 2);
        device.gemm(false, true, 1, m, m, 0, square);
        assertEquals(3, device.download(square)[1]);
        device.close();
        assertThrows(IllegalStateException.class, () -> device.download(m));
        assertThrows(IllegalStateException.class, () -> device.gemm(false, true, 1, m, m, 0, square));
    }

    private static double[][] steps(Device device, boolean adam) {
        try (device) {
            Random r = new Random(6);
            int n = 1003;
            Matrix theta = device.allocate(1, n), g = device.allocate(1, n), m = device.allocate(1, n),
                    v = device.allocate(1, n);
            device.upload(exact(n, r), theta);
            for (int t = 1; t <= 10; t++) {
                device.upload(exact(n, r), g);
                if (adam) {
                    Optimizer o = Optimizer.adam(1e-2, 0.9, 0.999, 1e-8);
                    device.adam(theta, g, m, v, o.adamRate(t), o.beta1(), o.beta2(), o.epsilon(), 1e-3);
                } else {
                    device.sgd(theta, g, 0.05, 1e-3);
                }
            }
            return adam ? new double[][]{device.download(theta), device.download(m), device.download(v)}
                    : new double[][]{device.download(theta)};
        }
    }

    /** biasActivation's Z and A, then activationBackward's G, for f on a 7 × 13 batch. */
    private static double[][] activations(Device device, Nonlinearity fn, double[] z, double[] b, double[] g) {
        Matrix mz = device.allocate(7, 13), mb = device.allocate(1, 13), ma = device.allocate(7, 13),
                mg = device.allocate(7, 13);
        device.upload(z, mz);
        device.upload(b, mb);
        device.upload(g, mg);
        device.biasActivation(mz, mb, fn, 0.3, ma);
        device.activationBackward(fn, 0.3, mz, ma, mg);
        return new double[][]{device.download(mz), device.download(ma), device.download(mg)};
    }

    private static double[][] output(Device device, OutputLoss loss, double[] z, double[] y) {
        Matrix mz = device.allocate(7, 13), my = device.allocate(7, 13), ma = device.allocate(7, 13),
                md = device.allocate(7, 13), sum = device.allocate(1, 1);
        device.upload(z, mz);
        device.upload(y, my);
        device.outputLoss(loss, Nonlinearity.TANH, 0, mz, my, ma, md, sum);
        return new double[][]{device.download(ma), device.download(md), device.download(sum)};
    }

    private static double[] columnSums(Device device, double[] z) {
        Matrix mz = device.allocate(7, 13), out = device.allocate(1, 13);
        device.upload(z, mz);
        device.columnSums(mz, 0.5, out);
        return device.download(out);
    }

    /** Standard-normal values that are exact in float, so both devices start from the same numbers. */
    private static double[] exact(int n, Random r) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }
}
