package org.dlkit.cuda;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * dlkit's CUDA emulator (src/cuda/emulator) for the tests: built once per test run into target/cuda-emulator with
 * g++ (the tests that use it skip where there is no g++), opened as a {@link CudaDevice} by path, so the test JVM's
 * own libcuda.so.1 lookup, and with it {@link CudaTestGpu#available()}, stays untouched.
 */
final class CudaEmulator {

    static final Path DIR = Path.of("target/cuda-emulator").toAbsolutePath();
    private static boolean built;

    private CudaEmulator() {
    }

    /** The folder with libcuda.so.1, libcudart.so.13 and libcublas.so.13 of the emulator, built on first use. */
    static synchronized Path dir() throws IOException, InterruptedException {
        if (!built) {
            Assumptions.assumeTrue(gccPresent(), "no g++ here: the CUDA emulator tests skip");
            Process p = new ProcessBuilder("bash", "src/cuda/emulator/build", DIR.toString()).redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes());
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the emulator build took over 120 s");
            assertEquals(0, p.exitValue(), "src/cuda/emulator/build failed: " + out);
            built = true;
        }
        return DIR;
    }

    /** A {@link CudaDevice} on the emulator, in double or float. */
    static CudaDevice open(boolean doublePrecision) throws IOException, InterruptedException {
        Path dir = dir();
        return new CudaDevice(new Cuda(dir.resolve("libcuda.so.1"), List.of(), List.of(dir)), doublePrecision);
    }

    /** The exit status and output of a {@code dlkit} child JVM. */
    record Run(int exit, String output) {
    }

    /**
     * {@code dlkit args} in a child JVM on this test's class path with {@code env} added to the environment (the
     * emulator as the driver through LD_LIBRARY_PATH, DLKIT_CUDA_LIBS, DLKIT_CUDA_EMULATOR_DRIVER_VERSION, ...).
     */
    static Run dlkit(Map<String, String> env, List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                        .toString(), "--enable-native-access=ALL-UNNAMED", "-Djava.awt.headless=true", "-cp",
                System.getProperty("java.class.path"), org.dlkit.cli.Main.class.getName()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process child = builder.start();
        String out = new String(child.getInputStream().readAllBytes());
        assertTrue(child.waitFor(300, TimeUnit.SECONDS), String.join(" ", args) + " took over 300 s");
        return new Run(child.exitValue(), out);
    }

    private static boolean gccPresent() {
        try {
            Process p = new ProcessBuilder("g++", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 && Files.isRegularFile(
                    Path.of("src/cuda/emulator/cuda_emulator.cpp"));
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
