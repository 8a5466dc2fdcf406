package org.dlkit.cli;

import java.util.concurrent.Callable;

import org.dlkit.backend.EnvReport;
import org.dlkit.backend.Selection;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dlkit env [--json] [--backend ...]}: the environment report of {@link EnvReport}. */
@Command(name = "env", mixinStandardHelpOptions = true,
        description = "Java, dlkit, the ND4J backend in use and why, BLAS and native binary level, threads, "
                + "workspaces, memory limits, GPUs and whether ND4J's CUDA build can use them.")
public class EnvCommand implements Callable<Integer> {

    @Mixin
    private BackendOption backend;

    @Option(names = "--json", description = "Print the report as JSON.")
    private boolean json;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        Selection selection = backend.start();
        EnvReport report = EnvReport.collect(selection);
        spec.commandLine().getOut().print(json ? report.json() + "\n" : report.text());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
