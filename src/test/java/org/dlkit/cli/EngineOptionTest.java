package org.dlkit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.dlkit.backend.Backends;
import org.dlkit.engine.Devices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code train --engine dlkit} on the CPU against DL4J, and {@code --backend cuda} where the CUDA engine cannot run. */
class EngineOptionTest {

    @TempDir
    Path dir;

    @Test
    void dlkitsEngineTracksDl4jsHistoryAndWritesAModelEvaluateReads() throws Exception {
        Path dl4j = dir.resolve("dl4j"), engine = dir.resolve("engine");
        CliRun a = CliRun.of("train", "--data", "datasets/iris.csv", "--epochs", "30", "--engine", "dl4j",
                "--out", dl4j.toString());
        CliRun b = CliRun.of("train", "--data", "datasets/iris.csv", "--epochs", "30", "--engine", "dlkit",
                "--out", engine.toString());
        assertEquals(0, a.exitCode(), a.err());
        assertEquals(0, b.exitCode(), b.err());
        assertTrue(b.out().contains("engine dlkit on the CPU"), b.out());
        assertEquals(1, b.out().split("engine dlkit on the CPU", -1).length - 1 + b.err().split("engine dlkit on the CPU", -1).length - 1,
                "the engine line is printed once");
        // DL4J and the CPU engine both train in float, summing in different orders: the curves agree to float precision
        assertHistoriesAgree(dl4j, engine, 1e-4);
        ObjectMapper json = new ObjectMapper();
        assertEquals(json.readTree(dl4j.resolve("metadata.json").toFile()).at("/metrics/accuracy").asDouble(),
                json.readTree(engine.resolve("metadata.json").toFile()).at("/metrics/accuracy").asDouble(), 1e-9);
        Path out = dir.resolve("eval.json");
        CliRun evaluate = CliRun.of("evaluate", "--model", engine.toString(), "--data", "datasets/iris.csv",
                "--json", out.toString());
        assertEquals(0, evaluate.exitCode(), evaluate.err());
        assertTrue(json.readTree(out.toFile()).get("accuracy").asDouble() > 0.8);
    }

    /**
     * With L2 the training loss is DL4J's score of each batch before its update, data loss plus ½λ‖W‖² of the weights
     * that batch saw (the engine once added the penalty of the epoch's last weights: 1.5e-4 off on wine).
     */
    @Test
    void withL2TheTrainingLossIsEachBatchsScoreBeforeItsUpdateAsDl4js() throws Exception {
        Path dl4j = dir.resolve("dl4j"), engine = dir.resolve("engine");
        for (Path out : List.of(dl4j, engine)) {
            CliRun run = CliRun.of("train", "--data", "datasets/iris.csv", "--epochs", "10", "--l2", "0.01",
                    "--diagnostics-every", "0", "--engine", out == dl4j ? "dl4j" : "dlkit", "--out", out.toString());
            assertEquals(0, run.exitCode(), run.err());
        }
        assertHistoriesAgree(dl4j, engine, 2e-6);
    }

    private static void assertHistoriesAgree(Path a, Path b, double tolerance) throws Exception {
        List<String> h1 = Files.readAllLines(a.resolve("history.csv")), h2 = Files.readAllLines(b.resolve("history.csv"));
        assertEquals(h1.size(), h2.size());
        for (int i = 1; i < h1.size(); i++) {
            String[] x = h1.get(i).split(","), y = h2.get(i).split(",");
            for (int c = 1; c < x.length; c++) {
                assertEquals(Double.parseDouble(x[c]), Double.parseDouble(y[c]), tolerance,
                        "history line " + i + " column " + c);
            }
        }
    }

