package org.dlkit.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.dlkit.error.DlkitException;

import picocli.CommandLine;

/** Runs one command as dlkit's Main does: a DlkitException prints its message and exits with 2. */
record Run(int exitCode, String out, String err) {

    static Run of(Object command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(command).setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof DlkitException) {
                line.getErr().println(e.getMessage());
                return 2;
            }
            throw e;
        });
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }
}
