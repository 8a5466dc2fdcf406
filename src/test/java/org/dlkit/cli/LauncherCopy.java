package org.dlkit.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A copy of {@code bin/dlkit} in {@code dir/repo} with a built jar and a stand-in {@code java} in {@code dir/jdk}
 * (its release file says Java 17): the stand-in prints its arguments ({@code java ...}), writes the class-data archive
 * {@code -XX:ArchiveClassesAtExit} names and exits with {@code $STAND_IN_STATUS}. Tests run the launcher's shell logic
 * without starting a JVM.
 */
final class LauncherCopy {

    final Path repo;
    final Path jdk;

    LauncherCopy(Path dir) throws IOException {
        repo = dir.resolve("repo");
        Files.createDirectories(repo.resolve("bin"));
        Files.createDirectories(repo.resolve("target/lib"));
        Files.copy(Path.of("bin/dlkit"), repo.resolve("bin/dlkit"));
        executable(repo.resolve("bin/dlkit"));
        Files.writeString(repo.resolve("target/dlkit.jar"), "not read by the stand-in");
        jdk = dir.resolve("jdk");
        Files.createDirectories(jdk.resolve("bin"));
        javaRelease("17.0.15");
        Files.writeString(jdk.resolve("bin/java"), """
                #!/usr/bin/env bash
                for a in "$@"; do case "$a" in -XX:ArchiveClassesAtExit=*) echo archive > "${a#*=}";; esac; done
                echo "java $*"
                exit "${STAND_IN_STATUS:-0}"
                """);
        executable(jdk.resolve("bin/java"));
    }

    /** Sets the stand-in's {@code JAVA_VERSION} (its release file, which the launcher reads). */
    void javaRelease(String version) throws IOException {
        Files.writeString(jdk.resolve("release"), "JAVA_VERSION=\"" + version + "\"\n");
    }

    record Run(int exitCode, String output) {
    }

    /**
     * Runs {@code launcher args} in {@code workingDirectory} with JAVA_HOME at the stand-in and {@code env} added (a
     * null value removes that variable).
     */
    Run run(Path launcher, Path workingDirectory, Map<String, String> env, List<String> args) throws Exception {
        return finish(start(launcher, workingDirectory, env, args));
    }

    Run run(int javaStatus, List<String> args) throws Exception {
        return run(repo.resolve("bin/dlkit"), repo, Map.of("STAND_IN_STATUS", String.valueOf(javaStatus)), args);
    }

    Process start(Path launcher, Path workingDirectory, Map<String, String> env, List<String> args)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
                .redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        environment.put("JAVA_HOME", jdk.toString());
        environment.remove("DLKIT_CDS");
        environment.remove("DLKIT_JAVA_OPTS");
        env.forEach((k, v) -> {
            if (v == null) {
                environment.remove(k);
            } else {
                environment.put(k, v);
            }
        });
        return builder.start();
    }

    static Run finish(Process process) throws Exception {
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), output);
        return new Run(process.exitValue(), output);
    }

    static void executable(Path file) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
