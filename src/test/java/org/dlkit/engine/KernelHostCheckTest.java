package org.dlkit.engine;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CUDA kernels' maths without a GPU: src/cuda/kernels/host_check.cpp includes engine.cu with the CUDA keywords
 * defined away, runs every kernel on the CPU and checks derivatives and deltas against finite differences. Skipped
 * where no C++ compiler (g++) is installed.
 */
class KernelHostCheckTest {

    @Test
    void kernelsDerivativesAndDeltasMatchFiniteDifferences(@TempDir Path tmp) throws Exception {
        Assumptions.assumeTrue(run(tmp, "g++", "--version").exitValue() == 0, "no g++ here");
        Path exe = tmp.resolve("host_check");
        Process build = run(tmp, "g++", "-O1", "-std=c++17", "-w", "-o", exe.toString(),
                Path.of("src/cuda/kernels/host_check.cpp").toAbsolutePath().toString());
        assertEquals(0, build.exitValue(), new String(build.getInputStream().readAllBytes()));
        Process check = run(tmp, exe.toString());
        String out = new String(check.getInputStream().readAllBytes());
        assertEquals(0, check.exitValue(), out);
        assertTrue(out.contains("all kernel checks passed"), out);
    }

    private static Process run(Path dir, String... command) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            return new ProcessBuilder("false").start().onExit().get();
        }
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " took more than 120 s");
        }
        return p;
    }
}
