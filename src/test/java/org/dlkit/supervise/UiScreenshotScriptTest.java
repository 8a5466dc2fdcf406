package org.dlkit.supervise;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code bin/ui-screenshot} (README "Live UI") ends as it says: exit code 0 once the screenshot is written, the
 * trainer it started stopped, and its temporary folder removed. Run with stand-ins for {@code bin/dlkit} (prints
 * the line the script waits for, then serves on until killed) and {@code chromium} (writes the PNG), so the script's
 * own logic is what is checked, without a browser or a training run.
 */
class UiScreenshotScriptTest {

    @TempDir
    Path dir;

    @Test
    void exitsZeroStopsTheTrainerAndLeavesNoTemporaryFolder() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("repo/bin"));
        Files.copy(Path.of("bin/ui-screenshot"), bin.resolve("ui-screenshot"), StandardCopyOption.COPY_ATTRIBUTES);
        Path trainerPid = dir.resolve("trainer.pid");
        script(bin.resolve("dlkit"), "echo $$ > '" + trainerPid + "'\n"
                + "echo 'training UI still at http://localhost:9123/train/overview (Ctrl-C to stop)'\n"
                + "exec sleep 120\n");
        Path tools = Files.createDirectories(dir.resolve("tools"));
        script(tools.resolve("chromium"), "for a in \"$@\"; do case \"$a\" in --screenshot=*) "
                + "printf 'png' > \"${a#--screenshot=}\";; esac; done\n");
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        Path png = dir.resolve("overview.png");

        ProcessBuilder builder = new ProcessBuilder(bin.resolve("ui-screenshot").toString(), png.toString(), "9123")
                .redirectErrorStream(true);
        builder.environment().put("PATH", tools + ":" + System.getenv("PATH"));
        builder.environment().put("TMPDIR", tmp.toString());
        Process script = builder.start();
        String output = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(script.waitFor(60, TimeUnit.SECONDS), output);

        assertEquals(0, script.exitValue(), output);
        assertTrue(output.contains("written to " + png), output);
        assertTrue(Files.isRegularFile(png), output);
        long pid = Long.parseLong(Files.readString(trainerPid).strip());
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the trainer was stopped");
        try (Stream<Path> left = Files.list(tmp)) {
            assertEquals(0, left.count(), "the script's temporary folder is removed");
        }
    }

    private static void script(Path file, String body) throws IOException {
        Files.writeString(file, "#!/usr/bin/env bash\n" + body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