    @Test
    void byDefaultDlkitsEngineTrainsWithTheDefaultSupervision() throws Exception {
        Path out = dir.resolve("auto");
        CliRun run = CliRun.of("train", "--data", "datasets/iris.csv", "--epochs", "12", "--checkpoint-every", "4",
                "--out", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("engine dlkit on the CPU (auto: dlkit's engine trains this network"), run.out());
        if (Backends.gpuPresent().isEmpty()) { // no driver, no GPU: exactly the line of before --backend auto's GPU
            assertTrue(run.out().contains("engine dlkit on the CPU (auto: dlkit's engine trains this network; ND4J "
                    + "prepares data and evaluates)\n"), run.out());
        }
        assertTrue(new ObjectMapper().readTree(out.resolve("metadata.json").toFile()).at("/settings/engine").asText()
                .startsWith("engine dlkit on the CPU (auto: "));
        List<String> stats = Files.readAllLines(out.resolve("layer-stats.csv"));
        assertTrue(stats.size() > 2 && stats.get(1).startsWith("0,1,0,relu,"), "diagnostics rows: " + stats);
        assertTrue(Files.exists(out.resolve("layers.png")));
    }

    @Test
    void cudaWithoutDriverOrJava22SaysWhyInOneLineAndWritesNothing() {
        Path out = dir.resolve("gpu");
        CliRun run = CliRun.of("train", "--data", "datasets/iris.csv", "--backend", "cuda", "--out", out.toString());
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.oneLineError(), run.err());
        assertTrue(run.err().contains("--backend cuda with dlkit's engine: ")
                && (run.err().contains("needs Java 22") || run.err().contains("no NVIDIA driver")
                || run.err().contains("no CUDA device")), run.err());
        assertFalse(Files.exists(out));
    }

    /** Without a driver a newer Java would not help: on Java 17 the message leads with the missing driver. */
    @Test
    void onOldJavaWithoutADriverTheDriverComesFirst() {
        Assumptions.assumeTrue(Runtime.version().feature() < Devices.CUDA_JAVA, "Java 22+: the device itself reports");
        CliRun run = CliRun.of("train", "--data", "datasets/iris.csv", "--backend", "cuda", "--out",
                dir.resolve("gpu").toString());
        assertEquals(2, run.exitCode(), run.err());
        String error = run.errors().strip();
        if (Backends.driverProblem().isPresent()) {
            assertTrue(error.startsWith("dlkit: --backend cuda with dlkit's engine: " + Backends.driverProblem().get())
                    && error.endsWith("(and Java 22+; this is Java " + Runtime.version().feature() + ")"), error);
        } else {
            assertTrue(error.contains("needs Java 22 or newer"), error);
        }
    }

    @Test
    void anUpdaterTheEngineLacksTrainsOnDl4jUnderAuto(@TempDir Path tmp) {
        CliRun run = CliRun.of("train", "--data", "datasets/iris.csv", "--epochs", "3", "--updater", "RMSProp",
                "--learning-rate", "0.01", "--out", tmp.resolve("m").toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("engine DL4J (auto: updater RmsProp(learningRate=0.01"), run.out());
    }

    @Test
    void unknownEngineIsRefused() {
        CliRun run = CliRun.of("train", "--data", "datasets/iris.csv", "--engine", "torch");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("expected auto, dl4j or dlkit, got 'torch'"), run.err());
    }

    /** The live UI and Spark listen to or run DL4J's fit loop: with --engine dlkit they are refused up front. */
    @Test
    void dlkitsEngineRefusesTheUiAndSparkNamingTheOption() {
        Path out = dir.resolve("refused");
        for (String option : List.of("--ui", "--spark")) {
            List<String> args = new java.util.ArrayList<>(List.of("train", "--data", "datasets/iris.csv", "--engine",
                    "dlkit", "--epochs", "2", "--out", out.toString(), option));
            if (option.equals("--spark")) {
                args.add("local[1]");
            } else {
                args.addAll(List.of("--ui-exit", "--ui-port", "9317"));
            }
            CliRun run = CliRun.of(args.toArray(String[]::new));
            BadInputTest.assertBadInput(run, "--engine dlkit cannot train with " + option + ": ");
            assertTrue(run.err().contains("use --engine auto (the default) or --engine dl4j"), run.err());
            assertFalse(Files.exists(out) || Files.exists(dir.resolve("refused.partial")), "nothing written");
        }
    }
}
