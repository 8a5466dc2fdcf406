package org.dlkit.cli;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A learning rate far too high: training stops at the first NaN with advice, exit code 2, last good checkpoint kept. */
class DivergenceTest {

    @TempDir
    Path dir;

    @Test
    void divergingRunStopsWithAdviceAndKeepsTheLastGoodCheckpoint() throws Exception {
        Path out = dir.resolve("model");
        CliRun run = CliRun.of("train", "--data", "datasets/iris.csv", "--out", out.toString(), "--updater", "sgd",
                "--learning-rate", "10", "--patience", "0", "--checkpoint-every", "1", "--validation-fraction", "0.1");
        assertEquals(2, run.exitCode(), run.out() + run.err());
        assertTrue(run.oneLineError(), run.err());
        assertTrue(run.err().contains("training diverged in epoch 8, iteration 31: the loss is NaN")
                && run.err().contains("the learning rate 10.0 is likely too high; try 1.0 (10x lower)"), run.err());
        assertFalse(Files.exists(out), "a diverged run leaves no model directory");
        Path checkpoints = out.resolveSibling("model.partial").resolve("checkpoints");
        assertTrue(run.err().contains(checkpoints.resolve("epoch-0007").toString()), run.err());
        try (var list = Files.list(checkpoints)) {
            assertEquals(3, list.count(), "the newest three checkpoints are kept");
        }
        MultiLayerNetwork good = ModelSerializer.restoreMultiLayerNetwork(
                checkpoints.resolve("epoch-0007").resolve("model.zip").toFile(), true);
        assertEquals(7, good.getEpochCount());
        assertTrue(Double.isFinite(good.params().sumNumber().doubleValue()), "the kept checkpoint is finite");
    }
}
