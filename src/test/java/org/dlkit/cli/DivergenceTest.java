package org.dlkit.cli;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A learning rate far too high: training stops at the first non-finite loss with advice, exit code 2, and the last
 * good checkpoint named in the message is kept, loadable and finite. The test asserts the shape of a divergence,
 * not the epoch and iteration one run happened to diverge in.
 */
class DivergenceTest {

    private static final Pattern DIVERGED = Pattern.compile(
            "training diverged in epoch (\\d+), iteration \\d+: the loss is (NaN|Infinity|-Infinity)");
    private static final Pattern CHECKPOINT = Pattern.compile("(\\S*epoch-(\\d+))");

    @TempDir
    Path dir;

    @Test
    void divergingRunStopsWithAdviceAndKeepsTheLastGoodCheckpoint() throws Exception {
        Path out = dir.resolve("model");
        CliRun run = CliRun.of("train", "--data", "datasets/iris.csv", "--out", out.toString(), "--updater", "sgd",
                "--learning-rate", "10", "--patience", "0", "--checkpoint-every", "1", "--validation-fraction", "0.1");
        assertEquals(2, run.exitCode(), run.out() + run.err());
        assertTrue(run.oneLineError(), run.err());
        String error = run.errors();
        Matcher diverged = DIVERGED.matcher(error);
        assertTrue(diverged.find(), error);
        assertTrue(error.contains("the learning rate 10.0 is likely too high; try 1.0 (10x lower)"), error);
        assertFalse(Files.exists(out), "a diverged run leaves no model directory");

        Path checkpoints = out.resolveSibling("model.partial").resolve("checkpoints");
        Matcher named = CHECKPOINT.matcher(error);
        assertTrue(named.find(), "the message names the last good checkpoint: " + error);
        Path kept = Path.of(named.group(1));
        assertEquals(checkpoints, kept.getParent(), error);
        int keptEpoch = Integer.parseInt(named.group(2));
        assertTrue(keptEpoch < Integer.parseInt(diverged.group(1)), "the kept checkpoint precedes the divergence");
        try (var list = Files.list(checkpoints)) {
            assertTrue(list.count() <= 3, "at most the newest three checkpoints are kept");
        }
        MultiLayerNetwork good = ModelSerializer.restoreMultiLayerNetwork(kept.resolve("model.zip").toFile(), true);
        assertEquals(keptEpoch, good.getEpochCount());
        assertTrue(Arrays.stream(good.params().toDoubleVector()).allMatch(Double::isFinite),
                "every parameter of the kept checkpoint is finite");

        // the message says a resume does not help, and it does not: same rate, same divergence
        assertTrue(error.contains("resuming it at this rate diverges again: start a new run at a lower rate"), error);
        CliRun resumed = CliRun.of("train", "--resume", out.toString());
        assertEquals(2, resumed.exitCode(), resumed.out() + resumed.err());
        Matcher again = DIVERGED.matcher(resumed.errors());
        assertTrue(again.find() && again.group(1).equals(diverged.group(1)), resumed.errors());
    }
}
