package org.dlkit.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.dlkit.activation.ActivationPlots;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dlkit plot activations --out DIR}: one PNG per catalogue function, function and derivative together. */
@Command(name = "activations", mixinStandardHelpOptions = true,
        description = "Write one PNG per activation function of the catalogue (sigmoid, tanh, ReLU, Leaky ReLU, "
                + "PReLU, ELU, softmax and the others `dlkit train --help` lists under --activation), the function "
                + "and its derivative on one chart.")
public final class PlotActivationsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "directory for the PNGs (created if missing)")
    Path out;

    @Option(names = "--force", description = "overwrite existing PNGs")
    boolean force;

    @Override
    public Integer call() {
        PrintWriter w = spec.commandLine().getOut();
        for (Path p : ActivationPlots.writeAll(out, force)) {
            w.println("wrote " + p);
        }
        w.flush();
        return 0;
    }
}
