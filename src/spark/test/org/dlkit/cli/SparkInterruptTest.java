package org.dlkit.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

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
        Path log = dir.resolve("child.log");
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.awt.headless=true", "--add-opens=java.base/java.nio=ALL-UNNAMED",
                "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "-cp", classpath, "org.dlkit.cli.Main",
                "train", "--spark", "local[2]", "--data", "datasets/digits.csv", "--out", out.toString(),
                "--epochs", "8", "--patience", "0", "--checkpoint-every", "1")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("OMP_NUM_THREADS", "1");
        Process child = builder.start();
        Path checkpoints = dir.resolve("digits.partial").resolve("checkpoints");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!ResumeTest.hasCheckpoint(checkpoints) && child.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(child.isAlive(), "still training at the first checkpoint: " + Files.readString(log));
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(child.pid())).start();
        assertEquals(0, kill.waitFor(), "kill -INT");
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child stops on SIGINT");

        String printed = Files.readString(log);
        assertEquals(130, child.exitValue(), printed);
        assertFalse(Files.exists(out), "nothing written to --out");
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
