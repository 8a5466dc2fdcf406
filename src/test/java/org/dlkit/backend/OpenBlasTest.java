package org.dlkit.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.bytedeco.javacpp.Loader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenBlasTest {

    @Test
    void dlkitsOpenBlasRunsOnLinuxX86WithNamedKernels() {
        assumeTrue("linux-x86_64".equals(Loader.getPlatform()));
        OpenBlas.Status status = OpenBlas.preload();
        assertTrue(status.current(), status.line());
        assertNotEquals("unknown", status.kernels(), status.line());
        assertTrue(OpenBlas.loadedLibrary("libopenblas.so.0").isPresent());
    }

    /**
     * The bundled OpenBLAS (in a child JVM with {@code -Ddlkit.blas=bundled}) and dlkit's give the same loss, gradient
     * and Adam trajectory within float32 tolerance: the BLAS changes the speed, not the results.
     */
    @Test
    void resultsEqualTheBundledBlasWithinFloatTolerance(@TempDir Path dir) throws Exception {
        assumeTrue("linux-x86_64".equals(Loader.getPlatform()));
        Path file = dir.resolve("bundled.bin");
        Process child = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Ddlkit.blas=bundled",
                BlasResults.class.getName(), file.toString()))
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        assertTrue(child.waitFor(5, TimeUnit.MINUTES), "child JVM timed out");
        assertEquals(0, child.exitValue(), () -> "child JVM failed; see " + dir.resolve("child.log"));
        BlasResults bundled = BlasResults.read(file);
        BlasResults current = BlasResults.compute();

        assertTrue(bundled.library().contains("0.3.19"), bundled.library());
        assertTrue(current.library().contains("0.3.31"), current.library());
        assertEquals(bundled.loss(), current.loss(), 1e-5 * Math.abs(bundled.loss()));
        float[] a = bundled.gradient();
        float[] b = current.gradient();
        assertEquals(a.length, b.length);
        double scale = 0;
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            scale = Math.max(scale, Math.abs(a[i]));
            worst = Math.max(worst, Math.abs(a[i] - b[i]));
        }
        assertTrue(scale > 0);
        assertTrue(worst <= 1e-5 * scale, "largest gradient difference " + worst + " of max |g| " + scale);
        for (int step = 0; step < a.length && step < bundled.losses().length; step++) {
            assertEquals(bundled.losses()[step], current.losses()[step], 1e-4 * Math.abs(bundled.losses()[step]),
                    "loss after Adam step " + (step + 1));
        }
        assertTrue(current.losses()[14] < current.loss(), "Adam lowered the loss");
    }

    @Test
    void bundledFallbackIsReportedWithItsReason() {
        OpenBlas.Status status = new OpenBlas.Status("OpenBLAS 0.3.19 (bundled with ND4J)", null, "unknown", "why");
        assertTrue(!status.current());
        assertTrue(status.line().contains("why"));
    }
}
