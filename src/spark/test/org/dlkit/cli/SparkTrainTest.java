package org.dlkit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code dlkit train --spark local[2]}: the same split, normaliser and model directory as training on one machine, an
 * accuracy within a few points of it, and one-line errors (nothing written) for the Spark faults found before training.
 */
class SparkTrainTest {

    @TempDir
    Path dir;

    @Test
    void localSparkTrainsTheSameModelDirectoryAndAccuracyAsOneMachine() throws IOException {
        String[] common = {"--data", "datasets/iris.csv", "--epochs", "40", "--learning-rate", "0.01",
                "--patience", "0", "--diagnostics-every", "0"};
        Path single = dir.resolve("single");
        CliRun one = CliRun.of(concat(new String[]{"train", "--out", single.toString()}, common));
        assertEquals(0, one.exitCode(), one.err());
        Path spark = dir.resolve("spark");
        CliRun run = CliRun.of(concat(new String[]{"train", "--out", spark.toString(), "--spark", "local[2]",
                "--averaging-frequency", "1"}, common));
        assertEquals(0, run.exitCode(), run.err());

        for (String file : new String[]{"model.zip", "metadata.json", "history.csv", "loss.png", "accuracy.png",
                "training.json", "report.html"}) {
            assertTrue(Files.isRegularFile(spark.resolve(file)), file + " in the Spark model directory");
        }
        JsonNode a = new ObjectMapper().readTree(single.resolve("metadata.json").toFile());
        JsonNode b = new ObjectMapper().readTree(spark.resolve("metadata.json").toFile());
        assertEquals(a.get("feature_names"), b.get("feature_names"), "same schema");
        assertEquals(a.get("class_names"), b.get("class_names"));
        assertEquals(a.at("/metrics/support"), b.at("/metrics/support"), "same held-out test rows");
        assertTrue(b.at("/settings/epoch_runner").asText().contains("Spark local[2]"), b.toString());
        double accuracyOne = a.at("/metrics/accuracy").asDouble();
        double accuracySpark = b.at("/metrics/accuracy").asDouble();
        assertTrue(accuracySpark >= accuracyOne - 0.1, "Spark " + accuracySpark + " vs one machine " + accuracyOne);
        assertEquals(41, Files.readAllLines(spark.resolve("history.csv")).size(), "40 epochs recorded");

        CliRun evaluate = CliRun.of("evaluate", "--model", spark.toString(), "--data", "datasets/iris.csv");
        assertEquals(0, evaluate.exitCode(), evaluate.err());
    }

    @Test
    void tooFewRowsForTheWorkersIsOneLineAndWritesNothing() {
        Path out = dir.resolve("m");
        CliRun run = CliRun.of("train", "--data", "datasets/iris.csv", "--out", out.toString(), "--spark", "local[2]",
                "--workers", "4", "--batch-size-per-worker", "32", "--test-fraction", "0.2", "--validation-fraction", "0.2");
        // 150 rows: 30 test, then 24 of the other 120 for validation: 96 to train on
        assertOneLine(run, "96 training rows are too few for 4 workers with batches of 32 rows");
        assertNothingWritten();
    }

    @Test
    void batchGradientDescentOverSeveralWorkersIsOneLineNamingTheWayOn() {
        CliRun run = CliRun.of("train", "--data", "datasets/iris.csv", "--out", dir.resolve("m").toString(), "--spark",
                "local[2]", "--workers", "2", "--gradient-descent", "batch");
        assertOneLine(run, "batch gradient descent takes all 96 training rows in one batch, which 2 workers cannot "
                + "share");
        assertTrue(run.err().contains("--batch-size-per-worker N) or --workers 1"), run.err());
        assertNothingWritten();
    }

    @Test
    void unreachableMasterIsOneLineAndWritesNothing() throws IOException {
        // a bound socket that does not listen: connections to its port are refused, and no other process can take
        // the port while it is held (a port probed with a ServerSocket and closed again could be taken meanwhile)
        try (Socket reserved = new Socket()) {
            reserved.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = reserved.getLocalPort();
            CliRun run = CliRun.of("train", "--data", "datasets/iris.csv", "--out", dir.resolve("m").toString(),
                    "--spark", "spark://127.0.0.1:" + port);
            assertOneLine(run, "cannot reach the Spark master spark://127.0.0.1:" + port);
        }
        assertNothingWritten();
    }

    @Test
    void aPortThatAcceptsButIsNoSparkMasterIsOneLineWithinTheLookupLimit() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            // accepts connections (the backlog), never answers: Spark's own registration would retry for 3 x 20 s
            String master = "spark://127.0.0.1:" + silent.getLocalPort();
            CliRun run = CliRun.of("train", "--data", "datasets/iris.csv", "--out", dir.resolve("m").toString(),
                    "--spark", master);
            assertOneLine(run, "no Spark master answered at " + master + " within 10 s");
        }
        assertNothingWritten();
    }

    @Test
    void sparkOptionsNeedSparkAndValidValues() {
        assertOneLine(CliRun.of("train", "--out", dir.resolve("m").toString(), "--workers", "2"),
                "--workers needs --spark MASTER");
        assertOneLine(CliRun.of("train", "--out", dir.resolve("m").toString(), "--spark", "local[2]",
                "--averaging-frequency", "0"), "--averaging-frequency 0 is invalid");
        assertOneLine(CliRun.of("train", "--out", dir.resolve("m").toString(), "--spark", "local[2]",
                "--batch-size-per-worker", "-3"), "--batch-size-per-worker -3 is invalid");
        // masters Spark cannot parse: refused before the data is read, not an internal error from Spark's start
        assertOneLine(CliRun.of("train", "--out", dir.resolve("m").toString(), "--spark", "foo"),
                "--spark foo: expected local[N]");
        assertOneLine(CliRun.of("train", "--out", dir.resolve("m").toString(), "--spark", "local[0]"),
                "--spark local[0]: 0 worker threads");
        // the live UI and dlkit's engine need this JVM's fit loop: refused before anything is read or written
        assertOneLine(CliRun.of("train", "--out", dir.resolve("m").toString(), "--spark", "local[2]", "--ui",
                "--ui-exit", "--ui-port", "9318"), "--ui cannot watch --spark training");
        assertOneLine(CliRun.of("train", "--out", dir.resolve("m").toString(), "--spark", "local[2]", "--engine",
                "dlkit"), "--engine dlkit cannot train with --spark");
        // asked-for diagnostics would silently not run: refused as well
        assertOneLine(CliRun.of("train", "--out", dir.resolve("m").toString(), "--spark", "local[2]",
                "--diagnostics-every", "5"), "--diagnostics-every 5 cannot watch --spark training");
        assertNothingWritten();
    }

    private static void assertOneLine(CliRun run, String expected) {
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains(expected), "expected '" + expected + "' in: " + run.err());
        assertTrue(run.oneLineError(), "one line, no stack trace: " + run.err());
    }

    private void assertNothingWritten() {
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(0, files.count(), "nothing written, no .partial left");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String[] concat(String[] a, String[] b) {
        return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
    }
}
