package org.dlkit.cli;

import org.dlkit.Classifier;
import org.dlkit.Explanation;
import org.dlkit.data.LabelledData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code dlkit explain}: every configuration choice with the course rule behind it, and the DL4J configuration. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Show the network train would build for a CSV or an image folder, layer by layer, each choice "
                + "with its reason, "
                + "and the DL4J configuration it becomes. Takes the same network options as train.")
final class ExplainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    InputOptions input;

    @Mixin
    ReadOptions read;

    @Option(names = "--no-config", description = "Leave out the DL4J configuration JSON.")
    boolean noConfig;

    @Mixin
    NetworkOptions network;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Classifier classifier = network.builder().build();
        LabelledData rows = input.load(read);
        out.printf("%s%s: %d feature columns, %d classes %s%n%n", input.source(), rows.format().describe(),
                rows.featureNames().size(), rows.numClasses(), rows.classNames());
        Explanation explanation = classifier.explain(rows);
        out.print(explanation);
        if (!noConfig) {
            out.println();
            out.println("DL4J configuration:");
            out.println(explanation.configuration().toJson());
        }
        return 0;
    }
}
