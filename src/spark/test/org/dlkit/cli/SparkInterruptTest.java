package org.dlkit.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ctrl-C (SIGINT) during {@code train --spark local[2]}: Spark's own shutdown hook stops the context under the running
 * epoch, which is not a failed training: one line says what is kept and how to continue, and {@code --resume} does.
 */
class SparkInterruptTest {

    @TempDir
    Path dir;

    @Test
    void ctrlCIsOneInterruptedLineAndTheRunResumes() throws Exception {
        Path out = dir.resolve("digits");
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String printed = InterruptTest.interruptAtFirstCheckpoint(dir, out, List.of(
                "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "-cp",
                classpath), List.of("train", "--spark", "local[2]", "--data", "datasets/digits.csv", "--out",
                out.toString(), "--epochs", "8", "--patience", "0", "--checkpoint-every", "1"), 10);
        assertTrue(printed.contains("dlkit: interrupted: nothing was written to " + out), printed);
        assertTrue(printed.contains("keeps the checkpoint of epoch "), printed);
        assertEquals(1, printed.lines().filter(line -> line.startsWith("dlkit: ")).count(),
                "one line, no 'training on Spark failed' after the interrupt: " + printed);

        CliRun resumed = CliRun.of("train", "--resume", out.toString());
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.out().contains("Spark local[2]"), "resumed on Spark: " + resumed.out());
        assertEquals(9, Files.readAllLines(out.resolve("history.csv")).size(), "8 epochs in the history");
        assertFalse(Files.exists(dir.resolve("digits.partial")), "the partial run is gone once finished");
    }
}
