package org.dlkit.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs {@code dlkit} in-process and keeps what it printed. */
record CliRun(int exitCode, String out, String err) {

    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** The error output, less the one line {@code --backend auto} prints about its choice. */
    String errors() {
        return err.lines().filter(l -> !l.startsWith("backend ")).reduce("", (a, b) -> a + b + "\n");
    }

    /** The error output is a single line with no stack trace. */
    boolean oneLineError() {
        String e = errors().strip();
        return !e.isEmpty() && !e.contains("\n") && !e.contains("Exception") && !e.contains("\tat ");
    }
}
