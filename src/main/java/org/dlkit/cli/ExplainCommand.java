package org.dlkit.cli;

import org.dlkit.Classifier;
import org.dlkit.Explanation;
import org.dlkit.TrainedClassifier;
import org.dlkit.data.LabelledData;
import org.dlkit.error.DlkitException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code dlkit explain}: every configuration choice with the course rule behind it, and the DL4J configuration. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Show the network train would build for a CSV or an image folder, layer by layer, each choice "
                + "with its reason, "
                + "and the DL4J configuration it becomes. Takes the same network options as train. With --model: "
                + "a saved model as it is.")
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

    /** The options that apply with --model as well. */
    private static final Set<String> KEPT_WITH_MODEL = Set.of("--model", "--no-config", "--verbose");

    @Option(names = "--model", paramLabel = "DIR",
            description = "Explain a model saved by train as it is (its columns, layers, settings and metrics) instead "
                    + "of the network train would build; takes no data or network options.")
    Path model;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Explanation explanation;
        if (model != null) {
            spec.commandLine().getParseResult().matchedOptions().stream().map(o -> o.longestName())
                    .filter(o -> !KEPT_WITH_MODEL.contains(o)).findFirst().ifPresent(o -> {
                        throw new DlkitException(o + " describes a new network or its data, but --model explains the "
                                + "saved one as it is; leave " + o + " out, or --model");
                    });
            explanation = TrainedClassifier.load(model).explain();
            out.printf(Locale.ROOT, "%s%n%n", model);
        } else {
            Classifier classifier = network.builder().build();
            LabelledData rows = input.load(read);
            out.printf(Locale.ROOT,
                    "%s%s: %d feature columns, %d classes %s%n%n", rows.source(), rows.format().describe(),
                    rows.featureNames().size(), rows.numClasses(), rows.classNames());
            explanation = classifier.explain(rows);
        }
        out.print(explanation);
        if (!noConfig) {
            out.println();
            out.println("DL4J configuration:");
            out.println(explanation.configuration().toJson());
        }
        return 0;
    }
}
