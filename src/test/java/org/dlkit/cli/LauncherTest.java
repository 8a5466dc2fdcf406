package org.dlkit.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code bin/dlkit} as scripts call it: through a symbolic link from another directory, with JAVA_HOME at a missing
 * path or at a Java too old for dlkit, without java on the PATH, and twice at once on a stale build. Run on a copy
 * of the launcher with a stand-in {@code java} ({@link LauncherCopy}) and, for the build, a stand-in {@code mvn}.
 */
class LauncherTest {

    @TempDir
    Path dir;
    private LauncherCopy launcher;
    private Path bin;

    @BeforeEach
    void launcherWithAStandInJava() throws IOException {
        launcher = new LauncherCopy(dir);
        bin = launcher.repo.resolve("bin/dlkit");
    }

    @Test
    void aSymbolicLinkFromAnotherDirectoryRunsTheCheckoutItPointsTo() throws Exception {
        Path elsewhere = Files.createDirectories(dir.resolve("home/me/my bin"));
        Path link = Files.createSymbolicLink(elsewhere.resolve("dlkit"), bin);
        LauncherCopy.Run run = launcher.run(link, elsewhere, Map.of(), List.of("--version"));
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("-jar " + launcher.repo.resolve("target/dlkit.jar")), run.output());
        assertTrue(run.output().contains("-Ddlkit.home=" + launcher.repo), run.output());
    }

    /**
     * With the Spark part built, its libraries come before dlkit.jar on the class path: a later build without -Pspark
     * (mvn package, mvn install) rewrites dlkit.jar with the default build's manifest class path (the UI's old
     * net.jpountz lz4 1.3.0, older commons-lang3), and those jars, ahead of the Spark part's, made Spark fail in its
     * first epoch with a NoSuchMethodError in LZ4BlockInputStream.
     */
    @Test
    void theSparkPartsLibrariesComeBeforeDlkitJarsManifest() throws Exception {
        Path spark = Files.createDirectories(launcher.repo.resolve("target/spark"));
        Files.writeString(spark.resolve("dlkit-spark.jar"), "not read by the stand-in");
        Path lib = launcher.repo.resolve("target/lib");
        Files.writeString(spark.resolve("classpath.txt"), lib.resolve("lz4-java-1.7.1.jar") + ":"
                + lib.resolve("commons-lang3-3.12.0.jar"));
        LauncherCopy.Run run = launcher.run(bin, dir, Map.of(), List.of("--version"));
        assertEquals(0, run.exitCode(), run.output());
        String expected = "-cp " + spark.resolve("dlkit-spark.jar") + ":" + lib.resolve("lz4-java-1.7.1.jar") + ":"
                + lib.resolve("commons-lang3-3.12.0.jar") + ":" + launcher.repo.resolve("target/dlkit.jar")
                + " org.dlkit.cli.Main --version";
        assertTrue(run.output().contains(expected), "expected '" + expected + "' in: " + run.output());
        assertTrue(run.output().contains("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED"), run.output());
    }

    @Test
    void aJavaHomeWithoutJavaIsOneLineAndExitCode2() throws Exception {
        Path missing = dir.resolve("no-such-jdk");
        LauncherCopy.Run run = launcher.run(bin, dir, Map.of("JAVA_HOME", missing.toString()), List.of("--version"));
        assertEquals(2, run.exitCode(), run.output());
        assertEquals("dlkit: JAVA_HOME=" + missing + " has no bin/java; set JAVA_HOME to a JDK 17 or newer, or unset "
                + "it to use java on the PATH", run.output().strip());
    }

    @Test
    void noJavaOnThePathIsOneLineAndExitCode2() throws Exception {
        // a PATH with the tools the launcher uses, but no java
        Path tools = Files.createDirectories(dir.resolve("tools"));
        for (String tool : List.of("bash", "env", "dirname", "readlink", "sed")) {
            Files.copy(Path.of("/usr/bin", tool).toRealPath(), tools.resolve(tool), StandardCopyOption.COPY_ATTRIBUTES);
        }
        Map<String, String> env = new HashMap<>();
        env.put("JAVA_HOME", null);
        env.put("PATH", tools.toString());
        LauncherCopy.Run run = launcher.run(bin, dir, env, List.of("--version"));
        assertEquals(2, run.exitCode(), run.output());
        assertEquals("dlkit: java is not on the PATH and JAVA_HOME is not set; install a JDK 17 or newer, or set "
                + "JAVA_HOME to one", run.output().strip());
    }

    @Test
    void aJavaOlderThan17IsRefusedBeforeItStarts() throws Exception {
        for (String version : List.of("11.0.22", "1.8.0_402")) {
            launcher.javaRelease(version);
            LauncherCopy.Run run = launcher.run(0, List.of("--version"));
            assertEquals(2, run.exitCode(), run.output());
            String feature = version.startsWith("1.8") ? "8" : "11";
            assertEquals("dlkit: " + launcher.jdk.resolve("bin/java") + " is Java " + feature + "; dlkit needs Java 17 "
                    + "or newer (set JAVA_HOME to one)", run.output().strip());
            assertFalse(run.output().contains("java -"), "the JVM is not started");
        }
    }

    @Test
    void twoCommandsOnAStaleBuildBuildOnce() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/flock")), "needs flock (util-linux)");
        Files.delete(launcher.repo.resolve("target/dlkit.jar"));
        Path mvnLog = dir.resolve("mvn.log");
        Path tools = Files.createDirectories(dir.resolve("maven/bin"));
        // the stand-in Maven: records each build, takes its time, then leaves a jar
        Files.writeString(tools.resolve("mvn"), """
                #!/usr/bin/env bash
                echo "mvn $*" >> "%s"
                sleep 2
                echo jar > target/dlkit.jar
                """.formatted(mvnLog));
        LauncherCopy.executable(tools.resolve("mvn"));
        Map<String, String> env = Map.of("PATH", tools + ":" + System.getenv("PATH"));
        Process first = launcher.start(bin, dir, env, List.of("--version"));
        Process second = launcher.start(bin, dir, env, List.of("--version"));
        LauncherCopy.Run one = LauncherCopy.finish(first);
        LauncherCopy.Run two = LauncherCopy.finish(second);
        assertEquals(0, one.exitCode(), one.output());
        assertEquals(0, two.exitCode(), two.output());
        assertEquals(1, Files.readAllLines(mvnLog).size(), "one build for both: " + Files.readAllLines(mvnLog));
        assertTrue(one.output().contains("java ") && two.output().contains("java "), one.output() + two.output());
    }

    /**
     * The first command after a build runs Java as the launcher's child (to move the class-data archive into place
     * afterwards). A SIGTERM to the launcher (kill, timeout, a cancelled CI job) ended the launcher alone, and Java
     * trained on, orphaned, while the caller saw exit code 143. Now Java gets the signal and its exit code is the
     * launcher's, and a stopped run leaves no archive behind.
     */
    @Test
    void aSigtermToTheLauncherStopsJavaAlsoWhenItWritesTheArchive() throws Exception {
        Files.writeString(launcher.jdk.resolve("bin/java"), """
                #!/usr/bin/env bash
                trap 'kill "$nap"; echo "java got TERM"; exit 143' TERM
                sleep 20 & nap=$!
                echo "java started"
                wait "$nap"
                echo "java ran to the end"
                """);
        Process process = launcher.start(bin, dir, Map.of(), List.of("train"));
        var output = new BufferedReader(new InputStreamReader(process.getInputStream()));
        assertEquals("java started", output.readLine());
        process.toHandle().destroy(); // SIGTERM to the launcher (Process.destroy would close its output too)
        String rest = String.join("\n", output.lines().toList());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), rest);
        assertEquals(143, process.exitValue(), rest);
        assertEquals("java got TERM", rest.strip());
        try (var left = Files.list(launcher.repo.resolve("target"))) {
            assertEquals(List.of(), left.filter(f -> f.toString().contains(".jsa")).toList());
        }
    }

    /**
     * Without LANG (many containers and CI jobs) Java's file names are ASCII: every non-ASCII path was refused with
     * "Malformed input or input contains unmappable characters". The launcher gives Java the C.UTF-8 locale then,
     * and leaves a locale the user chose alone.
     */
    @Test
    void thePosixLocaleBecomesCUtf8AndAChosenLocaleStays() throws Exception {
        Assumptions.assumeTrue(new String(new ProcessBuilder("locale", "-a").start().getInputStream().readAllBytes(),
                StandardCharsets.UTF_8).toLowerCase(Locale.ROOT).matches("(?s).*\\bc\\.utf-?8\\b.*"),
                "needs the C.UTF-8 locale");
        Files.writeString(launcher.jdk.resolve("bin/java"), """
                #!/usr/bin/env bash
                echo "LC_ALL=${LC_ALL:-}"
                """);
        Map<String, String> posix = new HashMap<>();
        for (String variable : List.of("LANG", "LC_ALL", "LC_CTYPE")) {
            posix.put(variable, null);
        }
        assertEquals("LC_ALL=C.UTF-8", launcher.run(bin, dir, posix, List.of("--version")).output().strip());
        posix.put("LANG", "C");
        assertEquals("LC_ALL=C.UTF-8", launcher.run(bin, dir, posix, List.of("--version")).output().strip());
        posix.put("LANG", "de_DE.UTF-8");
        assertEquals("LC_ALL=", launcher.run(bin, dir, posix, List.of("--version")).output().strip());
    }

    /**
     * With standard input closed ({@code dlkit ... <&-}) the first file Java opened became descriptor 0, and
     * {@code --data -} read it as rows ("1 cells, expected 3"); Java now gets an empty standard input instead.
     */
    @Test
    void aClosedStandardInputReachesJavaAsAnEmptyOne() throws Exception {
        Files.writeString(launcher.jdk.resolve("bin/java"), """
                #!/usr/bin/env bash
                echo "stdin=$(readlink /proc/$$/fd/0 || echo closed)"
                """);
        ProcessBuilder closed = new ProcessBuilder("bash", "-c", "exec \"$0\" --version <&-", bin.toString())
                .redirectErrorStream(true);
        closed.environment().put("JAVA_HOME", launcher.jdk.toString());
        LauncherCopy.Run run = LauncherCopy.finish(closed.start());
        assertEquals(0, run.exitCode(), run.output());
        assertEquals("stdin=/dev/null", run.output().strip());
        ProcessBuilder piped = new ProcessBuilder("bash", "-c", "echo rows | \"$0\" --version", bin.toString())
                .redirectErrorStream(true);
        piped.environment().put("JAVA_HOME", launcher.jdk.toString());
        run = LauncherCopy.finish(piped.start());
        assertTrue(run.output().strip().startsWith("stdin=pipe:"), "an open standard input stays: " + run.output());
    }

    /**
     * A checkout this user cannot write (installed by another user, mounted read-only into a container) whose jar is
     * out of date: Maven failed on target/ or ~/.m2 with a page of errors. Now the jar there runs, with a warning, and
     * a missing jar is one line. Run as an unprivileged user (as root, through setpriv as nobody: root writes anyway).
     */
    @Test
    void aCheckoutThisUserCannotWriteRunsItsJarOrSaysWhatToDo() throws Exception {
        List<String> asUser = List.of();
        if ("root".equals(System.getProperty("user.name"))) {
            Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs setpriv to drop root");
            asUser = List.of("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--");
            for (Path p = dir.getParent(); p.getParent() != null; p = p.getParent()) { // nobody must pass through
                Assumptions.assumeTrue(Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE),
                        p + " is closed to other users");
            }
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Files.createDirectories(launcher.repo.resolve("src/main"));
        Files.writeString(launcher.repo.resolve("src/main/Newer.java"), "// newer than the jar");
        Files.setLastModifiedTime(launcher.repo.resolve("target/dlkit.jar"),
                FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        Path target = launcher.repo.resolve("target");
        var readOnly = PosixFilePermissions.fromString("r-xr-xr-x");
        Files.setPosixFilePermissions(target, readOnly);
        Files.setPosixFilePermissions(launcher.repo, readOnly);
        try {
            List<String> command = new ArrayList<>(asUser);
            command.add(bin.toString());
            command.add("--version");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("JAVA_HOME", launcher.jdk.toString());
            LauncherCopy.Run run = LauncherCopy.finish(builder.start());
            assertEquals(0, run.exitCode(), run.output());
            assertTrue(run.output().startsWith("dlkit: warning: " + target.resolve("dlkit.jar") + " is out of date"),
                    run.output());
            assertTrue(run.output().contains("java "), "the jar there runs: " + run.output());

            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.delete(target.resolve("dlkit.jar"));
            Files.setPosixFilePermissions(target, readOnly);
            run = LauncherCopy.finish(builder.start());
            assertEquals(1, run.exitCode(), run.output());
            assertEquals("dlkit: " + target.resolve("dlkit.jar") + " is not built and " + target + " is not writable "
                    + "by this user; build it once as the checkout's owner (bin/dlkit --version)",
                    run.output().strip());
        } finally {
            var writable = PosixFilePermissions.fromString("rwxr-xr-x");
            Files.setPosixFilePermissions(launcher.repo, writable);
            Files.setPosixFilePermissions(target, writable);
        }
    }
}
