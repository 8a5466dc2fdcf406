package org.dlkit.cuda;

import org.dlkit.cli.Main;
import org.dlkit.engine.Device;
import org.dlkit.engine.Nonlinearity;
import org.dlkit.error.DlkitException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CUDA device without a GPU, on dlkit's CUDA emulator (src/cuda/emulator: libcuda, libcudart and libcublas on the
 * host, with engine.cu's kernels compiled for the host, strict about every byte a call touches). It runs the GPU
 * tests' own checks (every activation and loss against the CPU, the build machine's DL4J/autodiff fixture, the loss
 * curves, the digits run against DL4J's), so the FFM bindings, the kernel arguments and launch sizes, cuBLAS's
 * transposes and leading dimensions and the copy sizes are checked here; then {@code dlkit train --backend cuda} end
 * to end in a child JVM. What only a GPU shows (the driver's JIT of the PTX, float rounding of its maths library,
 * speed) is left to bin/cuda-check.
 */
class CudaEmulatorTest {

    static CudaDevice gpuDouble;
    static CudaDevice gpuFloat;

    @BeforeAll
    static void open() throws Exception {
        gpuDouble = CudaEmulator.open(true);
        gpuFloat = CudaEmulator.open(false);
    }

    @AfterAll
    static void close() {
        for (CudaDevice device : new CudaDevice[]{gpuDouble, gpuFloat}) {
            if (device != null) {
                device.close();
            }
        }
    }

    @Test
    void theDeviceSaysItIsTheEmulator() {
        assertTrue(gpuFloat.description().contains("dlkit CUDA emulator (host code, not a GPU)"),
                gpuFloat.description());
        assertTrue(gpuFloat.description().contains("float"), gpuFloat.description());
    }

    @ParameterizedTest
    @EnumSource(Nonlinearity.class)
    void everyActivationsGradientAgreesWithTheCpu(Nonlinearity f) {
        CudaGradientTest.checkActivation(gpuDouble, gpuFloat, f, 33);
    }

    @Test
    void aBatchOverSeveralBlocksAgreesWithTheCpu() {
        CudaGradientTest.checkActivation(gpuDouble, gpuFloat, Nonlinearity.TANH, 1000);
    }

    @Test
    void theGradientAgreesWithDl4jAndAutodiffFromTheFixture() throws Exception {
        CudaGradientTest.checkFixture(gpuDouble, gpuFloat);
    }

    @Test
    void aRealDatasetRunReachesDl4jsAccuracy() throws Exception {
        CudaTrainingTest.checkRealDataset(gpuDouble, gpuFloat);
    }

    @Test
    void aShortRunTracksTheCpuLossCurve() {
        CudaTrainingTest.checkCurve(gpuDouble, gpuFloat);
    }

    @Test
    void everyActivationsRunTracksTheCpu() {
        CudaTrainingTest.checkEveryActivationsCurve(gpuDouble, gpuFloat);
    }

    /** The emulator's checks are live: a bias shorter than Z's rows is refused, naming the kernel and argument. */
    @Test
    void aKernelReadingPastItsMatrixIsRefused() {
        Device d = gpuDouble;
        var z = d.allocate(4, 3);
        var shortBias = d.allocate(1, 2);
        DlkitException e = assertThrows(DlkitException.class,
                () -> d.biasActivation(z, shortBias, Nonlinearity.RELU, 0, d.allocate(4, 3)));
        assertTrue(e.getMessage().contains("cuLaunchKernel bias_act") && e.getMessage().contains("argument b"),
                e.getMessage());
    }

