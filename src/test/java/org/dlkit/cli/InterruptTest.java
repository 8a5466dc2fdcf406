package org.dlkit.cli;

import org.dlkit.train.SignalAtFirstCheckpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Ctrl-C (SIGINT) during {@code train}: nothing is written to {@code --out}, the last complete checkpoint stays in
 * {@code --out.partial}, the command says how to continue, and {@code --resume} continues from that checkpoint.
 */
class InterruptTest {

    @TempDir
    Path dir;

    @Test
    void interruptedRunLeavesItsCheckpointAndSaysHowToResume() throws Exception {
        Path out = dir.resolve("digits");
        String printed = interruptAtFirstCheckpoint(dir, out, List.of("-cp", System.getProperty("java.class.path")),
                List.of("train", "--data", "datasets/digits.csv", "--out", out.toString(), "--epochs", "30",
                        "--patience", "0", "--checkpoint-every", "1", "--diagnostics-every", "0"), 5);
        assertTrue(printed.contains("dlkit: interrupted: nothing was written to " + out), printed);
        assertTrue(printed.contains("keeps the checkpoint of epoch "), printed);
        assertTrue(printed.contains("continue with: dlkit train --resume " + out), printed);
        try (Stream<Path> siblings = Files.list(dir)) { // no half-written hidden temporaries beside --out
            assertEquals(List.of("child.log", "digits.partial"),
                    siblings.map(p -> p.getFileName().toString()).sorted().toList());
        }

        CliRun resumed = CliRun.of("train", "--resume", out.toString());
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.out().matches("(?s).*resumed from the checkpoint of epoch \\d+ .*"), resumed.out());
        assertTrue(Files.isRegularFile(out.resolve("model.zip")));
        assertFalse(Files.exists(dir.resolve("digits.partial")), "the partial run is gone once finished");
    }

    /**
     * Runs dlkit's Main in a child JVM ({@code jvm}: options and class path; {@code args}: the command) that gets
     * SIGINT as soon as {@code out}'s partial run holds a checkpoint ({@link SignalAtFirstCheckpoint}), and returns
     * what it printed once it stopped with exit code 130 and nothing written to {@code out}. {@code limitMinutes} only
     * guards against a hang: the child stops after its first checkpoint however long that takes.
     */
    static String interruptAtFirstCheckpoint(Path dir, Path out, List<String> jvm, List<String> args,
                                             int limitMinutes) throws Exception {
        Path log = dir.resolve("child.log");
        Path checkpoints = out.resolveSibling(out.getFileName() + ".partial").resolve("checkpoints");
        ProcessBuilder builder = new ProcessBuilder(SignalAtFirstCheckpoint.command("INT", checkpoints, jvm, args))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("OMP_NUM_THREADS", "1");
        Process child = builder.start();
        if (!child.waitFor(limitMinutes, TimeUnit.MINUTES)) {
            child.destroyForcibly().waitFor();
            fail("the child did not stop within " + limitMinutes + " minutes: " + Files.readString(log));
        }
        String printed = Files.readString(log);
        assertEquals(130, child.exitValue(), printed); // 128 + SIGINT, as for any JVM stopped by Ctrl-C
        assertFalse(Files.exists(out), "nothing written to --out");
        return printed;
    }
}
