package org.dlkit.cuda;

import org.dlkit.engine.Device;
import org.dlkit.engine.Devices;
import org.dlkit.engine.EngineBench;
import org.dlkit.engine.EngineNetwork;
import org.dlkit.engine.MlpSpec;
import org.dlkit.engine.Nonlinearity;
import org.dlkit.engine.Optimizer;
import org.junit.jupiter.api.Assumptions;
import org.dlkit.engine.TrainingFixture;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * On a GPU: a short training run (Adam, then SGD; 200 steps of batch 64 on a learnable synthetic task) tracks the
 * CPU run's loss curve: in double every batch loss within 1e-9 relative; in float within 1e-3 relative, and the loss
 * falls by more than half on both; the Adam run again with each other activation in the hidden layers. And a real
 * dataset: the build machine's digits run (see {@link #checkRealDataset}). Skipped where there is no NVIDIA driver.
 */
class CudaTrainingTest {

    static final int STEPS = 200;
    static final int BATCH = 64;

    /** Batch losses of a run on {@code device}; the labels are the argmax of a fixed linear map of the inputs. */
    static double[] curve(Device device, MlpSpec spec) {
        EngineNetwork net = new EngineNetwork(device, spec, BATCH);
        Random r = new Random(5);
        double[] teacher = new double[20 * 4];
        for (int i = 0; i < teacher.length; i++) {
            teacher[i] = r.nextGaussian();
        }
        double[] losses = new double[STEPS];
        for (int s = 0; s < STEPS; s++) {
            double[] x = new double[BATCH * 20], y = new double[BATCH * 4];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) r.nextGaussian();
            }
            for (int row = 0; row < BATCH; row++) {
                int best = 0;
                double bestScore = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < 4; c++) {
                    double score = 0;
                    for (int j = 0; j < 20; j++) {
                        score += x[row * 20 + j] * teacher[j * 4 + c];
                    }
                    if (score > bestScore) {
                        bestScore = score;
                        best = c;
                    }
                }
                y[row * 4 + best] = 1;
            }
            net.load(x, y, BATCH);
            net.trainStep(BATCH);
            losses[s] = net.takeLossSum() / BATCH;
        }
        return losses;
    }

    /** Where bin/cuda-check puts the training fixture; the build machine's test writes it into target/. */
    static final List<Path> TRAINING_FIXTURES = List.of(CudaGradientTest.FIXTURES.get(0).resolveSibling("training.bin"),
            Path.of("target/engine-fixture/training.bin"));

    @Test
    void aRealDatasetRunReachesDl4jsAccuracy() throws IOException {
        Assumptions.assumeTrue(CudaTestGpu.available(), "no NVIDIA driver here: GPU tests skipped");
        try (Device d = Devices.cuda(true); Device f = Devices.cuda(false)) {
            checkRealDataset(d, f);
        }
    }

    /**
     * The build machine's digits run (TrainingFixture: DL4J's initial weights, the same batches) trained on the CPU
     * engine, {@code dp} and {@code sp}: in double every epoch's test objective within 1e-9 relative of the CPU's and
     * the same accuracy; in float within 2e-3 relative of DL4J's own float run and its accuracy within one test row.
     */
    static void checkRealDataset(Device dp, Device sp) throws IOException {
        TrainingFixture fx = TrainingFixture.read(CudaGradientTest.fixture(TRAINING_FIXTURES, "training"));
        TrainingFixture.Run cpu = fx.run(Devices.cpu()), gd = fx.run(dp), gf = fx.run(sp);
        double worstDouble = 0, worstFloat = 0;
        for (int e = 0; e < fx.epochs(); e++) {
            worstDouble = Math.max(worstDouble, Math.abs(gd.testLoss()[e] - cpu.testLoss()[e]) / cpu.testLoss()[e]);
            worstFloat = Math.max(worstFloat, Math.abs(gf.testLoss()[e] - fx.dl4jTestLoss()[e]) / fx.dl4jTestLoss()[e]);
        }
        int last = fx.epochs() - 1;
        System.out.printf(Locale.ROOT,
                "digits %s, %d epochs of batch %d, %d test rows: test accuracy DL4J (build machine, float) "
                        + "%.4f, CPU engine (double) %.4f, GPU double %.4f, GPU float %.4f; test objective after epoch %d "
                        + "%.5f / %.5f / %.5f / %.5f; GPU double vs CPU max rel. diff %.2e, GPU float vs DL4J %.2e%n",
                fx.spec().shape(), fx.epochs(), fx.batch(), fx.testRows(), fx.dl4jAccuracy(), cpu.accuracy(),
                gd.accuracy(), gf.accuracy(), fx.epochs(), fx.dl4jTestLoss()[last], cpu.testLoss()[last],
                gd.testLoss()[last], gf.testLoss()[last], worstDouble, worstFloat);
        assertTrue(worstDouble <= 1e-9, "GPU double vs CPU: " + worstDouble);
        assertEquals(cpu.accuracy(), gd.accuracy(), 1e-12, "GPU double accuracy");
        assertTrue(worstFloat <= 2e-3, "GPU float vs DL4J: " + worstFloat);
        assertEquals(fx.dl4jAccuracy(), gf.accuracy(), 1.0 / fx.testRows() + 1e-12, "GPU float accuracy vs DL4J");
    }

    @Test
    void aShortGpuRunTracksTheCpuLossCurve() {
        Assumptions.assumeTrue(CudaTestGpu.available(), "no NVIDIA driver here: GPU tests skipped");
        try (Device d = Devices.cuda(true); Device f = Devices.cuda(false)) {
            checkCurve(d, f);
        }
    }

    /** Runs with Adam and with plain SGD on {@code dp} (double) and {@code sp} (float) against the CPU's. */
    static void checkCurve(Device dp, Device sp) {
        for (Optimizer optimizer : new Optimizer[]{Optimizer.adam(1e-3, 0.9, 0.999, 1e-8), Optimizer.sgd(0.1)}) {
            checkCurve(dp, sp, spec(Nonlinearity.RELU, optimizer), optimizer.toString(), 0.5);
        }
    }

    @Test
    void everyActivationsGpuRunTracksTheCpu() {
        Assumptions.assumeTrue(CudaTestGpu.available(), "no NVIDIA driver here: GPU tests skipped");
        try (Device d = Devices.cuda(true); Device f = Devices.cuda(false)) {
            checkEveryActivationsCurve(d, f);
        }
    }

    /**
     * The same run with Adam for each other activation in the hidden layers (ELU with DL4J's default α = 1, Leaky
     * ReLU with its 0.01): the GPU tracks the CPU as for ReLU and the loss falls below
     * {@value #EVERY_ACTIVATION_FALLS_TO} of its first batch's.
     */
    static void checkEveryActivationsCurve(Device dp, Device sp) {
        Optimizer adam = Optimizer.adam(1e-3, 0.9, 0.999, 1e-8);
        for (Nonlinearity f : Nonlinearity.values()) {
            if (f != Nonlinearity.RELU) {
                checkCurve(dp, sp, spec(f, adam), f + ", " + adam, EVERY_ACTIVATION_FALLS_TO);
            }
        }
    }

    /** 20-64-32-4 with {@code f} in the hidden layers, seeded; α = 1 for ELU (DL4J's default), else 0.01. */
    private static MlpSpec spec(Nonlinearity f, Optimizer optimizer) {
        MlpSpec spec = EngineBench.mlp(new int[]{20, 64, 32, 4}, f, optimizer, 1e-4, 11);
        if (f != Nonlinearity.ELU) {
            return spec;
        }
        List<MlpSpec.Layer> layers = spec.layers().stream().map(l -> l.f() != Nonlinearity.ELU ? l
                : new MlpSpec.Layer(l.nIn(), l.nOut(), l.f(), 1.0, l.weights(), l.bias())).toList();
        return new MlpSpec(layers, spec.loss(), spec.l2(), spec.optimizer());
    }

    /**
     * How far every activation's loss falls in {@value #STEPS} Adam steps; the slowest measured: sigmoid to 0.53 and
     * hard sigmoid to 0.54 of the first batch's.
     */
    static final double EVERY_ACTIVATION_FALLS_TO = 0.75;

    /**
     * One run of {@code spec} on {@code dp} (double) and {@code sp} (float) against the CPU's: every batch loss
     * within 1e-9 (double) and 1e-3 (float) relative, and the last below {@code fallsTo} times the first on the CPU
     * and in float.
     */
    static void checkCurve(Device dp, Device sp, MlpSpec spec, String what, double fallsTo) {
        double[] cpu = curve(Devices.cpu(), spec);
        double[] cd = curve(dp, spec);
        double[] cf = curve(sp, spec);
        double worstDouble = 0, worstFloat = 0;
        for (int s = 0; s < STEPS; s++) {
            worstDouble = Math.max(worstDouble, Math.abs(cd[s] - cpu[s]) / cpu[s]);
            worstFloat = Math.max(worstFloat, Math.abs(cf[s] - cpu[s]) / cpu[s]);
        }
        System.out.printf(Locale.ROOT, "loss curve (%s): CPU %.4f -> %.4f; GPU double max rel. diff %.2e, float %.2e%n",
                what, cpu[0], cpu[STEPS - 1], worstDouble, worstFloat);
        assertTrue(cpu[STEPS - 1] < fallsTo * cpu[0], what + ": the CPU run learns: " + cpu[0] + " -> "
                + cpu[STEPS - 1]);
        assertTrue(worstDouble <= 1e-9, what + ": double curve differs by " + worstDouble);
        assertTrue(worstFloat <= 1e-3, what + ": float curve differs by " + worstFloat);
        assertTrue(cf[STEPS - 1] < fallsTo * cf[0], what + ": the GPU run learns");
    }
}