    /**
     * {@code dlkit train --backend cuda} in a child JVM that finds the emulator as libcuda.so.1 through
     * LD_LIBRARY_PATH (and cuBLAS through DLKIT_CUDA_LIBS), as a user's machine finds the driver: the engine line
     * names the CUDA device, the model directory evaluates, and the accuracy is the CPU engine's within one row.
     */
    @Test
    void trainWithBackendCudaWritesAModelThatEvaluates(@TempDir Path tmp) throws Exception {
        Path dir = CudaEmulator.dir();
        Path gpuModel = tmp.resolve("gpu");
        List<String> options = List.of("--data", "datasets/iris.csv", "--label", "species", "--epochs", "40");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                        .toString(), "--enable-native-access=ALL-UNNAMED", "-Djava.awt.headless=true", "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "train", "--backend", "cuda", "--out",
                gpuModel.toString()));
        command.addAll(options);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("LD_LIBRARY_PATH", dir.toString());
        builder.environment().put("DLKIT_CUDA_LIBS", dir.toString());
        Process child = builder.start();
        String gpuOut = new String(child.getInputStream().readAllBytes());
        assertTrue(child.waitFor(300, TimeUnit.SECONDS), "train --backend cuda took over 300 s");
        assertEquals(0, child.exitValue(), gpuOut);
        assertTrue(gpuOut.contains("engine dlkit on CUDA"), gpuOut);
        assertTrue(gpuOut.contains("dlkit CUDA emulator"), gpuOut);
        assertTrue(Files.isRegularFile(gpuModel.resolve("model.zip")), "model.zip written");

        List<String> cpuArgs = new ArrayList<>(List.of("train", "--engine", "dlkit", "--out",
                tmp.resolve("cpu").toString()));
        cpuArgs.addAll(options);
        String cpuOut = run(cpuArgs.toArray(String[]::new));
        String evaluated = run("evaluate", "--model", gpuModel.toString(), "--data", "datasets/iris.csv");
        double gpu = accuracy(gpuOut), cpu = accuracy(cpuOut), again = accuracy(evaluated);
        assertTrue(Math.abs(gpu - cpu) <= 1.0 / 30 + 1e-9, "accuracy on the emulated GPU " + gpu + ", CPU " + cpu);
        assertTrue(gpu >= 0.8, "the emulated GPU run learns: " + gpuOut);
        assertTrue(again >= 0.8, "evaluate reads the model: " + evaluated);
    }

    private static String run(String... args) {
        StringWriter out = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(out, true), args);
        assertEquals(0, code, String.join(" ", args) + ": " + out);
        return out.toString();
    }

    private static double accuracy(String output) {
        Matcher m = Pattern.compile("(?m)^accuracy (\\d\\.\\d+)").matcher(output);
        assertTrue(m.find(), "an accuracy line in: " + output);
        return Double.parseDouble(m.group(1));
    }

    /**
     * The live UI listens to DL4J's fit loop, which does not run when dlkit's engine trains on the GPU: --ui with
     * --backend cuda is refused before the UI starts, instead of serving a page that never gets a number.
     */
    @Test
    void theLiveUiIsRefusedWhenDlkitsEngineTrainsOnTheGpu(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("ui");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                        .toString(), "--enable-native-access=ALL-UNNAMED", "-Djava.awt.headless=true", "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "train", "--backend", "cuda", "--ui",
                "--ui-exit", "--ui-port", "0", "--epochs", "2", "--out", out.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("LD_LIBRARY_PATH", CudaEmulator.dir().toString());
        builder.environment().put("DLKIT_CUDA_LIBS", CudaEmulator.dir().toString());
        Process child = builder.start();
        String output = new String(child.getInputStream().readAllBytes());
        assertTrue(child.waitFor(300, TimeUnit.SECONDS), "train --backend cuda --ui took over 300 s");
        assertEquals(2, child.exitValue(), output);
        assertTrue(output.contains("dlkit: --ui cannot watch this run: dlkit's engine trains it"), output);
        assertTrue(!output.contains("training UI:"), "the UI did not start: " + output);
        assertTrue(!Files.exists(out) && !Files.exists(tmp.resolve("ui.partial")), "nothing written");
    }
}
