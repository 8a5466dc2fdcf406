package org.dlkit.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Wall time of {@code bin/dlkit train} on the bundled iris CSV, start-up included, as a user types it: a child process
 * with the launcher's own JVM options, writing its model into a scratch folder. It runs twice: the first run after a
 * build also writes the launcher's class-data archive, so the second is the figure, and the first is kept beside it.
 */
final class CliWallTime {

    /**
     * @param seconds      wall seconds of the second run, NaN when not measured
     * @param firstSeconds wall seconds of the first run, NaN when not measured
     * @param note         the command run, or why it was not run
     */
    record Result(double seconds, double firstSeconds, String note) {

        static Result notMeasured(String why) {
            return new Result(Double.NaN, Double.NaN, why);
        }
    }

    private CliWallTime() {
    }

    /** Runs {@code home/bin/dlkit train} on {@code home/datasets/iris.csv} into {@code work}. */
    static Result iris(Path home, Path work) {
        Path launcher = home.resolve("bin/dlkit");
        Path iris = home.resolve("datasets/iris.csv");
        if (!Files.isExecutable(launcher) || !Files.isRegularFile(iris)) {
            return Result.notMeasured("not measured: no " + launcher + " or " + iris
                    + " (run dlkit bench through bin/dlkit, or pass --home)");
        }
        List<String> command = List.of(launcher.toString(), "train", "--data", iris.toString(), "--out",
                work.resolve("iris-model").toString(), "--force");
        double[] seconds = new double[2];
        for (int run = 0; run < seconds.length; run++) {
            String failed = runOnce(command, work, seconds, run);
            if (failed != null) {
                return Result.notMeasured(failed);
            }
        }
        return new Result(seconds[1], seconds[0], String.join(" ", command));
    }

    /** Runs {@code command} once, its wall seconds into {@code seconds[run]}; null, or why it was not measured. */
    private static String runOnce(List<String> command, Path work, double[] seconds, int run) {
        Path log = work.resolve("iris-train.log");
        try {
            long start = System.nanoTime();
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                    .start();
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return "not measured: bin/dlkit train ran over 10 minutes";
            }
            seconds[run] = (System.nanoTime() - start) / 1e9;
            return process.exitValue() == 0 ? null
                    : "not measured: bin/dlkit train exited with " + process.exitValue() + " (see " + log + ")";
        } catch (IOException e) {
            return "not measured: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "not measured: interrupted";
        }
    }
}
