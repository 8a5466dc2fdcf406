package org.dlkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.dlkit.error.DlkitException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class InitExperimentCommandTest {

    /** Runs the command as dlkit's Main would: a DlkitException exits with code 2. */
    private static int run(StringWriter out, String... args) {
        CommandLine cli = new CommandLine(new InitExperimentCommand());
        cli.setOut(new PrintWriter(out));
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> ex instanceof DlkitException ? 2 : 1);
        return cli.execute(args);
    }

    @Test
    void printsPerLayerStatisticsForEachInitAndActivation() {
        StringWriter out = new StringWriter();
        int rc = run(out, "--layers", "3", "--units", "20", "--samples", "10", "--seed", "7",
                "--init", "zero,he", "--activation", "relu,sigmoid", "--steps", "4");
        String text = out.toString();
        assertEquals(0, rc, text);
        assertTrue(text.contains("3 layers x 20 units, 10 unit-normal samples, seed 7"), text);
        assertTrue(text.contains("std of each layer's activations") && text.contains("mean of each layer's"), text);
        assertTrue(text.lines().anyMatch(l -> l.matches("he +relu +[-0-9.e ]+keeps its scale")),
                text);
        assertTrue(text.contains("symmetry never broken"), text);
        assertTrue(text.contains("W ~ N(0, 2 / n_in)"), text);
    }

    @Test
    void badOptionsAreUsageErrorsNamingTheFlag() {
        assertEquals("--layers must be at least 1, got 0", error("--layers", "0"));
        assertTrue(error("--init", "orthogonal").startsWith("--init: weight init 'orthogonal' is refused: "));
        assertTrue(error("--init", "bogus").startsWith("--init: unknown weight init 'bogus'"));
        assertTrue(error("--activation", "relu7").startsWith("--activation: unknown activation 'relu7'"));
        assertEquals("--steps must be 0 or more, got -1",
                error("--layers", "2", "--units", "5", "--samples", "3", "--steps", "-1"));
    }

    /** The message of the DlkitException the command exits with (code 2). */
    private static String error(String... args) {
        String[] message = new String[1];
        CommandLine cli = new CommandLine(new InitExperimentCommand());
        cli.setOut(new PrintWriter(new StringWriter()));
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            message[0] = ex.getMessage();
            return ex instanceof DlkitException ? 2 : 1;
        });
        assertEquals(2, cli.execute(args));
        return message[0];
    }
}
