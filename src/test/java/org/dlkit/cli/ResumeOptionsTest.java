package org.dlkit.cli;

import org.dlkit.train.RunDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code train --resume DIR} never ignores an option silently: it applies it or refuses it. */
class ResumeOptionsTest {

    @TempDir
    Path dir;

    @Test
    void optionsThatWouldChangeTheRunAreRefusedByName() {
        Path out = dir.resolve("model");
        CliRun run = CliRun.of("train", "--resume", out.toString(), "--epochs", "500", "--force");
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.oneLineError(), run.err());
        assertTrue(run.errors().contains("cannot apply --epochs, --force"), run.errors());
        assertFalse(Files.exists(out));
        assertFalse(Files.exists(dir.resolve("model.partial")));
    }

    @Test
    void optionsThatOnlyWatchTheRunAreAppliedAndGetPastTheCheck() {
        CliRun run = CliRun.of("train", "--resume", dir.resolve("none").toString(), "--ui-port", "9123",
                "--print-config", "--backend", "cpu");
        assertEquals(2, run.exitCode(), run.err());
        // refused for the missing run, not for its options
        assertFalse(run.errors().contains("cannot apply"), run.errors());
    }

    /**
     * A run started with {@code --backend cuda} resumes with {@code --backend cuda}, not with the resuming command's
     * default (auto, which would go on on the CPU and say nothing): without a usable GPU here the resume is refused
     * for the backend, in one line; on a machine whose GPU dlkit's engine can use it trains there.
     */
    @Test
    void aResumedRunKeepsTheBackendItWasStartedWith() {
        Path out = dir.resolve("model");
        RunDirectory.start(out, false, List.of("--data", "datasets/iris.csv", "--backend", "cuda", "--out",
                out.toString()), Path.of("")).release();
        CliRun run = CliRun.of("train", "--resume", out.toString());
        if (run.exitCode() == 2) {
            assertTrue(run.oneLineError(), run.err());
            assertTrue(run.errors().contains("--backend cuda"), run.errors());
            assertFalse(Files.exists(out.resolve("model.zip")));
        } else {
            assertTrue(run.out().contains("engine dlkit on CUDA"), run.out() + run.err());
        }
    }
}
