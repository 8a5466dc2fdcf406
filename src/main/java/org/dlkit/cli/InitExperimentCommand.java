package org.dlkit.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.dlkit.activation.ActivationFunction;
import org.dlkit.activation.Activations;
import org.dlkit.experiment.InitExperiment;
import org.dlkit.experiment.InitExperiment.LayerStats;
import org.dlkit.experiment.InitExperiment.Result;
import org.dlkit.experiment.InitExperiment.Settings;
import org.dlkit.experiment.InitExperiment.Symmetry;
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

    @Option(names = "--layers", description = "hidden layers (default: ${DEFAULT-VALUE})", defaultValue = "10")
    int layers;

    @Option(names = "--units", description = "units per layer and input features (default: ${DEFAULT-VALUE})",
            defaultValue = "500")
    int units;

    @Option(names = "--samples", description = "unit-normal input rows (default: ${DEFAULT-VALUE})", defaultValue = "300")
    int samples;

    @Option(names = "--seed", description = "seed for inputs and weights (default: ${DEFAULT-VALUE})", defaultValue = "42")
    long seed;

    @Option(names = "--init", split = ",", paramLabel = "NAME",
            description = "weight inits, comma-separated (default: all: zero, small_random, xavier, he, lecun)")
    List<String> inits;

    @Option(names = "--activation", split = ",", paramLabel = "NAME",
            description = "activations, comma-separated (default: ${DEFAULT-VALUE})", defaultValue = "tanh,relu,sigmoid")
    List<String> activations;

    @Option(names = "--steps", description = "SGD steps for the zero-init symmetry check (default: ${DEFAULT-VALUE})",
            defaultValue = "15")
    int steps;

    @Override
    public Integer call() {
        backend.start();
        Settings settings = new Settings(layers, units, samples, seed);
        List<WeightInitStrategy> strategies = inits == null ? List.of(WeightInitStrategy.values())
                : inits.stream().map(WeightInitStrategy::get).toList();
        List<ActivationFunction> functions = activations.stream().map(Activations::get).toList();
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%d layers x %d units, %d unit-normal samples, seed %d%n", layers, units, samples, seed);
        List<Result> results = InitExperiment.runAll(settings, strategies, functions);
        printTable(out, "std of each layer's activations", results, true);
        printTable(out, "mean of each layer's activations", results, false);
        if (strategies.contains(WeightInitStrategy.ZERO)) {
            out.println();
            out.printf("zero init, after %d SGD steps on all %d samples:%n", steps, samples);
            for (ActivationFunction f : functions) {
                Symmetry s = InitExperiment.symmetryAfterTraining(settings, WeightInitStrategy.ZERO, f, steps);
                out.printf("  %-10s units %s; |dW| per layer %s%n", f.key(),
                        s.unbroken() ? "still identical in every layer (symmetry never broken)" : "differ",
                        Arrays.stream(s.weightChange()).mapToObj(v -> String.format("%.2g", v)).toList());
            }
        }
        out.println();
        strategies.forEach(s -> out.printf("%-13s %-28s %s%n", s, s.formula(), s.reason()));
        out.flush();
        return 0;
    }

    private void printTable(PrintWriter out, String title, List<Result> results, boolean std) {
        out.println();
        out.println(title + ":");
        StringBuilder header = new StringBuilder(String.format("%-13s %-10s", "init", "activation"));
        for (int i = 1; i <= layers; i++) {
            header.append(String.format(" %9s", "layer " + i));
        }
        out.println(header + (std ? "  last/first  outcome" : ""));
        for (Result r : results) {
            StringBuilder row = new StringBuilder(String.format("%-13s %-10s", r.init(), r.activation().key()));
            for (LayerStats l : r.layers()) {
                row.append(String.format(" %9.3g", std ? l.std() : l.mean()));
            }
            if (std) {
                row.append(String.format("  %10.3g  %s", r.lastOverFirst(), r.verdict()));
            }
            out.println(row);
        }
    }
}
