package org.dlkit.cli;

import org.dlkit.backend.OutOfMemory;
import org.dlkit.error.DlkitException;
import org.dlkit.error.JvmShutdown;
import org.dlkit.error.OutputClosed;
import org.dlkit.logging.QuietLogging;
import org.dlkit.model.AtomicFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code dlkit}: the command line. Exit codes (listed by {@code dlkit --help}): 0 success, 2 usage or input error
 * (one line, no stack trace unless {@code --verbose}), 1 internal error or a failed check, 130 / 143 stopped by SIGINT
 * / SIGTERM, 141 standard output's reader went away.
 */
@Command(name = "dlkit", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Deep-learning course concepts as Deeplearning4j training.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:success", "1:internal error (or a failed gradcheck, a failed build)",
                "2:usage or input error: one line on standard error naming the option, file, row or column "
                        + "(also no Java 17+ found)",
                "130:stopped by Ctrl-C (SIGINT)", "141:the reader of standard output went away (| head)",
                "143:stopped by SIGTERM (kill, a cancelled CI job)"},
        subcommands = {TrainCommand.class, EvaluateCommand.class, PredictCommand.class, ExplainCommand.class,
                PlotCommand.class, InitExperimentCommand.class, GradientDescentCommand.class, GradcheckCommand.class,
                EnvCommand.class, BenchCommand.class,
                CommandLine.HelpCommand.class})
public final class Main {

    /** Shows stack traces and ND4J's log lines. */
    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Show stack traces and library log output.")
    boolean verbose;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code (for tests and embedding). */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs the command line with the given standard output and error. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        boolean verbose = java.util.Arrays.asList(args).contains("--verbose");
        if (System.getProperty(QuietLogging.LEVEL_PROPERTY) == null) {
            System.setProperty(QuietLogging.LEVEL_PROPERTY, verbose ? "INFO" : "WARN");
        }
        System.setProperty("java.awt.headless", "true");
        CommandLine cli = commandLine(verbose);
        cli.setOut(out);
        cli.setErr(err);
        try {
            int code = cli.execute(args);
            if (code != 0 || !out.checkError()) {
                return code;
            }
            // standard output closed by its reader (dlkit ... | head -1): quiet, as a Unix tool stopped by SIGPIPE;
            // a file or device that failed (> /dev/full) is an error to report
            if (standardOutputIsPipe()) {
                return OutputClosed.EXIT_CODE;
            }
            err.println("dlkit: standard output: cannot write (is the disk full?); what it holds is incomplete");
            return 2;
        } catch (OutOfMemoryError e) {
            // picocli hands only Exceptions to the execution exception handler; an Error may end up here
            return report(e, err, verbose);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /**
     * Whether this process's standard output is a pipe or socket ({@code /proc/self/fd/1} reads {@code pipe:[...]}),
     * where a failed write means that the reader went away; true where that cannot be told (not Linux).
     */
    static boolean standardOutputIsPipe() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/1")).toString();
            return target.startsWith("pipe:") || target.startsWith("socket:");
        } catch (IOException | UnsupportedOperationException e) {
            return true;
        }
    }

    static CommandLine commandLine(boolean verbose) {
        CommandLine cli = new CommandLine(new Main());
        cli.registerConverter(Path.class, Main::path);
        cli.setExecutionStrategy(parseResult -> {
            refuseStandardOutputAsDirectory(parseResult);
            return new CommandLine.RunLast().execute(parseResult);
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> report(e, commandLine.getErr(), verbose));
        cli.setParameterExceptionHandler((e, args) -> {
            PrintWriter err = e.getCommandLine().getErr();
            // one line: picocli's message (it names the option) and where the usage is
            String suggestions = e instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()
                    ? "; did you mean " + String.join(" or ", u.getSuggestions()) + "?" : "";
            List<String> commands = e.getCommandLine().getSubcommands().keySet().stream()
                    .filter(c -> !c.equals("help")).toList();
            if (suggestions.isEmpty() && !commands.isEmpty()) { // "dlkit", "dlkit trian", "dlkit plot"
                suggestions = "; the commands are: " + String.join(", ", commands);
            }
            err.println("dlkit: " + e.getMessage().strip().replaceAll("\\s*\\R\\s*", "; ") + suggestions + " (see '"
                    + e.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
            return 2;
        });
        return cli;
    }

    /**
     * {@code -} stands for standard output in the file options ({@code predict --out -}, {@code evaluate --json -});
     * a directory option ({@code train --out}, {@code plot activations --out}, {@code --model}) refuses it rather than
     * use a directory named '-'.
     */
    private static void refuseStandardOutputAsDirectory(CommandLine.ParseResult parseResult) {
        for (CommandLine.ParseResult p = parseResult; p != null; p = p.subcommand()) {
            for (CommandLine.Model.OptionSpec o : p.matchedOptions()) {
                if (o.type() == Path.class && o.paramLabel().equals("DIR")
                        && AtomicFiles.isStandardOutput(o.getValue())) {
                    throw new CommandLine.ParameterException(p.commandSpec().commandLine(), o.longestName()
                            + ": '-' (standard input or output) cannot be a directory; expected a directory name");
                }
            }
        }
    }

    /**
     * One line for a failed command: a {@link DlkitException} or running out of memory is the input's fault (exit
     * 2), anything else an internal error (exit 1); the stack trace only with --verbose.
     */
    private static int report(Throwable e, PrintWriter err, boolean verbose) {
        if (JvmShutdown.inProgress() && !verbose) {
            return 130; // Ctrl-C: the interrupt hook says what is kept; what failed under the hooks is not news
        }
        if (e instanceof OutputClosed) {
            return OutputClosed.EXIT_CODE; // its reader stopped reading (| head): not news either
        }
        DlkitException line = OutOfMemory.of(e);
        if (line == null && e instanceof DlkitException d) {
            line = d;
        }
        err.println(line != null ? "dlkit: " + line.getMessage()
                : "dlkit: internal error: " + e + (verbose ? "" : " (run with --verbose for the stack trace)"));
        if (verbose) {
            e.printStackTrace(err);
        }
        err.flush();
        return line != null ? 2 : 1;
    }

    /** Every path option: an empty value is refused (it would mean the working directory). */
    private static Path path(String value) {
        if (value.isBlank()) {
            throw new CommandLine.TypeConversionException("'" + value
                    + "' is empty; expected a file or directory name");
        }
        return Path.of(value);
    }
}
