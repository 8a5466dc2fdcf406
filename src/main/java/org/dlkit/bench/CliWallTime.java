package org.dlkit.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Wall time of {@code bin/dlkit train} on the bundled iris CSV, start-up included, as a user types it: a child process
 * with the launcher's own JVM options, writing its model into a scratch folder.
 */
final class CliWallTime {

    /**
     * @param seconds wall seconds, NaN when not measured
     * @param note    the command run, or why it was not run
     */
    record Result(double seconds, String note) {
    }

    private CliWallTime() {
    }

    /** Runs {@code home/bin/dlkit train} on {@code home/datasets/iris.csv} into {@code work}. */
    static Result iris(Path home, Path work) {
        Path launcher = home.resolve("bin/dlkit");
        Path iris = home.resolve("datasets/iris.csv");
        if (!Files.isExecutable(launcher) || !Files.isRegularFile(iris)) {
            return new Result(Double.NaN, "not measured: no " + launcher + " or " + iris
                    + " (run dlkit bench through bin/dlkit, or pass --home)");
        }
        List<String> command = List.of(launcher.toString(), "train", "--data", iris.toString(), "--out",
                work.resolve("iris-model").toString(), "--force");
        try {
            long start = System.nanoTime();
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(work.resolve("iris-train.log").toFile()).start();
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return new Result(Double.NaN, "not measured: bin/dlkit train ran over 10 minutes");
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return process.exitValue() == 0 ? new Result(seconds, String.join(" ", command))
                    : new Result(Double.NaN, "not measured: bin/dlkit train exited with " + process.exitValue()
                            + " (see " + work.resolve("iris-train.log") + ")");
        } catch (IOException e) {
            return new Result(Double.NaN, "not measured: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(Double.NaN, "not measured: interrupted");
        }
    }
}
