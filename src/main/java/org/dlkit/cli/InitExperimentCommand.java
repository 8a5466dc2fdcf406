package org.dlkit.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.dlkit.activation.ActivationFunction;
import org.dlkit.activation.Activations;
import org.dlkit.experiment.InitExperiment.Settings;
import org.dlkit.experiment.InitExperimentReport;
import org.dlkit.init.WeightInitStrategy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dlkit init-experiment}: card 31, per-layer activation statistics for each weight init × activation. */
@Command(name = "init-experiment", mixinStandardHelpOptions = true,
        description = {"Push unit-normal inputs through a deep stack of equal layers and print each layer's activation "
                + "mean and std for every weight init × activation (card 31: how to initialise weights, and the results).",
                "Zero init is also trained for a few SGD steps to show that its units stay identical."})
public final class InitExperimentCommand implements Callable<Integer> {

    @Mixin
    BackendOption backend;

    @Spec
    CommandSpec spec;

    @Option(names = "--layers", paramLabel = "N", description = "hidden layers (default: ${DEFAULT-VALUE})", defaultValue = "10")
    int layers;

    @Option(names = "--units", paramLabel = "N", description = "units per layer and input features (default: ${DEFAULT-VALUE})",
            defaultValue = "500")
    int units;

    @Option(names = "--samples", paramLabel = "N", description = "unit-normal input rows (default: ${DEFAULT-VALUE})", defaultValue = "300")
    int samples;

    @Option(names = "--seed", paramLabel = "N", description = "seed for inputs and weights (default: ${DEFAULT-VALUE})", defaultValue = "42")
    long seed;

    @Option(names = "--init", split = ",", paramLabel = "NAME",
            completionCandidates = CatalogueNames.WeightInits.class,
            description = "weight inits, comma-separated (default: card 31's zero, small_random, xavier, he, lecun; "
                    + "any of ${COMPLETION-CANDIDATES})")
    List<String> inits;

    @Option(names = "--activation", split = ",", paramLabel = "NAME",
            description = "activations, comma-separated (default: ${DEFAULT-VALUE})", defaultValue = "tanh,relu,sigmoid")
    List<String> activations;

    @Option(names = "--steps", paramLabel = "N", description = "SGD steps for the zero-init symmetry check (default: ${DEFAULT-VALUE})",
            defaultValue = "15")
    int steps;

    /** The library's parameters that these options set under the same names. */
    private static final Set<String> PARAMETERS = Set.of("layers", "units", "samples", "steps");

    @Override
    public Integer call() {
        backend.start();
        Settings settings = OptionErrors.parameters(PARAMETERS, () -> new Settings(layers, units, samples, seed));
        List<WeightInitStrategy> strategies = inits == null ? WeightInitStrategy.COURSE
                : OptionErrors.named("--init", () -> inits.stream().map(WeightInitStrategy::get).toList());
        List<ActivationFunction> functions = OptionErrors.named("--activation",
                () -> activations.stream().map(Activations::get).toList());
        PrintWriter out = spec.commandLine().getOut();
        out.print(OptionErrors.parameters(PARAMETERS, () -> InitExperimentReport.run(settings, strategies, functions, steps)));
        out.flush();
        return 0;
    }
}
