package org.dlkit.cuda;

import org.dlkit.engine.Device;
import org.dlkit.engine.Devices;
import org.dlkit.engine.EngineBench;
import org.dlkit.engine.EngineNetwork;
import org.dlkit.engine.MlpSpec;
import org.dlkit.engine.Nonlinearity;
import org.dlkit.engine.Optimizer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * On a GPU: a short training run (Adam, then SGD; 200 steps of batch 64 on a learnable synthetic task) tracks the
 * CPU run's loss curve: in double every batch loss within 1e-9 relative; in float within 1e-3 relative, and the loss
 * falls by more than half on both. Skipped where there is no NVIDIA driver.
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
            MlpSpec spec = EngineBench.mlp(new int[]{20, 64, 32, 4}, Nonlinearity.RELU, optimizer, 1e-4, 11);
            double[] cpu = curve(Devices.cpu(), spec);
            double[] cd = curve(dp, spec);
            double[] cf = curve(sp, spec);
            double worstDouble = 0, worstFloat = 0;
            for (int s = 0; s < STEPS; s++) {
                worstDouble = Math.max(worstDouble, Math.abs(cd[s] - cpu[s]) / cpu[s]);
                worstFloat = Math.max(worstFloat, Math.abs(cf[s] - cpu[s]) / cpu[s]);
            }
            System.out.printf("loss curve (%s): CPU %.4f -> %.4f; GPU double max rel. diff %.2e, float %.2e%n",
                    optimizer, cpu[0], cpu[STEPS - 1], worstDouble, worstFloat);
            assertTrue(cpu[STEPS - 1] < 0.5 * cpu[0], optimizer + ": the CPU run learns: " + cpu[0] + " -> "
                    + cpu[STEPS - 1]);
            assertTrue(worstDouble <= 1e-9, optimizer + ": double curve differs by " + worstDouble);
            assertTrue(worstFloat <= 1e-3, optimizer + ": float curve differs by " + worstFloat);
            assertTrue(cf[STEPS - 1] < 0.5 * cf[0], optimizer + ": the GPU run learns");
        }
    }
}
