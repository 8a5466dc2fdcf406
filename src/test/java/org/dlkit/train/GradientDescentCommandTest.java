package org.dlkit.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dlkit.error.DlkitException;
import org.dlkit.cli.GradientDescentCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code dlkit gradient-descent}: the three modes side by side, PNGs on request, bad options as usage errors. */
class GradientDescentCommandTest {

    /** Runs the command as dlkit's Main would: a DlkitException exits with code 2, anything else with 1. */
    private static int run(StringWriter out, String... args) {
        CommandLine cli = new CommandLine(new GradientDescentCommand());
        cli.setOut(new PrintWriter(out));
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> ex instanceof DlkitException ? 2 : 1);
        cli.setParameterExceptionHandler((ex, parsed) -> 2);
        return cli.execute(args);
    }

    @Test
    void printsTheThreeModesAndWritesThePlots(@TempDir Path dir) {
        StringWriter out = new StringWriter();
        int rc = run(out, "--data", "datasets/wine.csv", "--label", "class", "--hidden", "16", "--epochs", "4",
                "--batch-size", "20", "--target-loss", "0.5", "--seed", "3", "--plot", dir.toString());
        String text = out.toString();
        assertEquals(0, rc, text);
        assertTrue(text.startsWith("gradient descent on datasets/wine.csv: 142 training rows"), text);
        assertTrue(text.lines().anyMatch(l -> l.matches(" *batch \\(all\\) +stochastic \\(1\\) +mini-batch \\(20\\)")),
                text);
        assertTrue(text.lines().anyMatch(l -> l.matches("updates per epoch +1 +142 +8")), text);
        assertTrue(text.contains("wrote " + dir.resolve("gradient-descent-loss-per-epoch.png")), text);
        assertTrue(Files.exists(dir.resolve("gradient-descent-loss-per-update.png")));
    }

    @Test
    void badOptionsAreUsageErrors(@TempDir Path dir) throws Exception {
        assertEquals(2, run(new StringWriter(), "--batch-size", "1"));
        assertEquals(2, run(new StringWriter(), "--batch-size", "500"));
        assertEquals(2, run(new StringWriter(), "--epochs", "0"));
        assertEquals(2, run(new StringWriter(), "--hidden", "32,0"));
        assertEquals(2, run(new StringWriter(), "--target-loss", "-1"));
        assertEquals(2, run(new StringWriter(), "--learning-rate", "0"));
        assertEquals(2, run(new StringWriter(), "--epochs", "many"));
        assertEquals(2, run(new StringWriter(), "--data", dir.resolve("missing.csv").toString()));
        assertEquals(2, run(new StringWriter(), "--label", "colour"));
        Files.createFile(dir.resolve("gradient-descent-loss-per-update.png"));
        assertEquals(2, run(new StringWriter(), "--plot", dir.toString()));
    }
}
