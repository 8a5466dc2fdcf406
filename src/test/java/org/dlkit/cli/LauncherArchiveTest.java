package org.dlkit.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code bin/dlkit}'s class-data archive (README "Start-up") is written by a run that loads what a working command
 * loads: a successful train, evaluate, predict, ... A first run of {@code --version}, {@code --help} or a refused
 * option archived only its few classes, and every later command then mapped that archive and loaded the rest from
 * the jars (measured: {@code train} on iris 6.3 s of CPU after a first {@code --version}, 4.6 s after a first
 * {@code train}). Run on a copy of the launcher with a stand-in {@code java} that writes the archive it is asked for
 * ({@link LauncherCopy}).
 */
class LauncherArchiveTest {

    @TempDir
    Path dir;
    private LauncherCopy launcher;
    private Path archive;

    @BeforeEach
    void launcherWithAStandInJava() throws IOException {
        launcher = new LauncherCopy(dir);
        archive = launcher.repo.resolve("target/dlkit-17.jsa");
    }

    @Test
    void versionHelpAndFailedRunsWriteNoArchive() throws Exception {
        for (List<String> args : List.of(List.of("--version"), List.of("-V"), List.of("--help"),
                List.of("train", "--help"), List.of("predict", "-h"))) {
            assertEquals(0, run(0, args).exitCode(), args.toString());
            assertFalse(Files.exists(archive), "no archive after " + args);
        }
        LauncherCopy.Run refused = run(2, List.of("train", "--epoch", "3"));
        assertEquals(2, refused.exitCode(), "the command's exit code is kept");
        assertFalse(Files.exists(archive), "no archive after a refused command");
        try (var left = Files.list(launcher.repo.resolve("target"))) {
            assertEquals(0, left.filter(f -> f.toString().contains(".jsa")).count(), "no temporary archive is left");
        }
    }

    @Test
    void aSuccessfulCommandWritesTheArchiveThatLaterRunsMap() throws Exception {
        LauncherCopy.Run train = run(0, List.of("train", "--data", "datasets/iris.csv"));
        assertEquals(0, train.exitCode(), train.output());
        assertTrue(train.output().contains("-XX:ArchiveClassesAtExit="), train.output());
        assertTrue(Files.exists(archive), "a successful train writes the archive");
        LauncherCopy.Run next = run(0, List.of("--version"));
        assertTrue(next.output().contains("-XX:SharedArchiveFile=" + archive), next.output());
    }

    private LauncherCopy.Run run(int javaStatus, List<String> args) throws Exception {
        return launcher.run(javaStatus, args);
    }
}
