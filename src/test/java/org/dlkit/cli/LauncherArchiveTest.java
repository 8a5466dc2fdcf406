package org.dlkit.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code bin/dlkit}'s class-data archive (README "Start-up") is written by a run that loads what a working command
 * loads: a successful train, evaluate, predict, ... A first run of {@code --version}, {@code --help} or a refused
 * option archived only its few classes, and every later command then mapped that archive and loaded the rest from
 * the jars (measured: {@code train} on iris 6.3 s of CPU after a first {@code --version}, 4.6 s after a first
 * {@code train}). Run on a copy of the launcher with a stand-in {@code java} that writes the archive it is asked for.
 */
class LauncherArchiveTest {

    @TempDir
    Path dir;
    private Path repo;
    private Path archive;

    @BeforeEach
    void launcherWithAStandInJava() throws IOException {
        repo = dir.resolve("repo");
        Files.createDirectories(repo.resolve("bin"));
        Files.createDirectories(repo.resolve("target/lib"));
        Files.copy(Path.of("bin/dlkit"), repo.resolve("bin/dlkit"));
        executable(repo.resolve("bin/dlkit"));
        Files.writeString(repo.resolve("target/dlkit.jar"), "not read by the stand-in");
        Path jdk = Files.createDirectories(dir.resolve("jdk/bin"));
        Files.writeString(jdk.getParent().resolve("release"), "JAVA_VERSION=\"17.0.15\"\n");
        // the stand-in: writes the archive -XX:ArchiveClassesAtExit names, exits with $STAND_IN_STATUS
        Files.writeString(jdk.resolve("java"), """
                #!/usr/bin/env bash
                for a in "$@"; do case "$a" in -XX:ArchiveClassesAtExit=*) echo archive > "${a#*=}";; esac; done
                echo "java $*"
                exit "${STAND_IN_STATUS:-0}"
                """);
        executable(jdk.resolve("java"));
        archive = repo.resolve("target/dlkit-17.jsa");
    }

    @Test
    void versionHelpAndFailedRunsWriteNoArchive() throws Exception {
        for (List<String> args : List.of(List.of("--version"), List.of("-V"), List.of("--help"),
                List.of("train", "--help"), List.of("predict", "-h"))) {
            assertEquals(0, run(0, args).exitCode, args.toString());
            assertFalse(Files.exists(archive), "no archive after " + args);
        }
        Run refused = run(2, List.of("train", "--epoch", "3"));
        assertEquals(2, refused.exitCode, "the command's exit code is kept");
        assertFalse(Files.exists(archive), "no archive after a refused command");
        try (var left = Files.list(repo.resolve("target"))) {
            assertEquals(0, left.filter(f -> f.toString().contains(".jsa")).count(), "no temporary archive is left");
        }
    }

    @Test
    void aSuccessfulCommandWritesTheArchiveThatLaterRunsMap() throws Exception {
        Run train = run(0, List.of("train", "--data", "datasets/iris.csv"));
        assertEquals(0, train.exitCode, train.output);
        assertTrue(train.output.contains("-XX:ArchiveClassesAtExit="), train.output);
        assertTrue(Files.exists(archive), "a successful train writes the archive");
        Run next = run(0, List.of("--version"));
        assertTrue(next.output.contains("-XX:SharedArchiveFile=" + archive), next.output);
    }

    private record Run(int exitCode, String output) {
    }

    private Run run(int javaStatus, List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of(repo.resolve("bin/dlkit").toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", dir.resolve("jdk").toString());
        builder.environment().put("STAND_IN_STATUS", String.valueOf(javaStatus));
        builder.environment().remove("DLKIT_CDS");
        builder.environment().remove("DLKIT_JAVA_OPTS");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), output);
        return new Run(process.exitValue(), output);
    }

    private static void executable(Path file) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
