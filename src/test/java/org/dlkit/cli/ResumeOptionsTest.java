package org.dlkit.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

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
}
