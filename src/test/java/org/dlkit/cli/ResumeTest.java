package org.dlkit.cli;

import org.dlkit.train.SignalAtFirstCheckpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A run killed with SIGKILL after a checkpoint and resumed with {@code --resume} ends exactly like the same run left
 * alone: same history, same metrics, same parameters.
 */
class ResumeTest {

    @TempDir
    Path dir;

    @Test
    void killedAndResumedRunMatchesAnUninterruptedOne() throws Exception {
        List<String> options = List.of("--data", "datasets/digits.csv", "--epochs", "16", "--patience", "5",
                "--checkpoint-every", "2");
        Path whole = dir.resolve("whole");
        Path killed = dir.resolve("killed");

        // SIGKILL (no shutdown hooks, no cleanup) while the child holds at its first checkpoint: see
        // SignalAtFirstCheckpoint for why it is not sent when a checkpoint is seen from here
        List<String> args = new ArrayList<>(List.of("train", "--out", killed.toString()));
        args.addAll(options);
        Path checkpoints = killed.resolveSibling("killed.partial").resolve("checkpoints");
        Path log = dir.resolve("child.log");
        ProcessBuilder builder = new ProcessBuilder(SignalAtFirstCheckpoint.command("KILL", checkpoints,
                List.of("-cp", System.getProperty("java.class.path")), args))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("OMP_NUM_THREADS", "1");
        SignalAtFirstCheckpoint.killWhenHolding(builder.start(), log, 5);
        assertFalse(Files.exists(killed), "a killed run leaves no model directory");

        CliRun resumed = CliRun.of("train", "--resume", killed.toString());
        assertEquals(0, resumed.exitCode(), resumed.out() + resumed.err());
        assertTrue(resumed.out().matches("(?s).*resumed from the checkpoint of epoch \\d+ .*"), resumed.out());
        assertFalse(Files.exists(killed.resolveSibling("killed.partial")), "the partial run is gone once finished");

        List<String> wholeArgs = new ArrayList<>(List.of("train", "--out", whole.toString()));
        wholeArgs.addAll(options);
        CliRun uninterrupted = CliRun.of(wholeArgs.toArray(String[]::new));
        assertEquals(0, uninterrupted.exitCode(), uninterrupted.err());

        assertEquals(Files.readString(whole.resolve("history.csv")), Files.readString(killed.resolve("history.csv")));
        assertEquals(metrics(whole), metrics(killed));
        assertTrue(Files.mismatch(whole.resolve("model.zip"), killed.resolve("model.zip")) < 0
                || sameParameters(whole, killed), "same parameters");
    }

    private static String metrics(Path model) throws Exception {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(model.resolve("metadata.json").toFile())
                .get("metrics").toString();
    }

    private static boolean sameParameters(Path a, Path b) throws Exception {
        File fa = a.resolve("model.zip").toFile();
        File fb = b.resolve("model.zip").toFile();
        // exactly equal: INDArray.equals would tolerate differences up to 1e-5
        return java.util.Arrays.equals(
                org.deeplearning4j.util.ModelSerializer.restoreMultiLayerNetwork(fa).params().toDoubleVector(),
                org.deeplearning4j.util.ModelSerializer.restoreMultiLayerNetwork(fb).params().toDoubleVector());
    }
}
