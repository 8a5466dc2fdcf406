package org.dlkit.cuda;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.dlkit.Classifier;
import org.dlkit.backend.Backends;
import org.dlkit.cli.Main;
import org.dlkit.data.LabelledData;
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
import java.util.Map;
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
        Path gpuModel = tmp.resolve("gpu");
        List<String> options = List.of("--data", "datasets/iris.csv", "--label", "species", "--epochs", "40");
        List<String> args = new ArrayList<>(List.of("train", "--backend", "cuda", "--out", gpuModel.toString()));
        args.addAll(options);
        String gpuOut = onTheEmulator(args);
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

    /**
     * {@code --backend auto} (the default) with a driver that opens: dlkit's engine trains on the "GPU", ND4J on the
     * CPU, and the line says so and why; the model evaluates.
     */
    @Test
    void autoPicksDlkitsEngineOnTheGpuWhenItsDeviceOpens(@TempDir Path tmp) throws Exception {
        Path model = tmp.resolve("auto");
        String out = onTheEmulator(List.of("train", "--data", "datasets/iris.csv", "--label", "species", "--epochs",
                "40", "--out", model.toString()));
        assertTrue(out.contains("engine dlkit on CUDA (auto: a GPU dlkit's engine can use: an NVIDIA driver: "
                + "libcuda.so.1 at " + CudaEmulator.dir().resolve("libcuda.so.1") + ", no GPU listed by nvidia-smi; "
                + "ND4J prepares data and evaluates on the CPU)"), out);
        assertTrue(out.contains("engine device: CUDA dlkit CUDA emulator"), out);
        assertTrue(accuracy(out) >= 0.8, "the run on the emulated GPU learns: " + out);
        assertTrue(accuracy(run("evaluate", "--model", model.toString(), "--data", "datasets/iris.csv")) >= 0.8);
    }

    /**
     * An interrupted run that trained on the GPU resumes there under auto; in this test JVM, which finds no driver,
     * the resume is refused instead of going on on the CPU silently.
     */
    @Test
    void aGpuRunResumesOnTheGpu(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("run");
        Path partial = tmp.resolve("run.partial");
        Classifier.builder().epochs(4).checkpoints(partial.resolve("checkpoints"), 2).build()
                .fit(LabelledData.fromCsv(Path.of("datasets/iris.csv"), "species"));
        ObjectMapper json = new ObjectMapper();
        json.writeValue(partial.resolve("command.json").toFile(), Map.of("arguments", List.of("--data",
                "datasets/iris.csv", "--label", "species", "--epochs", "8", "--checkpoint-every", "2"),
                "working_directory", Path.of("").toAbsolutePath().toString()));
        Path state = partial.resolve("checkpoints/epoch-0004/state.json");
        ObjectNode recorded = (ObjectNode) json.readTree(state.toFile());
        recorded.put("engine", "dlkit-cuda"); // as a run on the GPU records it
        json.writeValue(state.toFile(), recorded);

        if (Backends.gpuPresent().isEmpty()) {
            StringWriter refused = new StringWriter();
            assertEquals(2, Main.run(new PrintWriter(refused, true), new PrintWriter(refused, true), "train",
                    "--resume", out.toString()), refused.toString());
            assertTrue(refused.toString().contains("--resume: this run trained on the GPU with dlkit's engine"),
                    refused.toString());
        }
        String resumed = onTheEmulator(List.of("train", "--resume", out.toString()));
        assertTrue(resumed.contains("resumed from the checkpoint of epoch 4"), resumed);
        assertTrue(resumed.contains("engine dlkit on CUDA (auto: a GPU dlkit's engine can use: "), resumed);
        assertTrue(Files.isRegularFile(out.resolve("model.zip")), resumed);
    }

    /** {@code dlkit} in a child JVM that finds the emulator as the driver (LD_LIBRARY_PATH) and cuBLAS; its output. */
    private static String onTheEmulator(List<String> args) throws Exception {
        Path dir = CudaEmulator.dir();
        CudaEmulator.Run run = CudaEmulator.dlkit(Map.of("LD_LIBRARY_PATH", dir.toString(), "DLKIT_CUDA_LIBS",
                dir.toString()), args);
        assertEquals(0, run.exit(), run.output());
        return run.output();
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
        CudaEmulator.Run run = CudaEmulator.dlkit(Map.of("LD_LIBRARY_PATH", CudaEmulator.dir().toString(),
                "DLKIT_CUDA_LIBS", CudaEmulator.dir().toString()), List.of("train", "--backend", "cuda", "--ui",
                "--ui-exit", "--ui-port", "0", "--epochs", "2", "--out", out.toString()));
        String output = run.output();
        assertEquals(2, run.exit(), output);
        assertTrue(output.contains("dlkit: --ui cannot watch this run: dlkit's engine trains it"), output);
        assertTrue(!output.contains("training UI:"), "the UI did not start: " + output);
        assertTrue(!Files.exists(out) && !Files.exists(tmp.resolve("ui.partial")), "nothing written");
    }
}
