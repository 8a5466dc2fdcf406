package org.dlkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchCommandTest {

    @Test
    void printsBackendThreadsAndExamplesPerSecond() {
        Run run = Run.of(new BenchCommand(), "--backend", "cpu", "--throughput", "--batch", "32", "--seconds", "0.5",
                "--warmup", "0.2");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("backend      cpu (cpu: asked for)"), run.out());
        assertTrue(run.out().contains("threads      OpenMP threads 1"), run.out());
        examplesPerSecond(run);
    }

    @Test
    void dlkitsEnginePrintsItsDeviceAndExamplesPerSecond() {
        Run run = Run.of(new BenchCommand(), "--backend", "cpu", "--engine", "dlkit", "--batch", "32", "--seconds",
                "0.3", "--warmup", "0.1");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("engine       engine dlkit on the CPU (--engine dlkit"), run.out());
        assertTrue(run.out().contains("\ndevice       CPU (float: OpenBLAS"), run.out());
        assertFalse(run.err().contains("engine dlkit"), "the engine line is printed once, in the report: " + run.err());
        assertTrue(run.out().contains("model        MLP 784-512-256-10, fp32, Adam, batch 32, synthetic data on the "
                + "device (seed 42)"), run.out());
        examplesPerSecond(run);
    }

    /** A list of batch sizes: one engine and device line, then a measurement per size, in order. */
    @Test
    void aListOfBatchSizesMeasuresEach() {
        Run run = Run.of(new BenchCommand(), "--backend", "cpu", "--engine", "dlkit", "--batch", "16,48", "--seconds",
                "0.2", "--warmup", "0");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(1, run.out().split("\ndevice ", -1).length - 1, run.out());
        Matcher model = Pattern.compile("Adam, batch (\\d+),").matcher(run.out());
        assertTrue(model.find() && model.group(1).equals("16"), run.out());
        assertTrue(model.find() && model.group(1).equals("48"), run.out());
        assertEquals(2, examplesPerSecond(run).size(), run.out());
    }

    /** Every examples/s figure the report printed, in order; there is one at least, and each is positive. */
    private static List<Long> examplesPerSecond(Run run) {
        Matcher rate = Pattern.compile("examples/s   (\\d+)").matcher(run.out());
        List<Long> rates = new ArrayList<>();
        while (rate.find()) {
            rates.add(Long.parseLong(rate.group(1)));
        }
        assertTrue(!rates.isEmpty() && rates.stream().allMatch(r -> r > 0), run.out());
        return rates;
    }

    /** The harness on a small job: every section present, ratios and shares computed from the measured numbers. */
    @Test
    void harnessReportsEverySectionAsTableAndJson(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("bench.json");
        Run run = Run.of(new BenchCommand(), "--backend", "cpu", "--rows", "300", "--epochs", "2",
                "--sgemm-seconds", "0.3", "--no-cli", "--json", json.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("(b) SGEMM 1024^3"), run.out());
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        double ceiling = report.get("sgemm1024Gflops").asDouble();
        assertTrue(ceiling > 0);
        assertEquals(2, report.get("training").size());
        for (JsonNode row : report.get("training")) {
            double wrapper = row.get("classifierExamplesPerSecond").asDouble();
            double plain = row.get("plainExamplesPerSecond").asDouble();
            assertTrue(wrapper > 0 && plain > 0, row.toString());
            assertEquals(wrapper / plain, row.get("classifierOverPlain").asDouble(), 0.01 * wrapper / plain);
            assertEquals(6.0 * 535_818 * wrapper / 1e9 / ceiling, row.get("classifierShareOfSgemm").asDouble(),
                    0.01 * row.get("classifierShareOfSgemm").asDouble());
            assertEquals(1, row.get("classifierEpochSeconds").size()); // 2 epochs, the first left out
            assertEquals(1, row.get("plainEpochSeconds").size());      // one plain epoch after each of the Classifier's
        }
        assertTrue(report.get("csv").get("loadMBps").get(0).asDouble() > 0);
        assertEquals(535_818, report.get("parameters").asLong());

        Run again = Run.of(new BenchCommand(), "--backend", "cpu", "--rows", "300", "--epochs", "2",
                "--no-cli", "--json", json.toString());
        assertEquals(2, again.exitCode(), "an existing --json file needs --force");
    }

    /** {@code --json -}: standard output gets the JSON alone (to pipe into jq), the table goes to standard error. */
    @Test
    void jsonDashWritesTheReportToStandardOutput() throws Exception {
        Run run = Run.of(new BenchCommand(), "--backend", "cpu", "--rows", "300", "--epochs", "2",
                "--sgemm-seconds", "0.1", "--no-cli", "--json", "-");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode report = new ObjectMapper().readTree(run.out());
        assertEquals(535_818, report.get("parameters").asLong());
        assertTrue(run.err().contains("(b) SGEMM 1024^3"), run.err());
        assertFalse(java.nio.file.Files.exists(Path.of("-")), "no file named '-'");
    }

    @Test
    void tooFewEpochsOrRowsAreUserErrors() {
        Run epochs = Run.of(new BenchCommand(), "--backend", "cpu", "--epochs", "1", "--no-cli");
        assertEquals(2, epochs.exitCode());
        assertTrue(epochs.err().startsWith("--epochs: expected at least 2"), epochs.err());
        Run rows = Run.of(new BenchCommand(), "--backend", "cpu", "--rows", "10", "--no-cli");
        assertEquals(2, rows.exitCode());
        assertTrue(rows.err().startsWith("--rows: expected at least 100 rows"), rows.err());
    }

    @Test
    void aBadBatchIsAUserError() {
        Run run = Run.of(new BenchCommand(), "--backend", "cpu", "--throughput", "--batch", "0");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith("--batch: "), run.err());
    }

    /** One line of error, no stack trace; a bad size anywhere in a list stops the run before anything is measured. */
    @Test
    void aBadBatchOrTimeIsAUserErrorOnDlkitsEngineToo() {
        Run batch = Run.of(new BenchCommand(), "--backend", "cpu", "--engine", "dlkit", "--batch", "-1");
        assertEquals(2, batch.exitCode(), batch.err());
        assertTrue(batch.err().strip().lines().reduce((a, b) -> b).orElse("").startsWith("--batch: "), batch.err());
        Run list = Run.of(new BenchCommand(), "--backend", "cpu", "--engine", "dlkit", "--batch", "32,0");
        assertEquals(2, list.exitCode(), list.err());
        assertTrue(list.err().strip().startsWith("--batch: ") && !list.out().contains("examples/s"),
                list.out() + list.err());
        Run seconds = Run.of(new BenchCommand(), "--backend", "cpu", "--engine", "dlkit", "--seconds", "0");
        assertEquals(2, seconds.exitCode(), seconds.err());
        assertTrue(seconds.err().strip().lines().reduce((a, b) -> b).orElse("").startsWith("--seconds: "),
                seconds.err());
        assertFalse(batch.err().contains("Exception") || seconds.err().contains("Exception"), batch.err());
    }
}
