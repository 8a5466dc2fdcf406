package org.dlkit.cuda;

import org.dlkit.engine.Device;
import org.dlkit.engine.Devices;
import org.dlkit.engine.EngineBench;
import org.dlkit.engine.EngineNetwork;
import org.dlkit.engine.GradientFixture;
import org.dlkit.engine.MlpSpec;
import org.dlkit.engine.Nonlinearity;
import org.dlkit.engine.Optimizer;
import org.dlkit.engine.OutputLoss;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import static org.dlkit.engine.GradientAgreement.maxRelative;
import static org.dlkit.engine.GradientAgreement.widen;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * On a GPU: one batch's gradient from the CUDA device against the CPU device (which equals DL4J's and the autodiff
 * engine's, EngineGradientTest) and against the fixture of DL4J's and autodiff's gradients written on the build
 * machine. Tolerances: 1e-9 relative per element in double; in float, |Δ| ≤ 1e-4·max|g| + 1e-6 per block.
 * Skipped where there is no NVIDIA driver.
 */
class CudaGradientTest {

    static final double DOUBLE_TOLERANCE = 1e-9;
    static final double FLOAT_TOLERANCE = 1e-4;
    /** Where bin/cuda-check puts the fixture; the build machine's test writes it into target/. */
    static final List<Path> FIXTURES = List.of(Path.of(System.getProperty("dlkit.fixture", "fixture/gradients.bin")),
            Path.of("target/engine-fixture/gradients.bin"));

    static Device gpuDouble;
    static Device gpuFloat;

    @BeforeAll
    static void open() {
        Assumptions.assumeTrue(CudaTestGpu.available(), "no NVIDIA driver here: GPU tests skipped");
        gpuDouble = Devices.cuda(true);
        gpuFloat = Devices.cuda(false);
        System.out.println("device: " + gpuDouble.description());
    }

    @AfterAll
    static void close() {
        if (gpuDouble != null) {
            gpuDouble.close();
            gpuFloat.close();
        }
    }

    static double[] gradient(Device device, MlpSpec spec, double[] x, double[] y, int rows) {
        EngineNetwork net = new EngineNetwork(device, spec, rows);
        net.load(x, y, rows);
        net.forward(rows, true);
        net.backward(rows);
        return net.flatGradient();
    }

    static double maxScaledError(double[] approx, double[] exact) {
        double scale = 0, worst = 0;
        for (double v : exact) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < exact.length; i++) {
            worst = Math.max(worst, Math.abs(approx[i] - exact[i]) / (scale + 1e-6 / FLOAT_TOLERANCE));
        }
        return worst;
    }

    @ParameterizedTest
    @EnumSource(Nonlinearity.class)
    void everyActivationsGradientAgreesWithTheCpu(Nonlinearity f) {
        checkActivation(gpuDouble, gpuFloat, f, 33);
    }

    /** A batch of 1000 rows: the row-per-thread output kernel runs over four blocks. */
    @Test
    void aBatchOverSeveralBlocksAgreesWithTheCpu() {
        checkActivation(gpuDouble, gpuFloat, Nonlinearity.TANH, 1000);
    }

    @Test
    void theGradientAgreesWithDl4jAndAutodiffFromTheBuildMachine() throws Exception {
        checkFixture(gpuDouble, gpuFloat);
    }

    /**
     * With activation {@code f} in the hidden layers, for every output loss: one batch of {@code rows} rows on
     * {@code dp} and {@code sp} against the CPU.
     */
    static void checkActivation(Device dp, Device sp, Nonlinearity f, int rows) {
        for (OutputLoss loss : OutputLoss.values()) {
            MlpSpec spec = EngineBench.mlp(new int[]{13, 17, 11, 5}, f, Optimizer.sgd(0.1), 0.01, 3);
            if (loss != OutputLoss.SOFTMAX_MCXENT) {
                spec = new MlpSpec(spec.layers(), loss, spec.l2(), spec.optimizer());
            }
            Random r = new Random(9);
            float[][] xy = EngineBench.syntheticBatch(rows, 13, 5, r);
            double[] x = widen(xy[0]), y = widen(xy[1]);
            double[] cpu = gradient(Devices.cpu(), spec, x, y, rows);
            double[] gd = gradient(dp, spec, x, y, rows);
            double[] gf = gradient(sp, spec, x, y, rows);
            assertTrue(maxRelative(gd, cpu) <= DOUBLE_TOLERANCE, f + " " + loss + " double: " + maxRelative(gd, cpu));
            assertTrue(maxScaledError(gf, cpu) <= FLOAT_TOLERANCE, f + " " + loss + " float: " + maxScaledError(gf, cpu));
        }
    }

    /** {@code dp} and {@code sp} against DL4J's and autodiff's gradients in the build machine's fixture. */
    static void checkFixture(Device dp, Device sp) throws Exception {
        GradientFixture fx = GradientFixture.read(fixture(FIXTURES, "gradient"));
        double[] gd = gradient(dp, fx.spec(), fx.features(), fx.labels(), fx.rows());
        double[] gf = gradient(sp, fx.spec(), fx.features(), fx.labels(), fx.rows());
        System.out.printf(Locale.ROOT,
                "fixture %s: GPU double vs DL4J %.2e, vs autodiff %.2e; GPU float vs DL4J %.2e (scaled)%n",
                fx.spec().shape(), maxRelative(gd, fx.dl4j()), maxRelative(gd, fx.autodiff()),
                maxScaledError(gf, fx.dl4j()));
        assertTrue(maxRelative(gd, fx.dl4j()) <= DOUBLE_TOLERANCE, "vs DL4J " + maxRelative(gd, fx.dl4j()));
        assertTrue(maxRelative(gd, fx.autodiff()) <= DOUBLE_TOLERANCE, "vs autodiff " + maxRelative(gd, fx.autodiff()));
        assertTrue(maxScaledError(gf, fx.dl4j()) <= FLOAT_TOLERANCE, "float vs DL4J " + maxScaledError(gf, fx.dl4j()));
    }

    /** The first of {@code candidates} that exists; the test is skipped when none does. */
    static Path fixture(List<Path> candidates, String what) {
        Path file = candidates.stream().filter(Files::isRegularFile).findFirst().orElse(null);
        Assumptions.assumeTrue(file != null, "no " + what + " fixture (run mvn test on the build machine first)");
        return file;
    }
}
